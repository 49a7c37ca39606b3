/**
 * Consents of natural persons to partners (a bank for 信易贷 loans, an HR firm for background
 * checks) for the purposes that need one (personalDataBasis CONSENT), covering the items shared
 * for that purpose that hold natural persons. Always with an expiry (49号 七(十四)); some have
 * expired, some were revoked.
 */
import type { CatalogBundle } from '../catalog/catalog.bundle';
import type { CatalogIndex } from '../catalog/catalog.index';
import { addMonths } from '../time/legal-date';
import type { DemoAgency } from './agencies';
import type { ChunkRows, ConsentRow, SeedContext } from './context';
import { chance, mixSeed, pick, type Rng } from './random';
import { dateBetween, officeTime } from './days';
import type { SubjectDraft } from './subjects';

export interface ConsentOffer {
  readonly purpose: string;
  readonly itemCodes: readonly string[];
  readonly grantees: readonly DemoAgency[];
  readonly channels: readonly string[];
}

// Which partner systems ask for which consent purpose.
const GRANTEE_SYSTEMS: Readonly<Record<string, readonly string[]>> = {
  FINANCIAL_SERVICE: ['BANK'],
  EMPLOYMENT_SCREENING: ['HR_SERVICE'],
};
const CHANNELS: Readonly<Record<string, readonly string[]>> = {
  FINANCIAL_SERVICE: ['手机银行', '网点柜台', '信易贷平台'],
  EMPLOYMENT_SCREENING: ['招聘系统在线授权', '纸质授权书'],
};

/** The consents the catalog makes meaningful: purpose × partners × items shared for it. */
export function consentOffers(catalog: CatalogIndex, bundle: CatalogBundle, agencies: readonly DemoAgency[]): ConsentOffer[] {
  return bundle.purposes.filter((p) => p.personalDataBasis === 'CONSENT').flatMap((p) => {
    const itemCodes = catalog.itemsInForce()
      .filter((i) => i.subjectKinds.includes('NATURAL_PERSON') && i.share.purposes.includes(p.code))
      .map((i) => i.code).sort();
    const systems = GRANTEE_SYSTEMS[p.code] ?? [];
    const grantees = agencies.filter((a) => a.kind === 'PARTNER' && systems.includes(a.system));
    return itemCodes.length && grantees.length ? [{ purpose: p.code, itemCodes, grantees, channels: CHANNELS[p.code] ?? ['在线授权'] }] : [];
  });
}

export function consentsFor(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, offers: readonly ConsentOffer[], count: number): void {
  if (offers.length === 0) return;
  for (let i = 0; i < count; i++) {
    const offer = pick(rng, offers);
    const granted = dateBetween(rng, addMonths(ctx.today, -36), ctx.today);
    const grantedAt = officeTime(rng, granted);
    // One loan or hiring decision: 6, 12 or 24 months, never open-ended.
    const expires = addMonths(granted, pick(rng, [6, 12, 12, 24]));
    const expiresAt = officeTime(rng, expires);
    const revokedAt = chance(rng, 0.1) ? revocation(rng, grantedAt, expires < ctx.today ? expires : ctx.today) : null;
    const row: ConsentRow = {
      id: ++ctx.ids.consent, subjectId: s.id, granteeAgencyCode: pick(rng, offer.grantees).code,
      purposes: [offer.purpose], itemCodes: [...offer.itemCodes], grantedAt, expiresAt, revokedAt,
      channel: pick(rng, offer.channels), evidence: `授权书电子签名摘要 ${evidenceHash(ctx.seed, s.id, i)}`,
    };
    out.consents.push(row);
  }
}

/** A revocation between the grant and `last`, never before the grant itself. */
function revocation(rng: Rng, grantedAt: Date, last: string): Date {
  const at = officeTime(rng, dateBetween(rng, grantedAt.toISOString().slice(0, 10), last));
  return at > grantedAt ? at : new Date(grantedAt.getTime() + 3_600_000);
}

/** A deterministic stand-in for the signature digest a real channel would keep. */
function evidenceHash(seed: number, subjectId: number, n: number): string {
  let hex = '';
  for (let k = 0; k < 4; k++) hex += mixSeed(seed, subjectId, n, k).toString(16).padStart(8, '0');
  return hex;
}

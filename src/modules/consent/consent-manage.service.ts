/**
 * ConsentManagementService: a subject grants, revokes and lists its own consents. A grant or
 * a revocation is one statement and takes effect for the next request: the read path
 * (ConsentService.ensureLoaded) asks for consents live at that request's clock.
 */
import { encodeId, tryDecodeId } from '../../graphql/opaque-id';
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import { keysetPage, seekAfter, type Page, type PageArgs } from '../../graphql/connection';
import type { Caller } from '../caller';
import type { Disclosed } from '../../policy/decision';
import { procedureView } from '../../policy/procedure-view';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { AgencyRow } from '../agency/agency.repo';
import type { GrantConsentInput } from './consent.input';
import type { ConsentRow } from './consent.repo';
import type { UnitOfWork } from '../unit-of-work';
import { Consent, type ConsentStateValue } from './consent.type';

const DAY_MS = 86_400_000;
const MAX_TEXT = 500;

export const encodeConsentId = (id: number) => encodeId('Consent', id);
const decodeConsentId = (id: string) => tryDecodeId('Consent', id);

/** The state at `now`, by the same rule the read path applies when it asks for live consents. */
export function consentState(row: Pick<ConsentRow, 'expiresAt' | 'revokedAt'>, now: Date): ConsentStateValue {
  if (row.revokedAt !== null && row.revokedAt <= now) return 'REVOKED';
  return row.expiresAt <= now ? 'EXPIRED' : 'ACTIVE';
}

const unique = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export class ConsentManagementService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly agencies: AgencyDirectory,
    /** Longest a consent may run, in days (CONSENT_MAX_DAYS). */
    private readonly maxDays: number,
  ) {}

  async grant(ctx: Caller, input: GrantConsentInput): Promise<Disclosed<Consent>> {
    const subjectId = this.subjectOf(ctx);
    const agency = this.agencies.get(input.agencyCode.trim());
    if (!agency) throw appError('NOT_FOUND', `agencyCode: no agency ${input.agencyCode}`);
    const purposes = this.checkPurposes(unique(input.purposes));
    const itemCodes = unique(input.itemCodes);
    this.checkItems(itemCodes, agency, purposes);
    const expiresAt = this.checkExpiry(input.expiresAt ?? null, ctx.now);
    const row = await this.work.repos.consents.insert({
      subjectId,
      granteeAgencyCode: agency.code,
      purposes,
      itemCodes,
      grantedAt: ctx.now,
      expiresAt,
      channel: this.text('channel', input.channel),
      evidence: this.text('evidence', input.evidence),
    });
    return this.view(row, ctx.now);
  }

  /** Effective at once; only one's own consent; a revoked or expired one cannot be revoked again. */
  async revoke(ctx: Caller, id: string): Promise<Disclosed<Consent>> {
    const subjectId = this.subjectOf(ctx);
    const dbId = decodeConsentId(id);
    const revoked = dbId === undefined ? undefined : await this.work.repos.consents.revoke(dbId, subjectId, ctx.now);
    if (revoked) return this.view(revoked, ctx.now);
    const row = dbId === undefined ? undefined : await this.work.repos.consents.findById(dbId);
    if (!row || row.subjectId !== subjectId) throw appError('NOT_FOUND', `no consent ${id} of yours`);
    if (row.revokedAt !== null) {
      throw appError('INVALID_TRANSITION', `consent ${id} was already revoked at ${row.revokedAt.toISOString()}`);
    }
    if (row.grantedAt > ctx.now) throw appError('INVALID_TRANSITION', `consent ${id} was granted after this request's time`);
    throw appError('INVALID_TRANSITION', `consent ${id} expired at ${row.expiresAt.toISOString()}; there is nothing left to revoke`);
  }

  async list(ctx: Caller, page: PageArgs): Promise<Page<Disclosed<Consent>>> {
    const subjectId = this.subjectOf(ctx);
    const list = `myConsents:${subjectId}`;
    const { types, keyOf } = this.work.repos.consents.keyset();
    const seek = seekAfter(list, types, page);
    const { rows, total, through } = await this.work.repos.consents.pageForSubject(subjectId, seek);
    return keysetPage({ list, seek, rows, keyOf, nodes: rows.map((r) => this.view(r, ctx.now)), totalCount: total, throughAfter: through });
  }

  private subjectOf(ctx: Caller): number {
    if (ctx.principal.subjectId === undefined) throw appError('FORBIDDEN', 'only a subject manages its own consents');
    return ctx.principal.subjectId;
  }

  /**
   * Only purposes whose personal-data basis is consent. For a STATUTORY_DUTY purpose the law,
   * not the person, authorises the reading (个人信息保护法 第十三条第一款第（三）项): a consent
   * there would change nothing, and revoking it would mislead the person into thinking it had.
   */
  private checkPurposes(codes: string[]): string[] {
    if (codes.length === 0) throw appError('BAD_USER_INPUT', 'purposes: name at least one purpose');
    const consentPurposes = this.catalog.bundle.purposes.filter((p) => p.personalDataBasis === 'CONSENT' && p.declaredBy.includes('AGENCY'));
    const known = consentPurposes.map((p) => p.code).join(', ');
    for (const code of codes) {
      const purpose = this.catalog.purpose(code);
      if (!purpose) throw appError('BAD_USER_INPUT', `purposes: ${code} is not a purpose; consent can be given for: ${known}`);
      if (!purpose.declaredBy.includes('AGENCY') || purpose.personalDataBasis !== 'CONSENT') {
        throw appError(
          'BAD_USER_INPUT',
          `purposes: ${code} (${purpose.name}) does not rest on consent (${purpose.personalDataBasis}); agencies read for it on their ` +
            `legal duty whether or not you consent, so a consent would change nothing. Consent can be given for: ${known}`,
        );
      }
    }
    return codes;
  }

  /** Items in force that the agency may receive for one of the purposes (minimum necessary, 49号 七(十四)). */
  private checkItems(codes: string[], agency: AgencyRow, purposes: readonly string[]): void {
    if (codes.length === 0) throw appError('BAD_USER_INPUT', 'itemCodes: name at least one catalog item');
    for (const code of codes) {
      const item = this.catalog.itemByCode(code);
      if (!item) throw appError('NOT_IN_CATALOG', `itemCodes: ${code} is not an item of the catalog in force`);
      const { share } = item;
      const toAgency = share.agencies.includes('*') || share.agencies.includes(agency.system);
      if (share.scope === 'NONE' || !toAgency || !purposes.some((p) => share.purposes.includes(p))) {
        throw appError(
          'BAD_USER_INPUT',
          `itemCodes: item ${code} (${item.name}) is not shared with ${agency.code} for ${purposes.join(', ')}; a consent cannot widen the catalog`,
        );
      }
    }
  }

  private checkExpiry(expiresAt: Date | null, now: Date): Date {
    const rule = '49号 七(十四) forbids collecting and using personal credit information on a one-time lifetime authorisation';
    if (expiresAt === null) {
      throw appError('BAD_USER_INPUT', `expiresAt: a consent without an expiry is a lifetime grant; ${rule}. Give an expiry within ${this.maxDays} days`);
    }
    if (expiresAt <= now) throw appError('BAD_USER_INPUT', `expiresAt ${expiresAt.toISOString()} is not in the future`);
    const latest = new Date(now.getTime() + this.maxDays * DAY_MS);
    if (expiresAt > latest) {
      throw appError('BAD_USER_INPUT', `expiresAt: at most ${this.maxDays} days ahead (until ${latest.toISOString()}); ${rule}. Grant again when it ends`);
    }
    return expiresAt;
  }

  private text(field: string, value: string): string {
    const t = value.trim();
    if (!t) throw appError('BAD_USER_INPUT', `${field}: must not be blank`);
    if ([...t].length > MAX_TEXT) throw appError('BAD_USER_INPUT', `${field}: at most ${MAX_TEXT} characters`);
    return t;
  }

  private view(row: ConsentRow, now: Date): Disclosed<Consent> {
    const consent = Object.assign(new Consent(), {
      id: encodeConsentId(row.id),
      agencyCode: row.granteeAgencyCode,
      agencyName: this.agencies.get(row.granteeAgencyCode)?.name ?? null,
      purposes: row.purposes,
      itemCodes: row.itemCodes,
      grantedAt: row.grantedAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      channel: row.channel,
      evidence: row.evidence,
      state: consentState(row, now),
    });
    return procedureView(consent, 'consent', row.subjectId, 'OWN');
  }
}

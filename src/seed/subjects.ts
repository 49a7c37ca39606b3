/**
 * Generated credit subjects: ~70 % legal persons, ~15 % individual businesses (USCC 92…, the
 * operator as legal representative), ~15 % natural persons (ID number only, as hash and
 * ciphertext). Everything about subject n comes from its own random stream.
 */
import type { IdNumberVault } from '../identifiers';
import type { subjects } from '../db/schema';
import { generatedPerson, type Person, subjectUscc } from './identities';
import {
  INDUSTRIES, REGIONS, address, businessScope, companyName, mobilePhone, personName, shopName,
  type Industry, type Region,
} from './names';
import { STREAMS, between, chance, pick, streamRng, weighted, type Rng } from './random';
import { dateBetween } from './days';

export type SubjectRow = typeof subjects.$inferInsert;
export type SubjectKind = SubjectRow['kind'];

/** A subject as the record generators need it: its row plus the facts behind it. */
export interface SubjectDraft {
  readonly id: number;
  readonly kind: SubjectKind;
  readonly row: SubjectRow;
  readonly region: Region;
  readonly industry: Industry | null;
  /** The natural person a NATURAL_PERSON subject is, or the legal representative / operator. */
  readonly person: Person & { name: string };
  readonly establishedOn: string | null;
}

export interface SubjectContext {
  readonly seed: number;
  readonly vault: IdNumberVault;
  readonly today: string;
}

/** Registration dates: most enterprises alive today were registered in the last decade. */
function establishedOn(rng: Rng, kind: SubjectKind, today: string): string {
  const from = weighted(rng, kind === 'LEGAL_PERSON'
    ? [['1995-01-01', 1], ['2008-01-01', 2], ['2016-01-01', 4]] as const
    : [['2005-01-01', 1], ['2015-01-01', 3]] as const);
  return dateBetween(rng, from, today < '2025-12-31' ? today : '2025-12-31');
}

function capital(rng: Rng, kind: SubjectKind): string | null {
  if (kind === 'NATURAL_PERSON') return null;
  if (kind === 'INDIVIDUAL_BUSINESS') return chance(rng, 0.6) ? String(between(rng, 1, 50)) : null;
  return String(pick(rng, [10, 30, 50, 100, 100, 200, 300, 500, 500, 1000, 2000, 5000, 10000, 50000]));
}

export function encryptId(vault: IdNumberVault, idNumber: string): { hash: string; cipher: string } {
  return { hash: vault.lookupHash(idNumber).toString('hex'), cipher: vault.encrypt(idNumber).toString('base64') };
}

export function generateSubject(ctx: SubjectContext, id: number): SubjectDraft {
  const rng = streamRng(ctx.seed, STREAMS.subject, id);
  const kind = weighted<SubjectKind>(rng, [['LEGAL_PERSON', 70], ['INDIVIDUAL_BUSINESS', 15], ['NATURAL_PERSON', 15]]);
  const region = pick(rng, REGIONS);
  if (kind === 'NATURAL_PERSON') return naturalPerson(ctx, rng, id);
  const industry = pick(rng, INDUSTRIES);
  const base = generatedPerson(ctx.seed, 2 * id + 1);
  const person = { ...base, name: personName(rng, base.male) };
  const established = establishedOn(rng, kind, ctx.today);
  const uscc = subjectUscc(ctx.seed, id, kind === 'INDIVIDUAL_BUSINESS', region.code, established);
  const named = kind === 'LEGAL_PERSON'
    ? companyName(rng, region, industry)
    : { name: shopName(rng, region, industry, person.name), joint: false };
  const rep = encryptId(ctx.vault, person.idNumber);
  const row: SubjectRow = {
    id, kind, uscc, idNumberHash: null, idNumberCipher: null, name: named.name,
    legalRepresentative: person.name, legalRepIdHash: rep.hash, legalRepIdCipher: rep.cipher,
    entityType: entityType(rng, kind, named.joint),
    status: weighted(rng, [['存续', 93], ['吊销，未注销', 4], ['注销', 3]] as const),
    establishedOn: established, registeredCapital: capital(rng, kind), address: address(rng, region),
    phone: mobilePhone(rng), registrationAuthority: `${region.city}${region.district}市场监督管理局`,
    businessScope: businessScope(industry), regionCode: region.code, updatedAt: new Date(`${ctx.today}T00:00:00+08:00`),
  };
  return { id, kind, row, region, industry, person, establishedOn: established };
}

function entityType(rng: Rng, kind: SubjectKind, joint: boolean): string {
  if (kind === 'INDIVIDUAL_BUSINESS') return '个体工商户';
  if (joint) return '股份有限公司（非上市、自然人投资或控股）';
  return weighted(rng, [
    ['有限责任公司（自然人投资或控股）', 6], ['有限责任公司（自然人独资）', 2], ['有限责任公司（法人独资）', 1], ['其他有限责任公司', 1],
  ] as const);
}

function naturalPerson(ctx: SubjectContext, rng: Rng, id: number): SubjectDraft {
  const base = generatedPerson(ctx.seed, 2 * id);
  const person = { ...base, name: personName(rng, base.male) };
  // A person's region is where the ID number was issued: the generator's divisions only.
  const region = REGIONS.find((r) => r.code === base.divisionCode)!;
  const own = encryptId(ctx.vault, person.idNumber);
  const row: SubjectRow = {
    id, kind: 'NATURAL_PERSON', uscc: null, idNumberHash: own.hash, idNumberCipher: own.cipher, name: person.name,
    legalRepresentative: null, legalRepIdHash: null, legalRepIdCipher: null, entityType: null, status: '正常',
    establishedOn: null, registeredCapital: null, address: address(rng, region), phone: mobilePhone(rng),
    registrationAuthority: null, businessScope: null, regionCode: region.code, updatedAt: new Date(`${ctx.today}T00:00:00+08:00`),
  };
  return { id, kind: 'NATURAL_PERSON', row, region, industry: null, person, establishedOn: null };
}

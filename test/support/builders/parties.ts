/**
 * Subjects and agencies a test needs, written to their tables. No service creates them: in a
 * deployment they arrive as reference data (the registration exchange, the agency registry),
 * as the seeder writes them. ID numbers are stored as the application stores them (keyed hash
 * and ciphertext, src/identifiers), so lookups by number find them.
 */
import { agencies, subjects } from '../../../src/db/schema';
import type { IdNumberVault } from '../../../src/identifiers';
import type { TestServer } from '../server';
import { residentIdBornOn, uniqueAgencyCode, uniqueResidentId, uniqueUscc } from './identifiers';

export type OrganisationKind = 'LEGAL_PERSON' | 'INDIVIDUAL_BUSINESS';

/** A subject as the test knows it: its row id (for a SUBJECT token), code or number, name, region. */
export interface BuiltSubject {
  readonly id: number;
  readonly kind: OrganisationKind | 'NATURAL_PERSON';
  readonly name: string;
  readonly regionCode: string;
  /** USCC of an organisation or individual business; undefined for a natural person. */
  readonly uscc: string | undefined;
  /** Resident ID number of a natural person; undefined for an organisation. */
  readonly idNumber: string | undefined;
  /** The legal representative's resident ID number (organisations built with one). */
  readonly legalRepIdNumber: string | undefined;
  /** How operations name the subject: `{ subjectCode }` or `{ subjectIdNumber }`. */
  readonly ref: { subjectCode: string } | { subjectIdNumber: string };
}

export interface OrganisationSpec {
  kind?: OrganisationKind;
  name?: string;
  /** GB/T 2260 region of registration; default 320106 (南京市鼓楼区). */
  region?: string;
  /** Default 张伟 with a resident ID of the same region; null for none. */
  legalRepresentative?: string | null;
  /** Registered address (住所); default none. */
  address?: string;
  /** Contact telephone; default none. */
  phone?: string;
  /** A given USCC (a fixture file names the subject by it); default a new one (uniqueUscc). */
  uscc?: string;
  /** 注册资本 in 万元, as the register gives it (e.g. '376000.0000'); default none. */
  registeredCapital?: string;
}

export interface PersonSpec {
  name?: string;
  /** Default 320106. */
  region?: string;
  /** Birth date written into the resident ID number (e.g. a minor's); default one in 1930–1949. */
  birthDate?: string;
  /** Contact telephone; default none. */
  phone?: string;
}

export interface AgencySpec {
  system: string;
  level: 'NATIONAL' | 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';
  region: string;
  kind?: 'DEPARTMENT' | 'COURT' | 'PARTNER' | 'PLATFORM';
  name?: string;
  code?: string;
  /** The agency's own USCC, where rows name it by that code (处罚机关统一社会信用代码); default none. */
  uscc?: string;
}

const sealed = (vault: IdNumberVault, idNumber: string) => ({
  hash: vault.lookupHash(idNumber).toString('hex'),
  cipher: vault.encrypt(idNumber).toString('base64'),
});

let nameSeq = 0;

export async function insertOrganisation(server: TestServer, vault: IdNumberVault, spec: OrganisationSpec = {}): Promise<BuiltSubject> {
  const kind = spec.kind ?? 'LEGAL_PERSON';
  const region = spec.region ?? '320106';
  const uscc = spec.uscc ?? uniqueUscc(region, kind === 'INDIVIDUAL_BUSINESS');
  const name = spec.name ?? `测试${kind === 'INDIVIDUAL_BUSINESS' ? '个体商户' : '科技有限公司'}${(nameSeq += 1)}`;
  const representative = spec.legalRepresentative === undefined ? '张伟' : spec.legalRepresentative;
  const repId = representative ? uniqueResidentId(region) : undefined;
  const rep = repId ? sealed(vault, repId) : undefined;
  const [row] = await server.database.db.insert(subjects).values({
    kind, uscc, name, regionCode: region, address: spec.address ?? null, phone: spec.phone ?? null, legalRepresentative: representative, legalRepIdHash: rep?.hash ?? null, legalRepIdCipher: rep?.cipher ?? null,
    registeredCapital: spec.registeredCapital ?? null, entityType: kind === 'INDIVIDUAL_BUSINESS' ? '个体工商户' : '有限责任公司（自然人投资或控股）', status: '存续', establishedOn: '2018-05-10',
  }).returning({ id: subjects.id });
  return { id: row!.id, kind, name, regionCode: region, uscc, idNumber: undefined, legalRepIdNumber: repId, ref: { subjectCode: uscc } };
}

export async function insertPerson(server: TestServer, vault: IdNumberVault, spec: PersonSpec = {}): Promise<BuiltSubject> {
  const region = spec.region ?? '320106';
  const idNumber = spec.birthDate ? residentIdBornOn(region, spec.birthDate) : uniqueResidentId(region);
  const own = sealed(vault, idNumber);
  const name = spec.name ?? `测试人${(nameSeq += 1)}`;
  const [row] = await server.database.db.insert(subjects).values({
    kind: 'NATURAL_PERSON', uscc: null, idNumberHash: own.hash, idNumberCipher: own.cipher, name, regionCode: region, phone: spec.phone ?? null, status: '正常',
  }).returning({ id: subjects.id });
  return { id: row!.id, kind: 'NATURAL_PERSON', name, regionCode: region, uscc: undefined, idNumber, legalRepIdNumber: undefined, ref: { subjectIdNumber: idNumber } };
}

/** Registers an agency and reloads the server's directory, so tokens naming it are accepted at once. */
export async function insertAgency(server: TestServer, spec: AgencySpec): Promise<{ code: string }> {
  const [code] = await insertAgencies(server, [spec]);
  return { code: code! };
}

/** Registers several agencies with one reload of the directory. */
export async function insertAgencies(server: TestServer, specs: readonly AgencySpec[]): Promise<string[]> {
  const rows = specs.map((spec) => ({
    code: spec.code ?? uniqueAgencyCode(`${spec.system}_${spec.region}`), name: spec.name ?? `${spec.system} ${spec.region}（测试）`,
    level: spec.level, kind: spec.kind ?? 'DEPARTMENT', system: spec.system, regionCode: spec.region, uscc: spec.uscc ?? null,
  }));
  if (rows.length) await server.database.db.insert(agencies).values(rows);
  await server.app.services.agencies.reload();
  return rows.map((r) => r.code);
}

/** Partners as the registry knows them: the system is the catalog's, for the sharing agreements. */
const PARTNERS: Readonly<Record<string, Omit<AgencySpec, 'code' | 'kind'>>> = {
  JS_PRTC: { system: 'PRTC', level: 'PROVINCE', region: '320000', name: '江苏省公共资源交易中心' },
  NJ_GPC: { system: 'GOV_PROCUREMENT', level: 'PREFECTURE', region: '320100', name: '南京市政府采购中心' },
  JL_BANK: { system: 'BANK', level: 'PREFECTURE', region: '320100', name: '江苏金陵商业银行股份有限公司' },
  SZ_BANK: { system: 'BANK', level: 'PREFECTURE', region: '440300', name: '深圳前湾商业银行股份有限公司' },
  NJ_HR: { system: 'HR_SERVICE', level: 'PREFECTURE', region: '320100', name: '南京英才人力资源服务有限公司' },
  JS_CREDIT_SVC: { system: 'CREDIT_SERVICE', level: 'PROVINCE', region: '320000', name: '江苏诚信信用管理有限公司' },
};

/** A partner by its registry code (JS_PRTC, JL_BANK, NJ_HR…). */
export function partnerAgency(code: string): AgencySpec {
  const spec = PARTNERS[code];
  if (!spec) throw new Error(`no test partner ${code}; known: ${Object.keys(PARTNERS).join(', ')}`);
  return { ...spec, code, kind: 'PARTNER' };
}

/**
 * A government agency named the way the registry names them — `SYSTEM_REGION` (SAMR_320106),
 * or `SYSTEM` alone for the national body — read back into its row: the level from the GB/T
 * 2260 region (100000 national, xx0000 province, xxxx00 prefecture, else county), courts for
 * SPC, the social-credit platform for NDRC, departments otherwise.
 */
export function governmentAgency(code: string): AgencySpec {
  const m = /^([A-Z][A-Z_]*?)(?:_(\d{6}))?$/.exec(code);
  if (!m) throw new Error(`not a SYSTEM or SYSTEM_REGION agency code: ${code}`);
  const system = m[1]!;
  const region = m[2] ?? '100000';
  const level = region === '100000' ? 'NATIONAL' : region.endsWith('0000') ? 'PROVINCE' : region.endsWith('00') ? 'PREFECTURE' : 'COUNTY';
  const kind = system === 'SPC' ? 'COURT' : system === 'NDRC' ? 'PLATFORM' : 'DEPARTMENT';
  return { code, system, level, region, kind };
}

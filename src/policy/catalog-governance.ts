/**
 * Governance of catalog and measures-list versions (issue 11 item 6): what a version published
 * through the API must carry besides its publisher's power (src/policy/powers.ts) — a legal
 * basis of the level the guideline requires, and the records of its approval (批准) and public
 * consultation (公开征求意见). Pure decisions over the version's document and records; the
 * publishing service refuses with them and the accountability report judges stored versions
 * with the very same function (`publicationRefusals`).
 *
 * Legal basis (the levels are LEGAL_BASIS_LEVELS, src/catalog/legal-basis.schema.ts):
 * - a measure (49号 五(九): 直接援引法律、法规或者党中央、国务院政策文件为依据): every basis it gives — an
 *   applying agency may cite any one of them — is a LAW, an ADMINISTRATIVE_REGULATION or a
 *   STATE_COUNCIL_DOCUMENT. The measures list is national, so a local regulation is no basis for
 *   it (各地 make their own 补充清单 on local regulations).
 * - an item publishing natural persons' data (49号 三(四): 公开个人相关信息的，必须有明确的法律、法规或者
 *   国务院决定、命令作为依据): a LAW or an ADMINISTRATIVE_REGULATION, or in a supplementary catalog a
 *   LOCAL_REGULATION of that region. STATE_COUNCIL_DOCUMENT is not admitted: the level does not
 *   tell a 国务院决定、命令 from a policy opinion, which 三(四) does not accept.
 * - a supplementary catalog (49号 二(一): 各地可依据地方性法规…制定…补充目录): at least one basis of
 *   LOCAL_REGULATION level or higher.
 * Free text is no basis for a version drafted through the API: its level cannot be checked.
 *
 * Records, for every kind: the approval (body, date, document number), on or before the day of
 * publication; the public consultation (from, to, channel), ≥ 30 days, closed before the
 * approval. 二(一) (catalog) and 五(九) (measures list) both require 征求…社会公众意见 before 审定
 * and 向社会公布, and supplementary catalogs follow 参照…制定程序; the guideline sets a period only
 * for list standards (四(七) 公开征求意见期限不少于30日), which is applied to these too.
 */
import { DOCUMENT_SPECS, type DocumentOf } from '../catalog/catalog.documents';
import { formatPath } from '../catalog/catalog.problems';
import type { PathKey } from '../catalog/catalog.source';
import { basisText, isStructured, type BasisRef, type LegalBasisLevel } from '../catalog/legal-basis.schema';
import type { VersionApproval, VersionConsultation } from '../db/schema/catalog';
import type { AgencyFacts } from './jurisdiction';
import { mayPublishVersion, type VersionFacts } from './powers';

/** 49号 四(七): 公开征求意见期限不少于30日 (applied to catalogs and measures lists as well). */
export const MIN_CONSULTATION_DAYS = 30;

export type VersionDocument = DocumentOf<'BASE_CATALOG'> | DocumentOf<'SUPPLEMENTARY_CATALOG'> | DocumentOf<'MEASURE_LIST'> | DocumentOf<'SHARING_AGREEMENTS'>;

/** A problem of the document at `path` (for file:line reporting of a draft). */
export interface BasisProblem {
  readonly path: readonly PathKey[];
  readonly message: string;
}

export interface PublicationRecords {
  readonly approval: VersionApproval | null | undefined;
  readonly consultation: VersionConsultation | null | undefined;
}

export interface GovernanceRefusal {
  readonly code: 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_ELIGIBLE';
  readonly reason: string;
}

interface LevelRule {
  readonly admits: readonly LegalBasisLevel[];
  /** What is needed and why, cited. */
  readonly needs: string;
}

const MEASURE_BASIS: LevelRule = {
  admits: ['LAW', 'ADMINISTRATIVE_REGULATION', 'STATE_COUNCIL_DOCUMENT'],
  needs: 'a measure needs a LAW, an ADMINISTRATIVE_REGULATION or a STATE_COUNCIL_DOCUMENT (49号 五(九): 对失信主体采取减损权益或增加义务的惩戒措施，必须…直接援引法律、法规或者党中央、国务院政策文件为依据; the national list cites no local regulation)',
};

const naturalPersonsBasis = (local: boolean): LevelRule => ({
  admits: local ? ['LAW', 'ADMINISTRATIVE_REGULATION', 'LOCAL_REGULATION'] : ['LAW', 'ADMINISTRATIVE_REGULATION'],
  needs: `publishing natural persons' data needs a LAW or an ADMINISTRATIVE_REGULATION${local ? ', or a LOCAL_REGULATION in a local catalog' : ''} (49号 三(四): 公开个人相关信息的，必须有明确的法律、法规或者国务院决定、命令作为依据)`,
});

const SUPPLEMENTARY_BASIS: LevelRule = {
  admits: ['LAW', 'ADMINISTRATIVE_REGULATION', 'STATE_COUNCIL_DOCUMENT', 'LOCAL_REGULATION'],
  needs: 'a supplementary catalog needs a basis of LOCAL_REGULATION level or higher (49号 二(一): 各地可依据地方性法规…制定适用于本地的公共信用信息补充目录)',
};

/** Why `basis` cannot stand under `rule`; undefined when it can. */
function basisProblem(basis: BasisRef, rule: LevelRule): string | undefined {
  if (!isStructured(basis)) {
    return `"${basis}" is free text; give the basis as { level, title, article? } so its level can be checked: ${rule.needs}`;
  }
  if (rule.admits.includes(basis.level)) return undefined;
  return `${basis.level} ${basisText(basis)} is not enough: ${rule.needs}`;
}

/**
 * The legal-basis problems of a version drafted through the API (`doc` as validated by the
 * catalog's shapes). Shipped versions predate the rule and are not judged by it.
 */
export function basisProblems(doc: VersionDocument): BasisProblem[] {
  const problems: BasisProblem[] = [];
  // An agreement's bases are structured by its schema; what it may grant is the catalog's and the grantee's affair.
  if (doc.kind === 'SHARING_AGREEMENTS') return problems;
  if (doc.kind === 'MEASURE_LIST') {
    doc.measures.forEach((m, i) => m.legalBasis.forEach((b, j) => {
      const problem = basisProblem(b, MEASURE_BASIS);
      if (problem) problems.push({ path: ['measures', i, 'legalBasis', j], message: problem });
    }));
    return problems;
  }
  const local = doc.kind === 'SUPPLEMENTARY_CATALOG';
  if (doc.kind === 'SUPPLEMENTARY_CATALOG') {
    const free = doc.legalBasis.map((b, j) => [b, j] as const).filter(([b]) => !isStructured(b));
    for (const [b, j] of free) problems.push({ path: ['legalBasis', j], message: basisProblem(b, SUPPLEMENTARY_BASIS)! });
    if (free.length === 0 && doc.legalBasis.every((b) => basisProblem(b, SUPPLEMENTARY_BASIS) !== undefined)) {
      const given = doc.legalBasis.map((b) => `${isStructured(b) ? b.level : 'text'} ${basisText(b)}`).join('; ');
      problems.push({ path: ['legalBasis'], message: `no basis of the catalog reaches the level needed (${given}): ${SUPPLEMENTARY_BASIS.needs}` });
    }
  }
  doc.items.forEach((item, i) => {
    if (item.publish.scope === 'NONE' || item.publish.naturalPersons !== 'PUBLISHED_MASKED' || item.publish.naturalPersonsBasis === null) return;
    const problem = basisProblem(item.publish.naturalPersonsBasis, naturalPersonsBasis(local));
    if (problem) problems.push({ path: ['items', i, 'publish', 'naturalPersonsBasis'], message: problem });
  });
  return problems;
}

const procedureOf = (kind: VersionFacts['kind']): string => ({
  BASE_CATALOG: '49号 二(一): 征求…社会公众意见，提请部际联席会议审定后向社会公布',
  SUPPLEMENTARY_CATALOG: '49号 二(一): 补充目录 参照全国公共信用信息基础目录的制定程序 — 征求…社会公众意见，审定后向社会公布',
  MEASURE_LIST: '49号 五(九): 征求…社会公众意见，提请部际联席会议审定后向社会公布',
  SHARING_AGREEMENTS: '49号 三(三): 共享 under an agreement the platform has approved',
})[kind];

/**
 * Which records a version's publication needs: catalogs and the measures list are rules for
 * everyone and are consulted on publicly (49号 二(一), 五(九)); an agreement binds the platform
 * and the grantee and needs its approval only.
 */
const needsConsultation = (kind: VersionFacts['kind']): boolean => kind !== 'SHARING_AGREEMENTS';

const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';
const isDate = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
/** Days from `from` to `to`, both included. */
const daysIncluded = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * Problems of the approval and consultation records of `version`, published (or to be
 * published) on `publishedOn` (YYYY-MM-DD, China).
 */
export function recordRefusals(version: VersionFacts, records: PublicationRecords, publishedOn: string): GovernanceRefusal[] {
  const out: GovernanceRefusal[] = [];
  const what = `${version.kind} ${version.id}`;
  const procedure = procedureOf(version.kind);
  const { approval, consultation } = records;
  if (!approval) {
    out.push({ code: 'BAD_USER_INPUT', reason: `${what}: the approval record (批准: approving body, date, document number) is missing; give approval { body, date, documentNumber } (${procedure})` });
  } else {
    const missing = (['body', 'date', 'documentNumber'] as const).filter((k) => blank(approval[k]));
    if (missing.length) out.push({ code: 'BAD_USER_INPUT', reason: `${what}: the approval record lacks ${missing.join(', ')}; an approval names its body, date and document number (${procedure})` });
    else if (!isDate(approval.date)) out.push({ code: 'BAD_USER_INPUT', reason: `${what}: approval date ${approval.date} is not a date (YYYY-MM-DD)` });
    else if (approval.date > publishedOn) out.push({ code: 'NOT_ELIGIBLE', reason: `${what}: approved on ${approval.date}, after its publication on ${publishedOn}; a version is published once approved (${procedure})` });
  }
  if (!needsConsultation(version.kind)) return out;
  if (!consultation) {
    out.push({ code: 'BAD_USER_INPUT', reason: `${what}: the public consultation record (公开征求意见: from, to, channel) is missing; give consultation { from, to, channel } (${procedure})` });
    return out;
  }
  const missing = (['from', 'to', 'channel'] as const).filter((k) => blank(consultation[k]));
  if (missing.length) {
    out.push({ code: 'BAD_USER_INPUT', reason: `${what}: the consultation record lacks ${missing.join(', ')}; a consultation has its dates and the channel (website or address) it was held on` });
    return out;
  }
  if (!isDate(consultation.from) || !isDate(consultation.to) || consultation.to < consultation.from) {
    out.push({ code: 'BAD_USER_INPUT', reason: `${what}: consultation ${consultation.from}..${consultation.to} is not a period of dates (YYYY-MM-DD, from ≤ to)` });
    return out;
  }
  const days = daysIncluded(consultation.from, consultation.to);
  if (days < MIN_CONSULTATION_DAYS) {
    out.push({ code: 'NOT_ELIGIBLE', reason: `${what}: the public consultation ${consultation.from}..${consultation.to} lasted ${days} days; it lasts at least ${MIN_CONSULTATION_DAYS} (49号 四(七): 公开征求意见期限不少于30日, applied to the procedure of ${procedure})` });
  }
  if (approval && isDate(approval.date) && consultation.to >= approval.date) {
    out.push({ code: 'NOT_ELIGIBLE', reason: `${what}: the consultation closed on ${consultation.to}, not before the approval of ${approval.date}; the opinions are gathered before the version is approved (${procedure})` });
  }
  return out;
}

/** What is judged of a version published, or about to be published, through the API. */
export interface PublicationFacts {
  readonly version: VersionFacts;
  /** The agency publishing it; undefined when none is recorded or the registry does not know it. */
  readonly publisher: AgencyFacts | undefined;
  /** The publisher's code as recorded, for the refusal when the registry does not know it. */
  readonly publisherCode: string | null;
  /** The version's document as stored (catalog_versions.definition). */
  readonly document: unknown;
  readonly records: PublicationRecords;
  /** YYYY-MM-DD in China. */
  readonly publishedOn: string;
}

/**
 * Everything that makes publishing this version unlawful, power first: the publishing service
 * refuses with the first, the accountability report counts a published version with any.
 * `registry` only serves to name who may publish, in a refusal.
 */
export function publicationRefusals(facts: PublicationFacts, registry: readonly AgencyFacts[] = []): GovernanceRefusal[] {
  const out: GovernanceRefusal[] = [];
  const what = `${facts.version.kind} ${facts.version.id}`;
  if (!facts.publisher) {
    out.push({ code: 'FORBIDDEN', reason: `${what}: published by ${facts.publisherCode ?? 'no recorded agency'}, not an agency of the registry; a version is published by the agency whose power covers it (49号 二(一), 五(九))` });
  } else {
    const power = mayPublishVersion(facts.publisher, facts.version, registry);
    if (!power.ok) out.push({ code: power.code, reason: power.reason });
  }
  const parsed = DOCUMENT_SPECS[facts.version.kind].schema.safeParse(facts.document);
  if (!parsed.success) {
    out.push({ code: 'BAD_USER_INPUT', reason: `${what}: its stored document does not have the shape of a ${facts.version.kind}; its legal bases cannot be checked` });
  } else {
    for (const p of basisProblems(parsed.data as VersionDocument)) out.push({ code: 'BAD_USER_INPUT', reason: `${what} at ${formatPath(p.path)}: ${p.message}` });
  }
  out.push(...recordRefusals(facts.version, facts.records, facts.publishedOn));
  return out;
}

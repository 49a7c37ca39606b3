/**
 * The four workloads: the GraphQL documents, the headers (who asks, for what purpose) and a
 * generator of request bodies that varies per request (random seeded codes and keywords,
 * unique document numbers). The same bodies go to our server and to the no-privacy build;
 * PostGraphile gets its own equivalent documents (bench/lib/postgraphile.ts).
 */
import { INDUSTRIES, REGIONS, shortCity } from '../../src/seed/names';
import type { Workload } from './args';
import type { Population, Samples } from './database';
import type { BenchRequest } from './load';
import { zipf } from './zipf';

export const WORKLOAD_TITLES: Record<Workload, string> = {
  W1: 'W1 public profile: subject(code:) with its publishable records (five profile sections)',
  W2: 'W2 partner batch: subjectsByCodes, 50 codes, public resource trading centre (PUBLIC_RESOURCE_TRADING), access log on',
  W3: 'W3 public search by name keyword (2–4 characters)',
  W4: 'W4 department records penalties (recordCreditInformation; access log, publication windows)',
  W5: 'W5 the portal\'s traffic: public profiles (80 %) and name searches (20 %) of Zipf-popular subjects (s = 1.1) over every subject, 1 % department writes to those subjects',
};

/** W5's mix: the share of writes, and of profiles among the reads. */
export const W5_WRITE_SHARE = 0.01;
export const W5_PROFILE_SHARE = 0.8;
export const W5_ZIPF_S = 1.1;

// The envelope a portal shows for every record, and the own fields of the kinds it details.
const ENVELOPE = 'fragment Envelope on CreditRecord { id catalogItem { code name } decisionDate severity publicationStart publicationEnd recordStatus disputed }';

export const W1_QUERY = `query PublicProfile($code: String!) {
  subject(code: $code) {
    uscc name subjectKind legalRepresentative entityType status establishedOn registeredCapital registrationAuthority
    profile {
      licences(first: 10) { totalCount edges { node { ...Envelope ... on AdministrativeLicence { documentNumber licenceCategory content decidedOn validUntil } } } }
      penalties(first: 10) { totalCount edges { node { ...Envelope ... on AdministrativePenalty { documentNumber violationType penaltyCategory penaltyContent fineAmount decidedOn decidingAuthority } } } }
      honesty(first: 10) { totalCount edges { node { ...Envelope } } }
      anomalies(first: 10) { totalCount edges { node { ...Envelope } } }
      seriousLists(first: 10) { totalCount edges { node { ...Envelope } } }
    }
  }
}
${ENVELOPE}`;

const W2_QUERY = `query PartnerBatch($codes: [String!]!) {
  subjectsByCodes(codes: $codes) {
    uscc name subjectKind legalRepresentative legalRepIdNumber status establishedOn registeredCapital address
    profile {
      penalties(first: 5) { totalCount edges { node { ...Envelope ... on AdministrativePenalty { documentNumber penaltyCategory fineAmount decidedOn } } } }
      anomalies { totalCount }
      seriousLists { totalCount }
    }
  }
}
${ENVELOPE}`;

export const W3_QUERY = `query PublicSearch($keyword: String!) {
  searchSubjects(keyword: $keyword, first: 10) { totalCount edges { node { uscc name subjectKind legalRepresentative establishedOn registrationAuthority } } }
}`;

export const W4_MUTATION = `mutation RecordPenalty($input: RecordCreditInformationInput!) {
  recordCreditInformation(input: $input) { id decisionDate severity publicationStart publicationEnd recordStatus }
}`;

/** Who sends a workload: a token role (minted by the bench) and the X-Purpose it declares. */
export interface Caller {
  readonly role: 'PARTNER' | 'DEPARTMENT';
  readonly agency: string;
  readonly purpose: string;
}

export const CALLERS: Partial<Record<Workload, Caller>> = {
  // W5's writes: the department of W4 (its reads are the public's).
    // A statutory purpose: the seed's consents are natural persons' (who have no USCC), so a
  // consent-based purpose on a batch by USCC would only collect CONSENT_REQUIRED denials.
  W2: { role: 'PARTNER', agency: 'JS_PRTC', purpose: 'PUBLIC_RESOURCE_TRADING' },
  W4: { role: 'DEPARTMENT', agency: 'SAMR_320106', purpose: 'CREDIT_SUPERVISION' },
};

/** Who writes in W5 (the public reads): W4's department. */
export const W5_WRITER: Caller = { role: 'DEPARTMENT', agency: 'SAMR_320106', purpose: 'CREDIT_SUPERVISION' };

/** Search keywords from the seeder's own name vocabulary: industry words and city names. */
export const KEYWORDS: readonly string[] = [...new Set([
  ...INDUSTRIES.map((i) => i.word),
  ...REGIONS.map(shortCity),
])].filter((k) => [...k].length >= 2 && [...k].length <= 4);

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

function sampleCodes(samples: Samples, n: number): string[] {
  const out = new Set<string>();
  while (out.size < Math.min(n, samples.subjects.length)) out.add(pick(samples.subjects).uscc);
  return [...out];
}

/** Yesterday in China (UTC+8): a decision date that is never in the future. */
function yesterday(): string {
  return new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}

/** A W4 penalty for `code`, unique per run and `n`. */
export function penaltyBody(code: string, runTag: string, n: number, decided = yesterday()): string {
  return JSON.stringify({
    query: W4_MUTATION,
    variables: {
      input: {
        subjectCode: code, itemCode: '03-02-001', decisionDate: decided, severity: 'GENERAL',
        // Unique per run and request: (issuer, number) is the documents' natural key.
        document: { kind: 'ADMINISTRATIVE_PENALTY', number: `宁鼓市监处罚〔基准${runTag}〕${n}号`, issuer: '南京市鼓楼区市场监督管理局', effectiveOn: decided },
        penalty: { violationType: '未按规定公示年度报告', penaltyCategory: '罚款', fineAmount: '0.5' },
      },
    },
  });
}

/** A 2–4 character keyword out of a subject's name (its trade word, after the place name). */
export function keywordOf(name: string): string {
  const chars = [...name.replace(/(有限责任公司|股份有限公司|有限公司|个体工商户)$/, '')];
  const from = Math.min(2, Math.max(0, chars.length - 2));
  return chars.slice(from, from + 4).join('') || name;
}

/**
 * W5's requests: public reads of Zipf-popular subjects (a profile, or a search for a word of the
 * subject's name) and, 1 % of the time, a department's penalty for such a subject (its own
 * token and purpose). `write` undefined: reads only (a target that cannot take our writes).
 */
export interface PortalDocuments {
  profile(code: string): string;
  search(keyword: string): string;
  /** A write's request; undefined: reads only (a target that cannot take our writes). */
  write?(code: string, n: number): BenchRequest;
}

export function portalTraffic(population: Population, docs: PortalDocuments, random: () => number = Math.random): () => BenchRequest {
  const ranks = zipf(population.codes.length, W5_ZIPF_S, random);
  let n = 0;
  return () => {
    const rank = ranks.next();
    const u = random();
    if (docs.write && u < W5_WRITE_SHARE) return docs.write(population.codes[rank]!, ++n);
    if (u < W5_WRITE_SHARE + (1 - W5_WRITE_SHARE) * W5_PROFILE_SHARE) return docs.profile(population.codes[rank]!);
    return docs.search(keywordOf(population.names[rank]!));
  };
}

/** W5 against our server: W1's and W3's documents, W4's penalty with the department's headers. */
export function ourPortalDocuments(runTag: string, writeHeaders: Readonly<Record<string, string>>): PortalDocuments {
  const decided = yesterday();
  return {
    profile: (code) => JSON.stringify({ query: W1_QUERY, variables: { code } }),
    search: (keyword) => JSON.stringify({ query: W3_QUERY, variables: { keyword } }),
    write: (code, n) => ({ body: penaltyBody(code, `${runTag}W5`, n, decided), headers: writeHeaders }),
  };
}

/** A body generator per workload; each call is a new request. */
export function bodies(workload: Exclude<Workload, 'W5'>, samples: Samples, runTag: string): () => string {
  switch (workload) {
    case 'W1':
      return () => JSON.stringify({ query: W1_QUERY, variables: { code: pick(samples.subjects).uscc } });
    case 'W2':
      return () => JSON.stringify({ query: W2_QUERY, variables: { codes: sampleCodes(samples, 50) } });
    case 'W3':
      return () => JSON.stringify({ query: W3_QUERY, variables: { keyword: pick(KEYWORDS) } });
    case 'W4': {
      let n = 0;
      const decided = yesterday();
      return () => penaltyBody(pick(samples.subjects).uscc, runTag, ++n, decided);
    }
  }
}

/**
 * Example operations preloaded as GraphiQL tabs, one per role, with header presets. In
 * embedded (dev) mode the presets carry the dev tokens, so every tab runs as it stands.
 */
import type { DevToken } from '../auth/dev-tokens';
import type { ExampleTab } from './graphiql-page';

const STEEL = '91320100748204660Q';

const PUBLIC_PROFILE = `# Public (no token): what a "Credit China"-style portal shows.
# Variables have defaults, so every tab runs as it stands.
# Natural persons' data is desensitised; fields the catalog does not publish are denied
# with FORBIDDEN and the reason, while their siblings are still returned.
query PublicProfile($code: String! = "91320100748204660Q") {
  subject(code: $code) {
    name uscc subjectKind legalRepresentative status establishedOn registeredCapital registrationAuthority
    profile {
      licences(first: 5) { totalCount edges { node { decisionDate ... on AdministrativeLicence { documentName licensingAuthority validUntil } } } }
      penalties(first: 5) { totalCount edges { node { decisionDate publicationEnd catalogItem { name }
        ... on AdministrativePenalty { documentNumber penaltyCategory fineAmount decidingAuthority } } } }
      honesty { totalCount } anomalies { totalCount } seriousLists { totalCount }
    }
  }
}

query Search { searchSubjects(keyword: "南京", first: 5) { totalCount edges { node { name uscc } } pageInfo { hasNextPage endCursor } } }

query Catalog { catalogItems { code name category shareScope publishScope } punishmentMeasures { code name category legalBasis } }`;

const PARTNER_BATCH = `# Partner (bearer token + X-Purpose): batch lookup of many subjects in one request.
# Every access is recorded in the access log with the declared purpose.
query PartnerBatch($codes: [String!]! = ["91320100748204660Q", "92320106MA1N7R2K8D"]) {
  subjectsByCodes(codes: $codes) {
    name uscc legalRepresentative legalRepIdNumber
    profile {
      penalties { totalCount edges { node { decisionDate ... on AdministrativePenalty { documentNumber penaltyCategory fineAmount } } } }
      seriousLists { totalCount edges { node { catalogItem { name } } } }
    }
  }
}`;

const SUBJECT_OWN = `# Data subject (token bound to the subject): own data in clear, and who accessed it.
query Own($code: String! = "91320100748204660Q") {
  subject(code: $code) { name legalRepresentative legalRepIdNumber address
    profile { penalties { edges { node { decisionDate recordStatus publicationEnd } } } } }
  myAccessLog(first: 20) { totalCount edges { node { at role agencyCode purpose operation itemCode fieldPath decision reason } } }
}`;

const AUDITOR = `# Auditor: the access log and its integrity.
query Audit {
  verifyAccessLog { ok checked firstBrokenSeq problem }
  accessLog(first: 20) { totalCount edges { node { seq at principal role agencyCode purpose operation fieldPath decision reason } } }
}`;

const headers = (token: string | undefined, extra: Record<string, string> = {}) =>
  JSON.stringify({ ...(token ? { Authorization: `Bearer ${token}` } : { Authorization: 'Bearer <npm run token -- --role …>' }), ...extra }, null, 2);

export function exampleTabs(tokens: readonly DevToken[] = []): ExampleTab[] {
  const token = (role: string) => tokens.find((t) => t.role === role)?.token;
  return [
    { query: PUBLIC_PROFILE, variables: JSON.stringify({ code: STEEL }, null, 2) },
    {
      query: PARTNER_BATCH,
      variables: JSON.stringify({ codes: [STEEL, '92320106MA1N7R2K8D'] }, null, 2),
      headers: headers(token('PARTNER'), { 'X-Purpose': 'PUBLIC_RESOURCE_TRADING' }),
    },
    { query: SUBJECT_OWN, variables: JSON.stringify({ code: STEEL }, null, 2), headers: headers(token('SUBJECT')) },
    { query: AUDITOR, headers: headers(token('AUDITOR')) },
  ];
}

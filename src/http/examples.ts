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

const PARTNER_SEARCH = `# Partner: cursor pagination. Run, then pass pageInfo.endCursor as "after" for the next page,
# until hasNextPage is false. Errors carry extensions.code (FORBIDDEN with a reason,
# CONSENT_REQUIRED, PURPOSE_NOT_PERMITTED…); a denied field is null, its siblings still arrive.
query PartnerSearch($keyword: String! = "南京", $after: String) {
  searchSubjects(keyword: $keyword, first: 10, after: $after) {
    totalCount
    edges { cursor node { uscc name legalRepresentative status } }
    pageInfo { hasNextPage endCursor }
  }
}

# The purposes you may declare in X-Purpose, and what each needs for personal data.
query Purposes { purposes { code name personalDataBasis } }`;

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

const DEPARTMENT_WORK = `# Department (南京市市场监督管理局; X-Purpose preset): the lifecycle from its side, within its jurisdiction.
# Run one operation at a time (pick it with the ▶ menu); ids come from earlier results.
mutation RecordPenalty {
  recordCreditInformation(input: {
    subjectCode: "91320100748204660Q", itemCode: "03-02-001", decisionDate: "2026-06-01", severity: GENERAL
    document: { kind: ADMINISTRATIVE_PENALTY, number: "宁市监处罚〔2026〕99号", issuer: "南京市市场监督管理局", effectiveOn: "2026-06-01" }
    penalty: { violationType: "未按规定公示年度报告", penaltyCategory: "罚款", fineAmount: "0.5" }
  }) { id publicationStart publicationEnd ... on AdministrativePenalty { documentNumber } }
}

mutation NotifyListing {
  notifySeriousListing(input: { listType: "SAMR_SERIOUS_VIOLATION", subjectCode: "91320100748204660Q", reasons: "提交虚假材料取得登记，情节严重。" }) {
    id state objectionDeadline noticeRights
  }
}

mutation DecideRepair($id: ID!) {
  decideCreditRepair(input: { id: $id, approve: true, treatment: MARKED, reason: "已履行义务并完成整改，准予修复。" }) { state treatment }
}

mutation DecideObjection($id: ID!) {
  decideObjection(input: { id: $id, outcome: CORRECTED, response: "经核查，罚款金额录入有误，已予更正。", corrections: [{ key: "fineAmount", value: "0.3" }] }) { state outcome }
}

mutation ApplyMeasure($record: ID!) {
  applyPunishmentMeasure(input: { measureCode: "KEY_SUPERVISION", creditRecordId: $record }) { id mode citedBasis active }
}

query Pending { repairApplications(first: 20) { edges { node { id state dueOn overdue } } } objections(first: 20) { edges { node { id state dueOn } } } }`;

const SUBJECT_WORK = `# Data subject: objections, credit repair, consents.
mutation Object($record: ID!) {
  fileObjection(input: { creditRecordId: $record, reason: "罚款金额与实际缴纳金额不一致，附缴款凭证。" }) { id state dueOn }
}

mutation Repair($record: ID!) {
  applyForCreditRepair(input: { creditRecordId: $record, commitment: "本单位承诺所提交材料真实有效。", obligationsEvidence: "罚款已缴纳，年度报告已补报。" }) { id state dueOn }
}

mutation Consent {
  grantConsent(input: { agencyCode: "JL_BANK", purposes: ["FINANCIAL_SERVICE"], itemCodes: ["03-02-001"], expiresAt: "2027-05-01T00:00:00Z", channel: "网上申请", evidence: "授权书电子签名" }) { id state expiresAt }
}

query Mine { myConsents { edges { node { id agencyCode state } } } myObjections { edges { node { id state } } } myRepairApplications { edges { node { id state } } } mySeriousListEntries { edges { node { id state objectionDeadline } } } }`;

const CATALOG_ADMIN = `# Catalog administrator: versions of the catalog and the measures list.
query Versions { catalogVersions { id kind status publishedAt retiredAt entries } }

mutation Publish($id: String!) {
  publishCatalogVersion(id: $id, input: {
    approval: { body: "社会信用体系建设部际联席会议", date: "2026-11-20", documentNumber: "发改财金规〔2026〕10号" }
    consultation: { from: "2026-09-01", to: "2026-10-10", channel: "https://www.creditchina.gov.cn/" }
  }) { id status publishedAt publishedBy approval { body date documentNumber } consultation { from to channel } }
}`;

const headers = (token: string | undefined, extra: Record<string, string> = {}) =>
  JSON.stringify({ ...(token ? { Authorization: `Bearer ${token}` } : { Authorization: 'Bearer <npm run token -- --role …>' }), ...extra }, null, 2);

export function exampleTabs(tokens: readonly DevToken[] = []): ExampleTab[] {
  const token = (role: string) => tokens.find((t) => t.role === role)?.token;
  return [
    // The public sends no Authorization header at all.
    { query: PUBLIC_PROFILE, variables: JSON.stringify({ code: STEEL }, null, 2), headers: '{}' },
    {
      query: PARTNER_BATCH,
      variables: JSON.stringify({ codes: [STEEL, '92320106MA1N7R2K8D'] }, null, 2),
      headers: headers(token('PARTNER'), { 'X-Purpose': 'PUBLIC_RESOURCE_TRADING' }),
    },
    {
      query: PARTNER_SEARCH,
      variables: JSON.stringify({ keyword: '南京', after: null }, null, 2),
      headers: headers(token('PARTNER'), { 'X-Purpose': 'PUBLIC_RESOURCE_TRADING' }),
    },
    // Subjects and auditors have an implied purpose; the presets spell it out.
    { query: SUBJECT_OWN, variables: JSON.stringify({ code: STEEL }, null, 2), headers: headers(token('SUBJECT'), { 'X-Purpose': 'SELF_ACCESS' }) },
    { query: AUDITOR, headers: headers(token('AUDITOR'), { 'X-Purpose': 'AUDIT' }) },
    { query: DEPARTMENT_WORK, headers: headers(token('DEPARTMENT'), { 'X-Purpose': 'CREDIT_SUPERVISION' }) },
    { query: SUBJECT_WORK, headers: headers(token('SUBJECT'), { 'X-Purpose': 'SELF_ACCESS' }) },
    { query: CATALOG_ADMIN, headers: headers(token('CATALOG_ADMIN')) },
  ];
}

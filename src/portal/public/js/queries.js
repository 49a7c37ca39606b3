/**
 * The GraphQL operations of the portal: only public root fields, only fields the public
 * catalog can publish (ID numbers of penalty subjects and legal representatives, remarks and
 * contact data are never published, so they are not asked for).
 */

const COMMON_FIELDS = '__typename id decisionDate publicationStart publicationEnd severity disputed catalogItem { code name }';

/** Each record kind's own fields, as Credit China shows them. */
const KIND_FIELDS = {
  AdministrativeLicence: `documentNumber documentName licenceNumber certificateName licenceCategory content
    licensingAuthority decidedOn validFrom validUntil status legalRepresentative dataSource`,
  AdministrativePenalty: `documentNumber violationType violationFacts penaltyBasis penaltyCategory penaltyContent
    fineAmount confiscatedAmount suspendedOrRevokedLicence decidingAuthority decidedOn
    validUntil publicityEndsOn legalRepresentative dataSource`,
  BusinessAnomaly: 'reason listedOn listingAuthority removedOn removalReason removalAuthority',
  Honour: 'honourName awardingAuthority awardedOn evaluationYear documentName validUntil',
  CreditCommitment: 'commitmentType content acceptingUnit madeOn fulfilmentStatus',
  CreditEvaluation: 'evaluationName evaluationYear evaluator result',
  SeriousListRecord: `listName reasons basis decidingAuthority decisionDocumentNumber
    listedOn measuresNotice remedies removalConditions`,
  CourtEnforcementRecord: `caseNumber personName sex age respondentIdNumber legalRepresentative court regionName
    enforcementBasisNumber enforcementBasisIssuer obligation performance performedPart unperformedPart
    specificCircumstance publishedOn filedOn`,
};

/**
 * The record selection for the kinds a section holds. Asking each section only for its own
 * kinds keeps the whole profile within the server's selection limit (LIMIT_RECURSIVE_SELECTIONS).
 */
function recordFields(kinds) {
  return `${COMMON_FIELDS} ${kinds.map((k) => `... on ${k} { ${KIND_FIELDS[k]} }`).join(' ')}`;
}

const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';

/** Profile sections in portal order: key in CreditProfile → heading. */
export const SECTIONS = [
  { key: 'licences', title: '行政许可', kinds: ['AdministrativeLicence'], empty: '暂无公示的行政许可信息。' },
  { key: 'penalties', title: '行政处罚', kinds: ['AdministrativePenalty'], empty: '暂无公示的行政处罚信息。' },
  { key: 'honesty', title: '诚实守信', kinds: ['Honour', 'CreditCommitment', 'CreditEvaluation'], empty: '暂无公示的诚实守信信息（荣誉、信用承诺、信用评价）。' },
  { key: 'anomalies', title: '经营异常', kinds: ['BusinessAnomaly'], empty: '暂无公示的经营异常名录信息。' },
  { key: 'seriousLists', title: '严重失信主体名单', kinds: ['SeriousListRecord', 'CourtEnforcementRecord'], empty: '暂无公示的严重失信主体名单信息。' },
];

export const SEARCH_SUBJECTS = `query PortalSearch($keyword: String!, $first: Int!, $after: String) {
  searchSubjects(keyword: $keyword, first: $first, after: $after) {
    ${PAGE}
    edges { node { name uscc subjectKind legalRepresentative status registrationAuthority } }
  }
}`;

/** A code typed into the search box: looked up directly, so a malformed one gets INVALID_USCC. */
export const SUBJECT_BY_CODE = `query PortalCode($code: String!) {
  subject(code: $code) { name uscc subjectKind legalRepresentative status registrationAuthority }
}`;

/** Basic information and the first page of every section, in one request. */
export const SUBJECT_PROFILE = `query PortalSubject($code: String!, $first: Int!) {
  subject(code: $code) {
    name uscc subjectKind entityType legalRepresentative establishedOn registeredCapital
    registrationAuthority status businessScope
    profile {
      ${SECTIONS.map((s) => `${s.key}(first: $first) { ${PAGE} edges { node { ${recordFields(s.kinds)} } } }`).join('\n      ')}
    }
  }
}`;

/** The next page of one section (`加载更多`). */
export function sectionPage(section) {
  return `query PortalSection_${section.key}($code: String!, $first: Int!, $after: String) {
  subject(code: $code) { profile { ${section.key}(first: $first, after: $after) { ${PAGE} edges { node { ${recordFields(section.kinds)} } } } } }
}`;
}

export const SERIOUS_LIST_TYPES = `query PortalListTypes {
  seriousListTypes { code name decidingSystem listingPeriodYears standardDocument removalConditions removalProcedure remedies }
}`;

export const SERIOUS_LISTS = `query PortalLists($listType: String, $first: Int!, $after: String) {
  seriousLists(listType: $listType, first: $first, after: $after) {
    ${PAGE}
    edges { node { listName listType subject { name uscc subjectKind } record { ${recordFields(['SeriousListRecord', 'CourtEnforcementRecord'])} } } }
  }
}`;

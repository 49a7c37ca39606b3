/**
 * The GraphQL operations of the portal: only public root fields, only fields the public
 * catalog can publish (ID numbers of penalty subjects and legal representatives, remarks and
 * contact data are never published, so they are not asked for). The sections and each kind's
 * fields come from record-kinds.js, which the server generates from its record-kind descriptors.
 */
import { KINDS, SECTIONS } from './record-kinds.js';

const COMMON_FIELDS = '__typename id recordNumber decisionDate publicationStart publicationEnd severity disputed catalogItem { code name }';

/**
 * The record selection for the kinds a section holds. Asking each section only for its own
 * kinds keeps the whole profile within the server's selection limit (LIMIT_RECURSIVE_SELECTIONS).
 */
function recordFields(kinds) {
  const own = kinds.filter((k) => KINDS[k]?.fields.length);
  return `${COMMON_FIELDS} ${own.map((k) => `... on ${k} { ${KINDS[k].fields.map((f) => f.key).join(' ')} }`).join(' ')}`;
}

const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';

/** Profile sections in portal order (key in CreditProfile, heading, the kinds it holds): from the server. */
export { SECTIONS };

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

/** A serious-list entry's record is of one of the kinds of the profile's 严重失信主体名单 section. */
const LIST_KINDS = SECTIONS.find((s) => s.key === 'seriousLists').kinds;

export const SERIOUS_LISTS = `query PortalLists($listType: String, $first: Int!, $after: String) {
  seriousLists(listType: $listType, first: $first, after: $after) {
    ${PAGE}
    edges { node { listName listType subject { name uscc subjectKind } record { ${recordFields(LIST_KINDS)} } } }
  }
}`;

/**
 * 首页: the public figures across subjects (records per category, the latest 双公示 records),
 * the list types and the catalog versions, in one request.
 */
export const HOME_FIGURES = `query PortalHome {
  publishedCounts { category name count }
  latestPublications(first: 8) {
    id
    subject { name uscc }
    record { __typename id decisionDate publicationStart catalogItem { code name } }
  }
  seriousListTypes { code name }
  catalogVersions { kind edition documentNumber entries publishedAt retiredAt }
}`;

/** Each list's size today: one aliased seriousLists per list type (codes passed as variables). */
export function listSizes(count) {
  const vars = Array.from({ length: count }, (_, i) => `$t${i}: String!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `l${i}: seriousLists(listType: $t${i}, first: 1) { totalCount }`).join('\n  ');
  return `query PortalListSizes(${vars}) {\n  ${fields}\n}`;
}

/** 我的信用: the signed-in subject's own records in every section, with each one's status (its own view includes expired, repaired and revoked ones). */
export const MY_PROFILE = `query MyProfile($first: Int!) {
  mySubject {
    name uscc subjectKind
    profile {
      ${SECTIONS.map((s) => `${s.key}(first: $first) { totalCount edges { node { recordStatus ${recordFields(s.kinds)} } } }`).join('\n      ')}
    }
  }
}`;

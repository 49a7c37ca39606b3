/**
 * The tags a public request gets, from the walk of its operation against the real schema
 * (answer-reads.ts): a search whose every selected field reads only registration is tagged
 * REGISTRATIONS however it is written; anything reaching an undeclared field stays "across
 * subjects" (null); subject look-ups keep their codes.
 */
import type { GraphQLSchema } from 'graphql';
import { buildBareSchema } from '../../graphql/schema';
import { CacheKeys } from './cache-key';
import { REGISTRATIONS } from './response-cache';

const CODE = '91320100748204660Q';
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildBareSchema();
});

function tagsOf(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const keys = new CacheKeys(schema);
  const found = keys.request({ method: 'POST', accept: undefined, body: { query, variables, operationName }, search: '', catalogIdentity: 'c', legalDate: '2026-11-20' });
  if (!found) throw new Error('not cacheable');
  return found.tags;
}

describe('tags of a public request', () => {
  it('a search of registration fields only: REGISTRATIONS, through aliases, fragments, inline fragments and __typename', () => {
    expect(tagsOf('{ searchSubjects(keyword: "南京") { totalCount edges { cursor node { uscc name subjectKind legalRepresentative establishedOn registrationAuthority } } } }')).toEqual([REGISTRATIONS]);
    expect(tagsOf('query S($k: String!) { found: searchSubjects(keyword: $k, first: 3) { __typename n: totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id ...Reg } } } } fragment Reg on Subject { __typename ... on Subject { status address phone } ...More } fragment More on Subject { businessScope registeredCapital entityType }', { k: '南京' })).toEqual([REGISTRATIONS]);
    expect(tagsOf('{ ...Root } fragment Root on Query { searchSubjects(keyword: "南京") { totalCount } }')).toEqual([REGISTRATIONS]);
    // Two searches: one tag.
    expect(tagsOf('{ a: searchSubjects(keyword: "南京") { totalCount } b: searchSubjects(keyword: "苏州") { totalCount } }')).toEqual([REGISTRATIONS]);
  });

  it('a search reaching a field that reads more (records, the profile): across subjects', () => {
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { name profile { penalties { totalCount } } } } } }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { name creditRecords { totalCount } } } } }')).toBeNull();
    // Hidden in a fragment, or under an alias, or behind @skip (not evaluated: walked all the same).
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { ...P } } } } fragment P on Subject { name profile { __typename } }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { name r: creditRecords { totalCount } } } } }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { name creditRecords @skip(if: true) { totalCount } } } } }')).toBeNull();
  });

  it('what the walk cannot resolve is across subjects: unknown fields and fragments, fragment cycles, introspection', () => {
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { nope } } } }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { ...Missing } } } }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { edges { node { ...A } } } } fragment A on Subject { name ...B } fragment B on Subject { ...A }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { totalCount } __schema { queryType { name } } }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { totalCount } ... on Subject { name } }')).toBeNull();
  });

  it('other root fields: undeclared ones across subjects; subject look-ups by their codes, beside a search', () => {
    expect(tagsOf('{ seriousLists { totalCount } }')).toBeNull();
    expect(tagsOf('{ searchSubjects(keyword: "南京") { totalCount } seriousLists { totalCount } }')).toBeNull();
    expect(tagsOf(`{ subject(code: "${CODE}") { name profile { penalties { totalCount } } } }`)).toEqual([CODE]);
    expect(tagsOf(`{ subject(code: "${CODE}") { name } searchSubjects(keyword: "南京") { totalCount } }`)).toEqual([CODE, REGISTRATIONS]);
    expect(tagsOf('query($c: [String!]!) { subjectsByCodes(codes: $c) { name } }', { c: [CODE] })).toEqual([CODE]);
    expect(tagsOf('{ __typename }')).toEqual([]);
  });

  it('walks each operation of a document by the name asked', () => {
    const doc = `query S { searchSubjects(keyword: "南京") { totalCount } } query P { searchSubjects(keyword: "南京") { edges { node { profile { __typename } } } } }`;
    const keys = new CacheKeys(schema);
    const ask = (operationName: string) => keys.request({ method: 'POST', accept: undefined, body: { query: doc, operationName }, search: '', catalogIdentity: 'c', legalDate: '2026-11-20' })?.tags;
    expect(ask('S')).toEqual([REGISTRATIONS]);
    expect(ask('P')).toBeNull();
    expect(ask('S')).toEqual([REGISTRATIONS]);
  });
});

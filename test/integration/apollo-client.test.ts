/**
 * examples/apollo-client.ts (Apollo Client 4) against the real server: cache normalisation by
 * the example's type policies, partial answers under errorPolicy 'all', and every refusal of
 * the whole request reaching the client as CombinedGraphQLErrors with its code — not as a
 * ServerError with the code buried in bodyText.
 */
import { gql } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { issueToken } from '../../src/auth/tokens';
import { MemoryWindowStore, RateLimiter } from '../../src/http/rate-limit';
import { createCreditApolloClient, errorsOf, keyedByIdOr } from '../../examples/apollo-client';
import { PartnerSearchDocument, PartnerSubjectsByCodesDocument } from '../../examples/generated/graphql';
import { closedPortUrl } from '../support/closed-port';
import { startTestServer, TEST_KEYS, type TestServer } from '../support/server';

const STEEL = '91320100748204660Q';
const PER_PRINCIPAL = 5;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    subjects: 20,
    rateLimiter: new RateLimiter({ perPrincipal: PER_PRINCIPAL, perIp: 100_000, windowMs: 60_000 }, new MemoryWindowStore()),
  });
}, 240_000);
afterAll(() => server?.close());

let nowhere: string;
beforeAll(async () => {
  nowhere = await closedPortUrl();
});

/** A client with a token of its own (its own rate budget). */
async function apollo(sub: string, agency: string, purpose?: string, token?: string) {
  return createCreditApolloClient({
    endpoint: server.url,
    token: token ?? (await issueToken(TEST_KEYS.jwtSecret, { role: 'PARTNER', sub, agency })),
    purpose,
  });
}

/** The error a query throws (errorPolicy 'none', the default). */
async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the query did not fail');
}

describe('cache normalisation', () => {
  it('keeps one Subject per company, keyed by its code until the schema gives it an id', async () => {
    const client = await apollo('apollo-cache', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    await client.query({ query: PartnerSubjectsByCodesDocument, variables: { codes: [STEEL] } });
    const search = await client.query({ query: PartnerSearchDocument, variables: { keyword: '南京钢铁', first: 5, after: null } });
    expect(search.data?.searchSubjects.edges.map((e) => e.node.uscc)).toContain(STEEL);
    const key = client.cache.identify({ __typename: 'Subject', uscc: STEEL });
    expect(key).toBe(`Subject:uscc:${STEEL}`);
    const entries = client.cache.extract() as Record<string, Record<string, unknown>>;
    expect(Object.keys(entries).filter((k) => k.includes(STEEL))).toEqual([key]);
    // Both answers wrote into the one entry: the batch's legal representative, the search's name.
    expect(entries[key!]).toMatchObject({ uscc: STEEL, name: '南京钢铁联合有限公司', legalRepresentative: expect.any(String) });
    client.stop();
  });

  it('prefers a global id, falls back to the natural key, and leaves an object without either inside its parent', () => {
    const subject = keyedByIdOr('uscc');
    expect(subject({ __typename: 'Subject', id: 'U3ViamVjdDox', uscc: STEEL }, {} as never)).toBe('Subject:U3ViamVjdDox');
    expect(subject({ __typename: 'Subject', uscc: STEEL }, {} as never)).toBe(`Subject:uscc:${STEEL}`);
    expect(subject({ __typename: 'Subject', uscc: null, name: '张*' }, {} as never)).toBe(false);
  });
});

describe('errors', () => {
  it('returns the data beside the fields withheld for want of consent (errorPolicy all)', async () => {
    const bank = await apollo('apollo-consent', 'JL_BANK', 'FINANCIAL_SERVICE');
    const result = await bank.query({ query: PartnerSubjectsByCodesDocument, variables: { codes: [STEEL] }, errorPolicy: 'all' });
    expect(result.data?.subjectsByCodes[0]).toMatchObject({ name: '南京钢铁联合有限公司', legalRepresentative: null });
    expect(CombinedGraphQLErrors.is(result.error)).toBe(true);
    expect(errorsOf(result.error, server.url)).toContainEqual(expect.objectContaining({
      code: 'CONSENT_REQUIRED', path: ['subjectsByCodes', 0, 'legalRepresentative'],
    }));
    bank.stop();
  });

  // Statuses 401, 400 and 403 (test/contract/graphql-over-http.test.ts): Apollo Client 4 reads the
  // body of a non-2xx answer only when it is application/graphql-response+json.
  it.each([
    ['a token that does not verify', () => apollo('apollo-bad', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING', 'not.a.token'), 'UNAUTHENTICATED'],
    ['no X-Purpose', () => apollo('apollo-nopurpose', 'JS_PRTC'), 'PURPOSE_REQUIRED'],
    ['a purpose outside the agreements', () => apollo('apollo-wrongpurpose', 'JS_PRTC', 'JOINT_PUNISHMENT'), 'PURPOSE_NOT_PERMITTED'],
  ] as const)('hands %s over as CombinedGraphQLErrors with its code', async (_name, make, code) => {
    const client = await make();
    const error = await thrown(client.query({ query: PartnerSubjectsByCodesDocument, variables: { codes: [STEEL] } }));
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect(errorsOf(error, server.url)).toEqual([expect.objectContaining({ code })]);
    client.stop();
  });

  it('hands a document error over as CombinedGraphQLErrors', async () => {
    const client = await apollo('apollo-invalid', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    const error = await thrown(client.query({ query: gql`query Invalid { nosuchfield }` }));
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect(errorsOf(error, server.url)).toEqual([expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' })]);
    client.stop();
  });

  it('hands RATE_LIMITED over with the seconds to wait', async () => {
    const client = await apollo('apollo-rate', 'JS_PRTC', 'PUBLIC_RESOURCE_TRADING');
    for (let i = 0; i < PER_PRINCIPAL; i += 1) {
      await client.query({ query: gql`query Probe${i} { __typename }`, fetchPolicy: 'network-only' });
    }
    const error = await thrown(client.query({ query: PartnerSubjectsByCodesDocument, variables: { codes: [STEEL] } }));
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect(errorsOf(error, server.url)).toEqual([expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) })]);
    client.stop();
  });

  it('answers __typename without a purpose', async () => {
    const client = await apollo('apollo-typename', 'JS_PRTC');
    const result = await client.query({ query: gql`query Typename { __typename }` });
    expect(result.data).toEqual({ __typename: 'Query' });
    client.stop();
  });

  it('says the server is not there when nothing answers at the URL', async () => {
    const client = createCreditApolloClient({ endpoint: nowhere, token: 'x', purpose: 'PUBLIC_RESOURCE_TRADING' });
    const error = await thrown(client.query({ query: PartnerSubjectsByCodesDocument, variables: { codes: [STEEL] } }));
    expect(errorsOf(error, nowhere)).toEqual([
      { code: 'NETWORK', message: expect.stringMatching(/^no answer from \S+ \(ECONNREFUSED\)/) },
    ]);
    client.stop();
  });
});

/**
 * The public credit information API from Apollo Client 4, with the typed documents GraphQL Code
 * Generator makes from the published schema (examples/generated/graphql.ts, `npm run codegen`).
 * It shows the two things Apollo Client needs told about this API:
 *
 * 1. cache normalisation: each type keyed by its global `id` where it has one, else by its
 *    natural key (a Subject by its unified social credit code, a purpose by its code), else not
 *    normalised (kept inside its parent) — so the policy works before and after a schema adds `id`;
 * 2. errors: the server answers `application/graphql-response+json`, so every refusal — 401
 *    UNAUTHENTICATED, 400 PURPOSE_REQUIRED, 403 PURPOSE_NOT_PERMITTED, 429 RATE_LIMITED, a
 *    document error — reaches you as CombinedGraphQLErrors with `extensions.code`, not as an
 *    opaque ServerError; `errorsOf` turns any error into the union of examples/api-errors.ts.
 *
 * Run: `node -r @swc-node/register examples/apollo-client.ts` with CREDIT_API_URL,
 * CREDIT_API_TOKEN and CREDIT_API_PURPOSE as for examples/partner-client.ts.
 */
import { ApolloClient, HttpLink, InMemoryCache, type TypePolicies, type TypePolicy } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { advice, toApiError, unreachable, type ApiError, type WireError } from './api-errors';
import { PartnerSearchDocument, PartnerSubjectsByCodesDocument } from './generated/graphql';
import { codesFrom } from './partner-client';

/**
 * The cache key of an object: `Type:<id>` when it has a global `id`, else `Type:<field>:<value>`
 * of the first natural key it carries, else false (not normalised: stored within its parent,
 * which is right for a value without identity, e.g. a desensitised natural person without code).
 */
type KeyFieldsFunction = Extract<TypePolicy['keyFields'], (...args: never[]) => unknown>;

export function keyedByIdOr(...naturalKeys: string[]): KeyFieldsFunction {
  return (object) => {
    const typename = object.__typename;
    if (object.id !== undefined && object.id !== null) return `${typename}:${String(object.id)}`;
    for (const key of naturalKeys) {
      const value = object[key];
      if (value !== undefined && value !== null) return `${typename}:${key}:${String(value)}`;
    }
    return false;
  };
}

/**
 * Types with an identity of their own. Every other type with an `id` field is normalised by it
 * already (Apollo's default); a type without one stays inside its parent.
 */
export const TYPE_POLICIES: TypePolicies = {
  Subject: { keyFields: keyedByIdOr('uscc') },
  PurposeInfo: { keyFields: keyedByIdOr('code') },
};

export interface CreditApolloOptions {
  /** e.g. `https://credit.example.gov.cn/graphql` */
  endpoint: string;
  token: string;
  /** X-Purpose; without one only `__typename` and introspection answer. */
  purpose?: string;
  /** For tests and proxies; Node's global fetch by default. */
  fetch?: typeof fetch;
}

export function createCreditApolloClient(opts: CreditApolloOptions): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({
      uri: opts.endpoint,
      // Apollo Client's own Accept asks for application/graphql-response+json first.
      headers: { authorization: `Bearer ${opts.token}`, ...(opts.purpose ? { 'x-purpose': opts.purpose } : {}) },
      fetch: opts.fetch,
    }),
    cache: new InMemoryCache({ typePolicies: TYPE_POLICIES }),
  });
}

/**
 * Every error of a failed or partial Apollo Client 4 result, as the union on `code`:
 * CombinedGraphQLErrors carry the server's errors (refusals of the whole request included);
 * a ServerError is a non-GraphQL answer (a proxy's error page); anything else never reached
 * the server.
 */
export function errorsOf(error: unknown, endpoint: string): ApiError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => toApiError(e as WireError));
  if (ServerError.is(error)) {
    return [{ code: 'NETWORK', message: `HTTP ${error.statusCode} from ${endpoint} is not a GraphQL response: is CREDIT_API_URL the API's /graphql URL?` }];
  }
  if (ServerParseError.is(error)) return [{ code: 'NETWORK', message: `the answer from ${endpoint} is not JSON (HTTP ${error.statusCode})` }];
  return [unreachable(endpoint, error)];
}

/** A batch lookup, then a search over the same subjects: one normalised Subject per company. */
export async function main(env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const endpoint = env.CREDIT_API_URL || 'http://localhost:4000/graphql';
  if (!env.CREDIT_API_TOKEN) {
    out('CREDIT_API_TOKEN is not set: issue one with `npm run -s token -- --role PARTNER --agency JS_PRTC`');
    return 1;
  }
  const client = createCreditApolloClient({ endpoint, token: env.CREDIT_API_TOKEN, purpose: env.CREDIT_API_PURPOSE || 'PUBLIC_RESOURCE_TRADING' });
  try {
    // errorPolicy 'all': withheld fields come back null beside the rest, their denials in `error`.
    const batch = await client.query({ query: PartnerSubjectsByCodesDocument, variables: { codes: codesFrom(env) }, errorPolicy: 'all' });
    for (const e of batch.error ? errorsOf(batch.error, endpoint) : []) out(`${e.code}: ${advice(e)}`);
    if (!batch.data) return 1;
    for (const s of batch.data.subjectsByCodes) out(s ? `${s.uscc} ${s.name}` : '(none you may see)');
    const search = await client.query({ query: PartnerSearchDocument, variables: { keyword: '南京', first: 5, after: null } });
    out(`${search.data?.searchSubjects.totalCount ?? 0} subjects found for 南京`);
    out(`${Object.keys(client.cache.extract() as Record<string, unknown>).filter((k) => k.startsWith('Subject:')).length} subjects in the cache`);
    return 0;
  } catch (error) {
    for (const e of errorsOf(error, endpoint)) out(`${e.code}: ${advice(e)}`);
    return 1;
  } finally {
    client.stop();
  }
}

if (require.main === module) {
  main(process.env, (line) => console.log(line)).then((code) => {
    process.exitCode = code;
  });
}

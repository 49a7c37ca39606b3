/**
 * The GraphQL-over-HTTP contract for the two response media types
 * (https://graphql.github.io/graphql-over-http/draft/#sec-Body):
 *
 * - `application/graphql-response+json` (what Apollo Client 4, urql and graphql-http ask for
 *   first): every answer, refusals included, is a GraphQL response `{"errors":[…]}` in this
 *   media type, with the status saying what happened (400 a document the server will not run,
 *   401, 403, 413, 429, 503 …). A client reads `errors[].extensions.code` whatever the status.
 * - `application/json` (the legacy type; also when Accept is missing): a document error
 *   (parse, validation, variable coercion, an operation limit) is 200, as the spec says; the
 *   refusals of the caller rather than of the document (authentication, purpose, allow-list,
 *   budgets) keep their 4xx/5xx status, which proxies, gateways and retry logic depend on.
 *
 * The choice between the two is Apollo Server's own (same library, same list, same order), so
 * an answer the handler writes itself and one Apollo writes never disagree on the media type.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
import { ERROR_CODES } from '../errors';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
export const APPLICATION_JSON = 'application/json; charset=utf-8';
export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

/**
 * The media type of the answer to a request with this Accept header, as Apollo Server chooses
 * it; application/json when Accept is missing or names neither type.
 */
export function responseMediaType(accept: string | undefined | null): ResponseMediaType {
  if (!accept) return APPLICATION_JSON;
  const preferred = new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]);
  return preferred === GRAPHQL_RESPONSE_JSON ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}

/**
 * Codes of a well-formed request whose document (or variables) the server will not run:
 * Apollo's parse, validation, variable-coercion and operation-resolution errors, the operation
 * limits (validation rules, or checked before parsing), and a NUL character in the input text.
 */
const DOCUMENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE', ERROR_CODES.BAD_USER_INPUT,
  ERROR_CODES.DEPTH_LIMIT, ERROR_CODES.ALIAS_LIMIT, ERROR_CODES.DIRECTIVE_LIMIT, ERROR_CODES.COST_LIMIT,
  ERROR_CODES.SELECTION_LIMIT, ERROR_CODES.TOKEN_LIMIT, ERROR_CODES.QUERY_LENGTH_LIMIT,
]);

/**
 * The status of a response without data that carries `codes`, in `media`: a document error
 * under application/json is 200; everything else keeps `status`.
 */
export function contractStatus(media: ResponseMediaType, status: number, codes: readonly unknown[]): number {
  if (media !== APPLICATION_JSON || status !== 400 || codes.length === 0) return status;
  return codes.every((c) => typeof c === 'string' && DOCUMENT_ERROR_CODES.has(c)) ? 200 : status;
}

/**
 * Applies `contractStatus` to the answers Apollo writes (its parse, validation and coercion
 * errors are 400 whatever the media type). Requests Apollo refuses before its pipeline (a body
 * without `query`, a CSRF-suspect GET) are not well-formed GraphQL-over-HTTP requests and keep
 * their 400.
 */
export function graphqlOverHttpStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          const status = response.http.status;
          if (status === undefined || response.body.kind !== 'single' || response.body.singleResult.data !== undefined) return;
          const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
          response.http.status = contractStatus(responseMediaType(request.http?.headers.get('accept')), status, codes);
        },
      };
    },
  };
}

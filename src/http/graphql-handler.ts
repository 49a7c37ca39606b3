/**
 * Bridges Node's http request to Apollo Server's executeHTTPGraphQLRequest. The context is
 * built here, once per request: request id, principal, declared purpose, clock.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { statementCounter } from '../db/database';
import { createRequestContext, type RequestContext } from '../graphql/context';
import type { Services } from '../services';
import { AppError } from '../errors';
import { authenticate } from './authenticate';
import { PUBLIC_PRINCIPAL } from '../auth/principal';
import { resolvePurpose } from '../policy/purpose';
import { parseJsonBody, readBody } from './body';
import { checkDocumentSize, type OperationLimits } from './operation-limits';
import { checkInputText } from './input-text';
import { enforceRateLimit, type RateLimiter } from './rate-limit';
import { applyAllowList, type PersistedOperations } from './persisted-operations';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  bodyLimitBytes: number;
  /** Query length and token limits, checked before Apollo parses. */
  limits: OperationLimits;
  /** Injected clock, so time rules can be tested; defaults to the wall clock. */
  now?: () => Date;
  /** Development and tests only: report the request's SQL statement count in a header. */
  exposeStatementCount: boolean;
  /** Request budgets per principal and address; none when undefined (tests that do not test them). */
  rateLimiter?: RateLimiter;
  /** Partner allow-list of persisted operations; none when undefined. */
  persistedOperations?: PersistedOperations;
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.trim() ? v.trim() : undefined;
}

const REFUSAL_STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401, PURPOSE_NOT_PERMITTED: 403, OPERATION_NOT_ALLOWED: 403, RATE_LIMITED: 429, RATE_LIMIT_UNAVAILABLE: 503,
};

/** Request-level refusals (authentication, rate limits, purpose) answered before any execution. */
function refuse(res: ServerResponse, err: AppError): void {
  res.statusCode = REFUSAL_STATUS[err.code] ?? 400;
  if (err.code === 'UNAUTHENTICATED') res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
  const retryAfter = err.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.setHeader('retry-after', String(retryAfter));
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message: err.message, extensions: { ...err.extensions, code: err.code } }] }));
}

export function graphqlHandler(opts: GraphQLHandlerOptions) {
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, unit: { count: number }): Promise<void> => {
    // A caller's request id is kept only if it is plainly an id: it lands in logs and the access log.
    const offered = headerValue(req.headers['x-request-id']);
    const requestId = offered && /^[\w.:-]{1,64}$/.test(offered) ? offered : randomUUID();
    res.setHeader('x-request-id', requestId);
    let principal;
    let purpose;
    try {
      const ip = req.socket.remoteAddress ?? 'unknown';
      // A token that fails to verify still spends its address's budget: guessing tokens is metered.
      principal = await authenticate(req, opts.services).catch(async (err: unknown) => {
        await enforceRateLimit(opts.rateLimiter, PUBLIC_PRINCIPAL, ip);
        throw err;
      });
      await enforceRateLimit(opts.rateLimiter, principal, ip);
      purpose = resolvePurpose(principal, headerValue(req.headers['x-purpose']), opts.services.catalog);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return refuse(res, err);
    }
    const sent = req.method === 'POST' ? parseJsonBody(await readBody(req, opts.bodyLimitBytes)) : undefined;
    const oversized = checkDocumentSize(sent, url, opts.limits) ?? checkInputText(sent, url);
    if (oversized) return refuse(res, oversized);
    let body;
    let search;
    try {
      ({ body, search } = applyAllowList(opts.persistedOperations, principal, sent, url.search));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return refuse(res, err);
    }
    const response = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMap(req), search, body },
      context: async () =>
        createRequestContext({
          requestId,
          principal,
          purpose,
          now: opts.now?.() ?? new Date(),
          services: opts.services,
        }),
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // How many SQL statements the request issued: read by the N+1 test and the benchmarks.
    if (opts.exposeStatementCount) res.setHeader('x-sql-statements', String(unit.count));
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const unit = { count: 0 };
    return statementCounter.run(unit, () => handle(req, res, url, unit));
  };
}

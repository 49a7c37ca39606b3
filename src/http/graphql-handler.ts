/**
 * Bridges Node's http request to Apollo Server's executeHTTPGraphQLRequest. The context is
 * built here, once per request: request id, principal, declared purpose, clock. Pages that
 * run an operation of the server's own (the credit report) go through the same admission and
 * context via `serverOperationRunner`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { statementCounter, type StatementUnit } from '../db/database';
import { inReadScope } from '../db/read-routing';
import { createRequestContext, type RequestContext } from '../graphql/context';
import type { Services } from '../services';
import { AppError } from '../errors';
import { authenticate, type SessionCsrf } from './authenticate';
import { PUBLIC_PRINCIPAL } from '../auth/principal';
import { missingPurpose, resolvePurpose } from '../policy/purpose';
import type { CallerAuthority } from '../policy/authority';
import { legalDate } from '../time/legal-date';
import { BodyError, parseJsonBody, readBody } from './body';
import { checkDocumentSize, type OperationLimits } from './operation-limits';
import { checkInputText } from './input-text';
import { enforceRateLimit, type RateLimiter } from './rate-limit';
import { clientAddress } from './client-address';
import { contractStatus, responseMediaType } from './response-media';
import { applyAllowList, sha256Hex, type PersistedOperations } from './persisted-operations';
import type { FormattedExecutionResult } from 'graphql';
import type { Principal } from '../auth/principal';
import type { Purpose } from '../catalog/vocabulary.schema';
import type { ServerMetrics } from '../observability/metrics';
import { randomUUID } from 'node:crypto';
import { answerFromCache, etagOf, setValidators, type PublicCache } from './public-cache';
import { clientRequestIdOf, linkObservation, noteErrorCode, observationOf, type RequestObservation } from '../observability/request-observation';

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
  /** The server's metrics (consent checks); none in handlers built without a server. */
  metrics?: ServerMetrics;
  /** The public response cache (src/http/public-cache/); none: every public request executes. */
  publicCache?: PublicCache;
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
  UNAUTHENTICATED: 401, CSRF_TOKEN_INVALID: 403, PURPOSE_NOT_PERMITTED: 403, OPERATION_NOT_ALLOWED: 403, RATE_LIMITED: 429, RATE_LIMIT_UNAVAILABLE: 503,
};

/** Status and headers of a request-level refusal; the body is the caller's (JSON here, a page for the report routes). */
function refusalHead(res: ServerResponse, err: AppError, observation: RequestObservation | undefined): void {
  if (observation) noteErrorCode(observation, err.code, err.extensions.reason);
  res.statusCode = REFUSAL_STATUS[err.code] ?? 400;
  if (err.code === 'UNAUTHENTICATED') res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
  const retryAfter = err.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.setHeader('retry-after', String(retryAfter));
}

/**
 * Request-level refusals (authentication, rate limits, purpose, document size) answered before
 * any execution: a GraphQL response in the media type the client asked for, as Apollo would
 * answer (src/http/response-media.ts).
 */
function refuse(req: IncomingMessage, res: ServerResponse, err: AppError, observation: RequestObservation | undefined): void {
  refusalHead(res, err, observation);
  const media = responseMediaType(req.headers.accept);
  res.statusCode = contractStatus(media, res.statusCode, [err.code]);
  res.setHeader('content-type', media);
  res.end(JSON.stringify({ errors: [{ message: err.message, extensions: { ...err.extensions, code: err.code } }] }));
}

/**
 * Admission, before anything executes — the same for /graphql and for the pages that run an
 * operation of their own: authentication, request budgets, declared purpose. Throws the refusal.
 * `deferMissingPurpose` (/graphql): a caller who must declare a purpose and sent none is
 * admitted without one; `purposeGate` (src/http/execution-guards.ts) refuses its operation
 * once parsed unless it reads only the schema (`__typename`, introspection).
 */
async function admit(
  req: IncomingMessage, opts: GraphQLHandlerOptions, observation: RequestObservation | undefined,
  deferMissingPurpose = false,
  session: SessionCsrf = 'token required',
): Promise<Admitted> {
  // The socket's peer, or behind TRUSTED_PROXIES the client they name (src/http/client-address.ts).
  const ip = clientAddress(req, opts.rateLimiter?.trustedProxies);
  // A token that fails to verify still spends its address's budget: guessing tokens is metered.
  const principal = await authenticate(req, opts.services, opts.now?.(), session).catch(async (err: unknown) => {
    await enforceRateLimit(opts.rateLimiter, PUBLIC_PRINCIPAL, ip);
    throw err;
  });
  if (observation) observation.role = principal.role;
  await enforceRateLimit(opts.rateLimiter, principal, ip);
  const now = opts.now?.() ?? new Date();
  const { services } = opts;
  const authority = services.agencies.authorityOf(principal, services.catalog.agreementsInForce(), legalDate(now));
  const declared = headerValue(req.headers['x-purpose']);
  const deferred = declared === undefined && deferMissingPurpose ? missingPurpose(principal, services.catalog) : undefined;
  const purpose = deferred ? undefined : resolvePurpose(principal, declared, services.catalog, authority);
  return { principal, purpose, authority, now, missingPurpose: deferred };
}

/** Who was admitted, with what purpose and authority, at which instant (the request's clock). */
interface Admitted {
  principal: Principal;
  purpose: Purpose | undefined;
  authority: CallerAuthority;
  now: Date;
  /** The refusal admission deferred to purposeGate: no X-Purpose from a caller who must declare one. */
  missingPurpose?: AppError;
}

/** The request context of an admitted request (the one place it is built for HTTP callers). */
function contextFor(
  opts: GraphQLHandlerOptions, ids: RequestIds, admitted: Admitted,
  observation: RequestObservation | undefined,
): RequestContext {
  const metrics = opts.metrics;
  const { missingPurpose: _deferred, ...caller } = admitted;
  const ctx = createRequestContext({
    ...ids, ...caller, services: opts.services,
    onConsentCheck: metrics && ((granted) => metrics.consentChecked(granted)),
  });
  // Keyed on a per-request member: Apollo hands plugins a shallow clone of the context.
  if (observation) linkObservation(ctx.policy, observation);
  return ctx;
}

/** The server's id for a request, and the client's own X-Request-Id kept beside it. */
interface RequestIds {
  requestId: string;
  clientRequestId: string | undefined;
}

/** What every GraphQL-executing request starts with: its observation and the server's id (echoed). */
function beginRequest(req: IncomingMessage, res: ServerResponse) {
  // The server's request wrapper has given the request its id (src/observability/observed-listener.ts).
  const observation = observationOf(req);
  if (observation) observation.graphql = true;
  const ids: RequestIds = observation
    ? { requestId: observation.requestId, clientRequestId: observation.clientRequestId }
    : { requestId: randomUUID(), clientRequestId: clientRequestIdOf(req) };
  res.setHeader('x-request-id', ids.requestId);
  return { observation, ids };
}

/** How many SQL statements the request issued: read by the N+1 test, metrics and the benchmarks. */
function reportStatements(opts: GraphQLHandlerOptions, res: ServerResponse, observation: RequestObservation | undefined, unit: StatementUnit): void {
  if (opts.exposeStatementCount) res.setHeader('x-sql-statements', String(unit.count));
  if (observation) observation.statements = unit.count;
}

/**
 * Runs one request in its own statement unit (counting, deadline) and read-routing scope:
 * each request chooses primary or read replica for itself (read-routing.ts); the
 * readRoutingPlugin marks public queries as allowed to read the replica.
 */
function inRequestScope<A extends unknown[], R>(fn: (unit: StatementUnit, ...args: A) => Promise<R>) {
  return (...args: A): Promise<R> => {
    const unit: StatementUnit = { count: 0 };
    return statementCounter.run(unit, () => inReadScope(() => fn(unit, ...args)));
  };
}

export function graphqlHandler(opts: GraphQLHandlerOptions) {
  return inRequestScope(async (unit, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const { observation, ids } = beginRequest(req, res);
    let admitted;
    try {
      admitted = await admit(req, opts, observation, true);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return refuse(req, res, err, observation);
    }
    let sent;
    try {
      sent = req.method === 'POST' ? parseJsonBody(await readBody(req, opts.bodyLimitBytes)) : undefined;
    } catch (err) {
      // Answered by the request listener (src/http/app.ts); noted here so BODY_LIMIT counts as a denial.
      if (err instanceof BodyError && observation) noteErrorCode(observation, err.code);
      throw err;
    }
    const oversized = checkDocumentSize(sent, url, opts.limits) ?? checkInputText(sent, url);
    if (oversized) return refuse(req, res, oversized, observation);
    let body;
    let search;
    try {
      ({ body, search } = applyAllowList(opts.persistedOperations, admitted.principal, sent, url.search));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Without its purpose the operation is refused for that first, as at admission: the
      // missing header is what the caller must fix before anything else.
      return refuse(req, res, admitted.missingPurpose ?? err, observation);
    }
    const method = req.method ?? 'GET';
    // Only the public's answers are the same for every caller; a token holder's never are.
    const cache = admitted.principal.role === 'PUBLIC' ? opts.publicCache : undefined;
    const cacheable = cache?.cacheable({
      method, accept: req.headers.accept, body, search, catalogIdentity: opts.services.catalog.identity, legalDate: legalDate(admitted.now),
    });
    if (cache && cacheable) {
      const hit = await cache.lookup(cacheable.key, cacheable.tags);
      if (hit) {
        reportStatements(opts, res, observation, unit);
        return answerFromCache(res, method, headerValue(req.headers['if-none-match']), hit.response, hit.tier);
      }
    }
    const ticket = cacheable && cache?.ticket();
    const response = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers: headerMap(req), search, body },
      context: async () => contextFor(opts, ids, admitted, observation),
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    reportStatements(opts, res, observation, unit);
    // After a write, this instance catches up with the changes committed so far before answering:
    // the writer's next public read here sees its own write, never a cached answer from before it.
    if (opts.publicCache && isMutation(body, search)) await opts.publicCache.caughtUp();
    if (response.body.kind === 'complete') {
      const text = response.body.string;
      if (cache && cacheable && ticket) {
        const contentType = String(res.getHeader('content-type') ?? 'application/json');
        const etag = etagOf(text);
        // Only complete answers: an error may be transient (a timeout, a replica gone).
        const stored = res.statusCode === 200 && !hasErrors(text) && await cache.store(ticket, cacheable.key, { status: 200, contentType, body: text, etag }, cacheable.tags, admitted.now);
        res.setHeader('x-cache', stored ? 'MISS' : 'BYPASS');
        if (res.statusCode === 200) setValidators(res, method, etag);
      }
      res.end(text);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  });
}

// A top-level "errors" key: inside a string value its quotes would be escaped, so no false match.
const hasErrors = (text: string) => text.startsWith('{"errors"') || text.includes(',"errors":[');

/** Does the request carry a mutation? A cheap test on the text: a false "yes" only costs a heartbeat's wait. */
function isMutation(body: unknown, search: string): boolean {
  const query = typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : new URLSearchParams(search).get('query');
  return typeof query === 'string' && /\bmutation\b/.test(query);
}

/** An operation the server itself defines and runs for a caller (the credit report pages). */
export interface ServerOperation {
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
  /** A session cookie's CSRF token: not needed for the report pages (the default), required for anything a page script calls. */
  session?: SessionCsrf;
}

/** Runs a server-defined operation for the caller of `req` (what serverOperationRunner returns). */
export type RunServerOperation = (req: IncomingMessage, res: ServerResponse, op: ServerOperation) => Promise<ServerOperationOutcome>;

/** Refused before execution (status and headers already set on the response), or executed. */
export type ServerOperationOutcome =
  | { kind: 'refused'; error: AppError }
  | { kind: 'executed'; status: number; result: FormattedExecutionResult; principal: Principal };

/**
 * Runs a server-defined operation for the caller of `req` through the /graphql pipeline: the
 * same admission (Authorization, X-Purpose, budgets), the same partner allow-list (under one,
 * the document must be registered like any other), the same request context, plugins, shield,
 * masking and access log. A session cookie counts without its CSRF token here (src/http/authenticate.ts).
 * Sets x-request-id and, in development, x-sql-statements, as /graphql does.
 */
export function serverOperationRunner(opts: GraphQLHandlerOptions) {
  return inRequestScope(async (unit, req: IncomingMessage, res: ServerResponse, op: ServerOperation): Promise<ServerOperationOutcome> => {
    const { observation, ids } = beginRequest(req, res);
    let admitted;
    try {
      admitted = await admit(req, opts, observation, false, op.session ?? 'read-only page');
      const named = { query: op.query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(op.query) } } };
      applyAllowList(opts.persistedOperations, admitted.principal, named, '');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refusalHead(res, err, observation);
      return { kind: 'refused', error: err };
    }
    const response = await opts.apollo.executeOperation(
      { query: op.query, operationName: op.operationName, variables: op.variables },
      { contextValue: contextFor(opts, ids, admitted, observation) },
    );
    reportStatements(opts, res, observation, unit);
    if (response.body.kind !== 'single') throw new Error('a server-defined operation answered incrementally');
    return { kind: 'executed', status: response.http.status ?? 200, result: response.body.singleResult, principal: admitted.principal };
  });
}

/**
 * What is learnt about one HTTP request while it is served, by the layers that learn it:
 * the request wrapper (id, route, status, time), the GraphQL handler (role, statements) and
 * the Apollo metrics plugin (operation, error codes). At the end it becomes one access line
 * and the request's metrics. Layers find the observation from the objects they hold — the
 * Node request, or the request context's per-request `policy` (not the context itself:
 * Apollo hands plugins a shallow clone of it) — so no signature changes hands it on.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger';
import { NO_OPERATION } from './operation-label';
import { redactText } from './redact';

export interface Denial {
  code: string;
  /** FORBIDDEN's `reason` (FIELD_NOT_PUBLISHED, ITEM_NOT_SHAREABLE, …); the code again otherwise. */
  reason: string;
}

export interface RequestObservation {
  /** The server's id for this request: the log's key, the x-request-id response header. */
  readonly requestId: string;
  /** The client's own X-Request-Id when it is plainly an id: kept as its reference, never as the key. */
  readonly clientRequestId: string | undefined;
  /** The server logger bound to this request's id: every line it writes carries `requestId`. */
  readonly log: Logger;
  readonly started: bigint;
  /** Operation label (bounded, see operation-label.ts); `(none)` until one is resolved. */
  operation: string;
  /** query, mutation, subscription; `none` when no operation was resolved. */
  operationType: string;
  /** The authenticated role; undefined until the GraphQL handler has authenticated. */
  role: string | undefined;
  /** Every `extensions.code` the response carries. */
  readonly errorCodes: Set<string>;
  /** Denials (refusals of access or of the request itself), deduplicated per request. */
  readonly denials: Map<string, Denial>;
  /** Set by the GraphQL handler: the request reached GraphQL (not the GraphiQL page, not another route). */
  graphql: boolean;
  /** SQL statements the request issued (GraphQL requests only). */
  statements: number | undefined;
}

const observations = new WeakMap<object, RequestObservation>();

// A caller's id is kept only if it is plainly an id: it lands in logs and in the access log.
const SANE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * The incoming `x-request-id` when it is a sane id. A client chooses it, so it is only ever the
 * client's reference: two agencies sending the same one must not share a log key.
 */
export function clientRequestIdOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-request-id'];
  const offered = (Array.isArray(header) ? header[0] : header)?.trim();
  // Nor what spells an ID or phone number: it would be stored in the access log as given.
  return offered && SANE_REQUEST_ID.test(offered) && redactText(offered) === offered ? offered : undefined;
}

export function startObservation(req: IncomingMessage, logger: Logger): RequestObservation {
  const requestId = randomUUID();
  const clientRequestId = clientRequestIdOf(req);
  const observation: RequestObservation = {
    requestId,
    clientRequestId,
    log: logger.child(clientRequestId ? { requestId, clientRequestId } : { requestId }),
    started: process.hrtime.bigint(),
    operation: NO_OPERATION,
    operationType: 'none',
    role: undefined,
    errorCodes: new Set(),
    denials: new Map(),
    graphql: false,
    statements: undefined,
  };
  observations.set(req, observation);
  return observation;
}

/** Makes `holder` (the request context's `policy`) lead to the same observation. */
export function linkObservation(holder: object, observation: RequestObservation): void {
  observations.set(holder, observation);
}

/** The observation of the request behind `holder`; undefined when the request was not observed. */
export function observationOf(holder: object): RequestObservation | undefined {
  return observations.get(holder);
}

// The error codes that mean "refused": access decisions, the request's own budget and limits.
const DENIAL_CODES = new Set([
  'FORBIDDEN', 'UNAUTHENTICATED', 'CONSENT_REQUIRED', 'PURPOSE_REQUIRED', 'PURPOSE_NOT_PERMITTED',
  'RATE_LIMITED', 'RATE_LIMIT_UNAVAILABLE', 'OPERATION_NOT_ALLOWED', 'INTROSPECTION_DISABLED',
  'DEPTH_LIMIT', 'ALIAS_LIMIT', 'DIRECTIVE_LIMIT', 'COST_LIMIT', 'SELECTION_LIMIT', 'TOKEN_LIMIT',
  'QUERY_LENGTH_LIMIT', 'BODY_LIMIT', 'TIMEOUT',
]);

// Reasons are the policy's own constants; anything else (never expected) shares one label.
const REASON = /^[A-Z][A-Z_]{0,47}$/;

/** Notes an error code the response carries, and the denial it stands for, if it is one. */
export function noteErrorCode(observation: RequestObservation, code: string, reason?: unknown): void {
  observation.errorCodes.add(code);
  if (!DENIAL_CODES.has(code)) return;
  const r = typeof reason === 'string' && REASON.test(reason) ? reason : code;
  observation.denials.set(`${code}|${r}`, { code, reason: r });
}

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

export interface Denial {
  code: string;
  /** FORBIDDEN's `reason` (FIELD_NOT_PUBLISHED, ITEM_NOT_SHAREABLE, …); the code again otherwise. */
  reason: string;
}

export interface RequestObservation {
  readonly requestId: string;
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

/** The incoming `x-request-id` when it is a sane id, else a fresh UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const offered = (Array.isArray(header) ? header[0] : header)?.trim();
  return offered && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
}

export function startObservation(req: IncomingMessage, logger: Logger): RequestObservation {
  const requestId = requestIdFor(req);
  const observation: RequestObservation = {
    requestId,
    log: logger.child({ requestId }),
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

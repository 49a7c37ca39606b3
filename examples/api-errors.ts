/**
 * The error codes of the public credit information API, as a client handles them: every code
 * of the server's catalog (src/errors/error-codes.ts, `extensions.code`) and Apollo Server's
 * own, each in the group that says what to do about it. Shared by the example clients
 * (partner-client.ts on fetch, apollo-client.ts on Apollo Client 4); self-contained, so a
 * partner can copy it. test/integration/partner-client.test.ts checks that CODE_GROUPS names
 * every code of the catalog.
 *
 * Wherever an error comes from — a refusal of the whole request (401, 403, 429 …), a document
 * the server will not run, a field withheld inside an answer — it is a GraphQL error
 * `{ message, path?, extensions: { code, … } }`: read the code, not the HTTP status.
 */

/** What to do about a code. */
export type CodeGroup =
  | 'FIELD_DENIAL' // a field withheld; the rest of the answer is data
  | 'CREDENTIALS' // the token: renew it
  | 'PURPOSE' // the declared purpose (X-Purpose)
  | 'BUDGET' // a budget is spent: wait, then retry
  | 'NOT_ALLOWED' // this server does not let this caller do this at all
  | 'LIMIT' // ask for less in one request
  | 'INPUT' // the request is wrong; the message says how
  | 'RULE' // a rule of the law or of the procedure refuses the change; the message says which
  | 'SERVER'; // the server could not answer now; retrying later is safe

/** Every code the server sends, by group. A code missing here would be UNKNOWN to the client. */
export const CODE_GROUPS = {
  FORBIDDEN: 'FIELD_DENIAL',
  CONSENT_REQUIRED: 'FIELD_DENIAL',
  UNAUTHENTICATED: 'CREDENTIALS',
  // A signed-in browser session (cookie) without its X-CSRF-Token: not a bearer client's error.
  CSRF_TOKEN_INVALID: 'CREDENTIALS',
  PURPOSE_REQUIRED: 'PURPOSE',
  PURPOSE_NOT_PERMITTED: 'PURPOSE',
  RATE_LIMITED: 'BUDGET',
  LOOKUP_BUDGET_EXCEEDED: 'BUDGET',
  OPERATION_NOT_ALLOWED: 'NOT_ALLOWED',
  INTROSPECTION_DISABLED: 'NOT_ALLOWED',
  DEPTH_LIMIT: 'LIMIT',
  ALIAS_LIMIT: 'LIMIT',
  DIRECTIVE_LIMIT: 'LIMIT',
  COST_LIMIT: 'LIMIT',
  SELECTION_LIMIT: 'LIMIT',
  TOKEN_LIMIT: 'LIMIT',
  QUERY_LENGTH_LIMIT: 'LIMIT',
  BODY_LIMIT: 'LIMIT',
  TIMEOUT: 'LIMIT',
  BAD_USER_INPUT: 'INPUT',
  INVALID_USCC: 'INPUT',
  INVALID_ID_NUMBER: 'INPUT',
  NOT_FOUND: 'INPUT',
  NOT_IN_CATALOG: 'INPUT',
  // Apollo Server's own: the document or the HTTP request itself.
  GRAPHQL_PARSE_FAILED: 'INPUT',
  GRAPHQL_VALIDATION_FAILED: 'INPUT',
  OPERATION_RESOLUTION_FAILURE: 'INPUT',
  BAD_REQUEST: 'INPUT',
  PERSISTED_QUERY_NOT_FOUND: 'INPUT',
  PERSISTED_QUERY_NOT_SUPPORTED: 'INPUT',
  INVALID_TRANSITION: 'RULE',
  NOT_ELIGIBLE: 'RULE',
  CONFLICT: 'RULE',
  CALENDAR_MISSING: 'RULE',
  PUBLICATION_END_OUT_OF_BOUNDS: 'RULE',
  LENIENCY_GROUND_UNSUPPORTED: 'RULE',
  LENIENCY_LIMITS_MEASURE: 'RULE',
  SEVERITY_INCONSISTENT: 'RULE',
  DOCUMENT_NOT_ACCEPTED: 'RULE',
  LISTING_PERIOD_OUT_OF_BOUNDS: 'RULE',
  EARLY_REMOVAL_TOO_SOON: 'RULE',
  // An attachment's content, erased when the record's personal data was (retention, repair 删除).
  ERASED: 'RULE',
  RATE_LIMIT_UNAVAILABLE: 'SERVER',
  SERVER_BUSY: 'SERVER',
  AUDIT_WRITE_FAILED: 'SERVER',
  INTERNAL_SERVER_ERROR: 'SERVER',
} as const satisfies Record<string, CodeGroup>;

export type ServerCode = keyof typeof CODE_GROUPS;
type CodeOf<G extends CodeGroup> = { [C in ServerCode]: (typeof CODE_GROUPS)[C] extends G ? C : never }[ServerCode];

export type Path = ReadonlyArray<string | number>;

/** Refusals of the data you asked for, field by field (the rest of the answer is still there). */
export type FieldDenial =
  | { code: 'FORBIDDEN'; reason: string; path: Path; message: string }
  | { code: 'CONSENT_REQUIRED'; path: Path; message: string }
  /** At a path: the purpose does not cover this item; without one: the whole request (HTTP 403). */
  | { code: 'PURPOSE_NOT_PERMITTED'; path: Path; message: string }
  /** At a position of a batch (subjectsByCodes): that code alone is malformed; the others answer. */
  | { code: 'INVALID_USCC'; path: Path; message: string };

/** What can go wrong, as a union on `code` the compiler checks a `switch` against. */
export type ApiError =
  | FieldDenial
  /** The token is expired, malformed or signed with another key: get a new one. */
  | { code: 'UNAUTHENTICATED'; message: string }
  /** A session cookie's request without its CSRF token (browsers signed in to the portal). */
  | { code: 'CSRF_TOKEN_INVALID'; message: string }
  /** No X-Purpose header, and the operation reads data (`__typename` and introspection need none). */
  | { code: 'PURPOSE_REQUIRED'; message: string }
  /** Over your request budget: wait `retryAfterSeconds`, then retry. */
  | { code: 'RATE_LIMITED'; retryAfterSeconds: number; message: string }
  /** This token looked up its day's number of distinct resident ID numbers. */
  | { code: 'LOOKUP_BUDGET_EXCEEDED'; message: string }
  | { code: CodeOf<'NOT_ALLOWED'>; message: string }
  | { code: CodeOf<'LIMIT'>; message: string }
  | { code: CodeOf<'INPUT'>; message: string; path: Path }
  | { code: CodeOf<'RULE'>; message: string; path: Path }
  | { code: CodeOf<'SERVER'>; message: string }
  /** No answer at all: the server is not reachable at that URL (CREDIT_API_URL), or not a GraphQL server. */
  | { code: 'NETWORK'; message: string }
  /** A code this client does not know yet (the catalog only grows). */
  | { code: 'UNKNOWN'; serverCode: string | undefined; message: string };

/** One error as it is on the wire. */
export interface WireError {
  message: string;
  path?: Path;
  extensions?: { code?: unknown; reason?: unknown; retryAfterSeconds?: unknown };
}

const isServerCode = (code: unknown): code is ServerCode => typeof code === 'string' && Object.hasOwn(CODE_GROUPS, code);

/** Turns one error of a response into the union member its code stands for. */
export function toApiError(e: WireError): ApiError {
  const code = e.extensions?.code;
  const { message } = e;
  const path = e.path ?? [];
  if (!isServerCode(code)) return { code: 'UNKNOWN', serverCode: typeof code === 'string' ? code : undefined, message };
  switch (code) {
    case 'FORBIDDEN':
      return { code, reason: typeof e.extensions?.reason === 'string' ? e.extensions.reason : 'UNSPECIFIED', path, message };
    case 'CONSENT_REQUIRED':
    case 'PURPOSE_NOT_PERMITTED':
      return { code, path, message };
    case 'RATE_LIMITED': {
      const seconds = e.extensions?.retryAfterSeconds;
      return { code, retryAfterSeconds: typeof seconds === 'number' ? seconds : 1, message };
    }
    case 'UNAUTHENTICATED':
    case 'CSRF_TOKEN_INVALID':
    case 'PURPOSE_REQUIRED':
    case 'LOOKUP_BUDGET_EXCEEDED':
      return { code, message };
    default: {
      const group = CODE_GROUPS[code];
      if (group === 'INPUT' || group === 'RULE') return { code: code as CodeOf<'INPUT' | 'RULE'>, message, path };
      return { code: code as CodeOf<'NOT_ALLOWED' | 'LIMIT' | 'SERVER'>, message };
    }
  }
}

export function isFieldDenial(e: ApiError): e is FieldDenial {
  return e.code === 'FORBIDDEN' || e.code === 'CONSENT_REQUIRED'
    || ((e.code === 'PURPOSE_NOT_PERMITTED' || e.code === 'INVALID_USCC') && 'path' in e && e.path.length > 0);
}

/** What to do about an error: the compiler checks every code is handled. */
export function advice(error: ApiError): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'renew the token';
    case 'CSRF_TOKEN_INVALID':
      return 'send the session\'s CSRF token in X-CSRF-Token (or use a bearer token)';
    case 'PURPOSE_REQUIRED':
    case 'PURPOSE_NOT_PERMITTED':
      return 'declare a purpose the catalog shares this data for';
    case 'FORBIDDEN':
      return `not shared with your agency (${error.reason})`;
    case 'CONSENT_REQUIRED':
      return 'ask the person for consent (grantConsent) before reading this';
    case 'RATE_LIMITED':
      return `retry after ${error.retryAfterSeconds} s`;
    case 'LOOKUP_BUDGET_EXCEEDED':
      return 'the day\'s ID-number lookups are spent; repeat lookups still answer, new ones tomorrow';
    case 'OPERATION_NOT_ALLOWED':
      return 'register the operation with the platform';
    case 'INTROSPECTION_DISABLED':
      return 'use the published schema (schema/schema.graphql) instead of introspection';
    case 'DEPTH_LIMIT': case 'ALIAS_LIMIT': case 'DIRECTIVE_LIMIT': case 'COST_LIMIT': case 'SELECTION_LIMIT':
    case 'TOKEN_LIMIT': case 'QUERY_LENGTH_LIMIT': case 'BODY_LIMIT': case 'TIMEOUT':
      return 'ask for less in one request';
    case 'BAD_USER_INPUT': case 'INVALID_USCC': case 'INVALID_ID_NUMBER': case 'NOT_FOUND': case 'NOT_IN_CATALOG':
    case 'GRAPHQL_VALIDATION_FAILED': case 'GRAPHQL_PARSE_FAILED': case 'OPERATION_RESOLUTION_FAILURE': case 'BAD_REQUEST':
    case 'PERSISTED_QUERY_NOT_FOUND': case 'PERSISTED_QUERY_NOT_SUPPORTED':
      return `fix the request: ${error.message}`;
    case 'INVALID_TRANSITION': case 'NOT_ELIGIBLE': case 'CONFLICT': case 'CALENDAR_MISSING':
    case 'PUBLICATION_END_OUT_OF_BOUNDS': case 'LENIENCY_GROUND_UNSUPPORTED': case 'LENIENCY_LIMITS_MEASURE':
    case 'SEVERITY_INCONSISTENT': case 'DOCUMENT_NOT_ACCEPTED': case 'LISTING_PERIOD_OUT_OF_BOUNDS': case 'EARLY_REMOVAL_TOO_SOON':
    case 'ERASED':
      return `refused by a rule: ${error.message}`;
    case 'RATE_LIMIT_UNAVAILABLE': case 'SERVER_BUSY': case 'AUDIT_WRITE_FAILED': case 'INTERNAL_SERVER_ERROR':
      return 'retry later; report the request id if it persists';
    case 'NETWORK':
      return error.message;
    case 'UNKNOWN':
      return `unknown error ${error.serverCode ?? '(no code)'}: ${error.message}`;
    default: {
      const unhandled: never = error;
      return unhandled;
    }
  }
}

/** The NETWORK error for a request that got no answer, saying where it went and what to check. */
export function unreachable(endpoint: string, err: unknown): ApiError {
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a bad port) is its cause.
  // Read by shape, not instanceof: the error may come from another realm (a test runner's VM).
  const e = err as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const reason = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? err;
  return {
    code: 'NETWORK',
    message: `no answer from ${endpoint} (${String(reason)}): is the server running there? Set CREDIT_API_URL to its /graphql URL`,
  };
}

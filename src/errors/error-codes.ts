/**
 * The one catalog of error codes clients rely on (`extensions.code`). Each code is stable;
 * the line beside it says who throws it. Add codes here, never inline strings elsewhere.
 */
export const ERROR_CODES = {
  /** shield, policy: the principal may not see this field or run this operation. */
  FORBIDDEN: 'FORBIDDEN',
  /** auth: a token was sent but is expired, malformed or wrongly signed (never the public view). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** auth: a request signed in by session cookie lacks the session's CSRF token (X-CSRF-Token), or sends another. */
  CSRF_TOKEN_INVALID: 'CSRF_TOKEN_INVALID',
  /** policy: a partner reads a natural person's data needing consent, and none is live. */
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  /** context: a non-public read without X-Purpose. */
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  /** context, policy: the declared purpose is unknown or not permitted for this item. */
  PURPOSE_NOT_PERMITTED: 'PURPOSE_NOT_PERMITTED',
  /** catalog, ingestion: the item is not in a published catalog. */
  NOT_IN_CATALOG: 'NOT_IN_CATALOG',
  /** identifiers: a unified social credit code fails GB 32100. */
  INVALID_USCC: 'INVALID_USCC',
  /** identifiers: a resident ID number fails GB 11643. */
  INVALID_ID_NUMBER: 'INVALID_ID_NUMBER',
  /** any service: input is well-formed GraphQL but breaks a domain rule; message says which. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** services: the thing named does not exist (or is not visible to the principal). */
  NOT_FOUND: 'NOT_FOUND',
  /** time (src/time/working-days.ts): a working-day limit runs into a year whose State Council holiday notice is not in src/time/data/working-calendars.yaml; `year` names it. */
  CALENDAR_MISSING: 'CALENDAR_MISSING',
  /** lifecycle services: the action is not allowed from the entity's current state (e.g. listing before the objection deadline). */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** lifecycle services: a condition of the law is not met (repair before the minimum period, a measure too severe for the record). */
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  /** attachment (attachment.service.ts): the content was erased by the purge (src/cli/purge.ts); its metadata and SHA-256 remain (HTTP 410 on GET /attachments/<id>). */
  ERASED: 'ERASED',
  /** lifecycle services: another decision on the same application or objection took effect first. */
  CONFLICT: 'CONFLICT',
  /** credit-record (stated-publication-end.ts): the 公示截止期 the decision states lies outside the regime's bounds for the record; the message names them. */
  PUBLICATION_END_OUT_OF_BOUNDS: 'PUBLICATION_END_OUT_OF_BOUNDS',
  /** credit-record (leniency.rules.ts): the facts do not support the leniency ground (not a natural person, 18 or older on the act date, no cited document). */
  LENIENCY_GROUND_UNSUPPORTED: 'LENIENCY_GROUND_UNSUPPORTED',
  /** measure (measure.rules.ts leniencyLimitProblem, via MeasureService): the record's leniency ground excludes this category of measure (leniency-grounds.yaml). */
  LENIENCY_LIMITS_MEASURE: 'LENIENCY_LIMITS_MEASURE',
  /** credit-record (severity.rules.ts): the severity label contradicts the regime's criteria for the penalty (publication-regimes.yaml severityCriteria). */
  SEVERITY_INCONSISTENT: 'SEVERITY_INCONSISTENT',
  /** credit-record, serious-list (legal-document.rules.ts): the document's kind or issuer is not what the item rests on, or OTHER_STATUTORY lacks a structured statutory reference. */
  DOCUMENT_NOT_ACCEPTED: 'DOCUMENT_NOT_ACCEPTED',
  /** serious-list (listing-period.ts): the listing period stated in the decision is outside the list type's bounds, or missing where the law leaves it to the decision. */
  LISTING_PERIOD_OUT_OF_BOUNDS: 'LISTING_PERIOD_OUT_OF_BOUNDS',
  /** serious-list, repair (listing-period.ts): early removal or repair before the list type's minimum listed period (e.g. 列入满一年). */
  EARLY_REMOVAL_TOO_SOON: 'EARLY_REMOVAL_TOO_SOON',
  /** validation limits: the operation nests deeper than allowed. */
  DEPTH_LIMIT: 'DEPTH_LIMIT',
  /** validation limits (src/http/operation-limits.ts): more aliases than LIMIT_ALIASES. */
  ALIAS_LIMIT: 'ALIAS_LIMIT',
  /** validation limits: more directives than LIMIT_DIRECTIVES. */
  DIRECTIVE_LIMIT: 'DIRECTIVE_LIMIT',
  /** validation limits: the operation's computed cost exceeds LIMIT_COST (e.g. one field repeated hundreds of times). */
  COST_LIMIT: 'COST_LIMIT',
  /** validation limits (Apollo maxRecursiveSelections): fragment spreads expand to more than LIMIT_RECURSIVE_SELECTIONS selections. */
  SELECTION_LIMIT: 'SELECTION_LIMIT',
  /** http document check (operation-limits.ts checkDocumentSize): more lexical tokens than LIMIT_TOKENS (HTTP 400). */
  TOKEN_LIMIT: 'TOKEN_LIMIT',
  /** http document check: the query document is longer than LIMIT_QUERY_LENGTH characters (HTTP 400). */
  QUERY_LENGTH_LIMIT: 'QUERY_LENGTH_LIMIT',
  /** http body reader (src/http/body.ts): the request body exceeds LIMIT_BODY_BYTES (HTTP 413). */
  BODY_LIMIT: 'BODY_LIMIT',
  /** execution guard (src/http/execution-guards.ts): the operation ran longer than LIMIT_EXECUTION_MS and was cut off (HTTP 503). */
  TIMEOUT: 'TIMEOUT',
  /** execution guard: introspection is off for this caller (INTROSPECTION; in production only tokens other than PUBLIC may introspect) (HTTP 403). */
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  /** audit: the access log could not be written, so the response is withheld (fail closed). */
  AUDIT_WRITE_FAILED: 'AUDIT_WRITE_FAILED',
  /** http rate limiter (src/http/rate-limit.ts): the principal or client address used its budget; retry after `retryAfterSeconds` (HTTP 429, Retry-After). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** http rate limiter: REDIS_URL is set but Redis cannot be reached, so requests are refused rather than let through unmetered (HTTP 503). */
  RATE_LIMIT_UNAVAILABLE: 'RATE_LIMIT_UNAVAILABLE',
  /** report PDF renderer (src/report/report-pdf-pool.ts): every PDF thread is busy and REPORT_PDF_QUEUE reports already wait; retry after `Retry-After` seconds (HTTP 503). */
  SERVER_BUSY: 'SERVER_BUSY',
  /** subject lookup (src/modules/subject/person-lookup-budget.ts): this token looked up PERSON_LOOKUP_DAILY_LIMIT distinct resident ID numbers today; repeated lookups of the same numbers still answer. */
  LOOKUP_BUDGET_EXCEEDED: 'LOOKUP_BUDGET_EXCEEDED',
  /** http persisted-operation allow-list (src/http/persisted-operations.ts): a partner sent an operation not registered for its agency (HTTP 403). */
  OPERATION_NOT_ALLOWED: 'OPERATION_NOT_ALLOWED',
  /** error masking: anything unexpected; details are in the server log under the request id. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

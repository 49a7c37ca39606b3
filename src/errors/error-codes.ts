/**
 * The one catalog of error codes clients rely on (`extensions.code`). Each code is stable;
 * the line beside it says who throws it. Add codes here, never inline strings elsewhere.
 */
export const ERROR_CODES = {
  /** shield, policy: the principal may not see this field or run this operation. */
  FORBIDDEN: 'FORBIDDEN',
  /** auth: a token was sent but is expired, malformed or wrongly signed (never the public view). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
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
  /** lifecycle services: the action is not allowed from the entity's current state (e.g. listing before the objection deadline). */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** lifecycle services: a condition of the law is not met (repair before the minimum period, a measure too severe for the record). */
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  /** lifecycle services: another decision on the same application or objection took effect first. */
  CONFLICT: 'CONFLICT',
  /** validation limits: the operation nests deeper than allowed. */
  DEPTH_LIMIT: 'DEPTH_LIMIT',
  /** audit: the access log could not be written, so the response is withheld (fail closed). */
  AUDIT_WRITE_FAILED: 'AUDIT_WRITE_FAILED',
  /** error masking: anything unexpected; details are in the server log under the request id. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

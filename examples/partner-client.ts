/**
 * A partner agency's client for the public credit information API, in plain TypeScript on
 * Node's built-in fetch — no GraphQL library needed. It shows the four things every partner
 * integration gets right or wrong:
 *
 * 1. the bearer token and the declared purpose (`X-Purpose`) on every request;
 * 2. partial answers: a field the catalog does not share with you, or that needs the
 *    person's consent, comes back null with an error at its path — the rest is still data;
 * 3. errors as a discriminated union on `extensions.code`, so `switch (error.code)` is
 *    checked by the compiler and a new refusal cannot be silently ignored;
 * 4. cursor pagination: follow `pageInfo.endCursor` while `hasNextPage`.
 *
 * Every read you make is written to the access log with your agency, purpose and request id;
 * the subject can see it. Send your own `x-request-id` to find a request in both logs.
 */

/**
 * Refusals of the data you asked for, field by field (the rest of the answer is still there);
 * in a batch (subjectsByCodes), a malformed code is refused at its own position the same way.
 */
export type FieldDenial =
  | { code: 'FORBIDDEN'; reason: string; path: ReadonlyArray<string | number>; message: string }
  | { code: 'INVALID_USCC'; path: ReadonlyArray<string | number>; message: string }
  | { code: 'CONSENT_REQUIRED'; path: ReadonlyArray<string | number>; message: string }
  | { code: 'PURPOSE_NOT_PERMITTED'; path: ReadonlyArray<string | number>; message: string };

/** What can go wrong with a request as a whole. `code` is the server's `extensions.code`. */
export type ApiError =
  | FieldDenial
  /** The token is expired, malformed or signed with another key: get a new one. */
  | { code: 'UNAUTHENTICATED'; message: string }
  /** No X-Purpose header: partners must declare one. */
  | { code: 'PURPOSE_REQUIRED'; message: string }
  /** Over your request budget: wait, then retry. */
  | { code: 'RATE_LIMITED'; retryAfterSeconds: number; message: string }
  /** The server runs an allow-list and this operation is not registered for your agency. */
  | { code: 'OPERATION_NOT_ALLOWED'; message: string }
  /** Ask for less: fewer subjects, smaller pages, shallower selections. */
  | { code: OperationLimitCode; message: string }
  /** Wrong input; the message says which rule. */
  | { code: 'BAD_USER_INPUT' | 'INVALID_USCC' | 'INVALID_ID_NUMBER' | 'NOT_FOUND' | 'GRAPHQL_VALIDATION_FAILED' | 'GRAPHQL_PARSE_FAILED'; message: string }
  /** The server could not answer now (quote the request id when you report it); retrying later is safe. */
  | { code: 'RATE_LIMIT_UNAVAILABLE' | 'AUDIT_WRITE_FAILED' | 'INTERNAL_SERVER_ERROR'; message: string }
  /** A code this client does not know yet (the catalog only grows). */
  | { code: 'UNKNOWN'; serverCode: string | undefined; message: string };

export type OperationLimitCode =
  | 'DEPTH_LIMIT' | 'ALIAS_LIMIT' | 'DIRECTIVE_LIMIT' | 'COST_LIMIT' | 'SELECTION_LIMIT'
  | 'TOKEN_LIMIT' | 'QUERY_LENGTH_LIMIT' | 'BODY_LIMIT' | 'TIMEOUT';

const LIMIT_CODES: ReadonlySet<string> = new Set<OperationLimitCode>([
  'DEPTH_LIMIT', 'ALIAS_LIMIT', 'DIRECTIVE_LIMIT', 'COST_LIMIT', 'SELECTION_LIMIT', 'TOKEN_LIMIT', 'QUERY_LENGTH_LIMIT', 'BODY_LIMIT', 'TIMEOUT',
]);
const INPUT_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT', 'INVALID_USCC', 'INVALID_ID_NUMBER', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED',
]);
const SERVER_CODES: ReadonlySet<string> = new Set(['RATE_LIMIT_UNAVAILABLE', 'AUDIT_WRITE_FAILED', 'INTERNAL_SERVER_ERROR']);

/** An answer: data (perhaps with some fields withheld), or a refusal of the whole request. */
export type Outcome<T> =
  | { ok: true; data: T; denied: FieldDenial[]; requestId: string }
  | { ok: false; error: ApiError; status: number; requestId: string };

interface WireError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; reason?: string; retryAfterSeconds?: number };
}

/** Turns one error of the response into the union member its code stands for. */
export function toApiError(e: WireError): ApiError {
  const code = e.extensions?.code;
  const message = e.message;
  const path = e.path ?? [];
  switch (code) {
    case 'FORBIDDEN':
      return { code, reason: e.extensions?.reason ?? 'UNSPECIFIED', path, message };
    case 'CONSENT_REQUIRED':
    case 'PURPOSE_NOT_PERMITTED':
      return { code, path, message };
    case 'INVALID_USCC':
      // At a position of a batch: that code alone is refused. Without a path: the request's one code.
      return path.length > 0 ? { code, path, message } : { code, message };
    case 'UNAUTHENTICATED':
    case 'PURPOSE_REQUIRED':
    case 'OPERATION_NOT_ALLOWED':
      return { code, message };
    case 'RATE_LIMITED':
      return { code, retryAfterSeconds: e.extensions?.retryAfterSeconds ?? 1, message };
    default:
      if (code && LIMIT_CODES.has(code)) return { code: code as OperationLimitCode, message };
      if (code && INPUT_CODES.has(code)) return { code: code as Extract<ApiError, { code: 'BAD_USER_INPUT' }>['code'], message };
      if (code && SERVER_CODES.has(code)) return { code: code as Extract<ApiError, { code: 'INTERNAL_SERVER_ERROR' }>['code'], message };
      return { code: 'UNKNOWN', serverCode: code, message };
  }
}

function isFieldDenial(e: ApiError): e is FieldDenial {
  return e.code === 'FORBIDDEN' || e.code === 'CONSENT_REQUIRED' || ((e.code === 'PURPOSE_NOT_PERMITTED' || e.code === 'INVALID_USCC') && 'path' in e && e.path.length > 0);
}

/** Thrown by the convenience methods when the server refuses a request as a whole. */
export class PartnerApiError extends Error {
  constructor(readonly error: ApiError, readonly requestId: string) {
    super(`${error.code}: ${error.message} (request ${requestId})`);
  }
}

export interface PartnerClientOptions {
  /** e.g. `https://credit.example.gov.cn/graphql` */
  endpoint: string;
  /** The bearer token issued to your agency. */
  token: string;
  /** Your declared purpose, e.g. PUBLIC_RESOURCE_TRADING (see the `purposes` query). */
  purpose: string;
  /** For tests and proxies; Node's global fetch by default. */
  fetch?: typeof fetch;
}

export interface SubjectSummary {
  uscc: string | null;
  name: string | null;
  legalRepresentative: string | null;
  status: string | null;
}

export interface SearchHit {
  uscc: string | null;
  name: string | null;
}

interface SearchPage {
  searchSubjects: {
    totalCount: number;
    edges: Array<{ node: SearchHit }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const SUBJECTS_BY_CODES = `query PartnerSubjectsByCodes($codes: [String!]!) {
  subjectsByCodes(codes: $codes) { uscc name legalRepresentative status }
}`;

const SEARCH_PAGE = `query PartnerSearch($keyword: String!, $first: Int!, $after: String) {
  searchSubjects(keyword: $keyword, first: $first, after: $after) {
    totalCount
    edges { node { uscc name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export class PartnerClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: PartnerClientOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  /** Runs any operation; `requestId` is sent as x-request-id (the server makes one otherwise). */
  async request<T>(query: string, variables: Record<string, unknown> = {}, requestId?: string): Promise<Outcome<T>> {
    const res = await this.fetch(this.opts.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.opts.token}`,
        'x-purpose': this.opts.purpose,
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const id = res.headers.get('x-request-id') ?? requestId ?? '';
    const body = (await res.json()) as { data?: T | null; errors?: WireError[] };
    const errors = (body.errors ?? []).map(toApiError);
    if (body.data !== undefined && body.data !== null && res.ok) {
      const denied = errors.filter(isFieldDenial);
      // An error that is not a field denial (a bad argument on one field) fails the whole answer here:
      // a partner decision should not rest on half a result it did not expect.
      const other = errors.find((e) => !isFieldDenial(e));
      if (!other) return { ok: true, data: body.data, denied, requestId: id };
      return { ok: false, error: other, status: res.status, requestId: id };
    }
    const error = errors[0] ?? { code: 'UNKNOWN', serverCode: undefined, message: `HTTP ${res.status} without errors` };
    return { ok: false, error, status: res.status, requestId: id };
  }

  /**
   * Up to 100 subjects by code, in the order given; null where there is none you may see, or
   * where the code is malformed (then `denied` holds an INVALID_USCC at that position).
   */
  async subjectsByCodes(codes: readonly string[]): Promise<Outcome<{ subjectsByCodes: Array<SubjectSummary | null> }>> {
    return this.request(SUBJECTS_BY_CODES, { codes });
  }

  /** Every subject matching `keyword`, page by page; throws PartnerApiError on a refusal. */
  async *searchSubjects(keyword: string, pageSize = 20): AsyncGenerator<SearchHit, void> {
    let after: string | null = null;
    for (;;) {
      const outcome: Outcome<SearchPage> = await this.request<SearchPage>(SEARCH_PAGE, { keyword, first: pageSize, after });
      if (!outcome.ok) throw new PartnerApiError(outcome.error, outcome.requestId);
      const page: SearchPage['searchSubjects'] = outcome.data.searchSubjects;
      for (const edge of page.edges) yield edge.node;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }
}

/** What to do about a refusal: the compiler checks every code is handled. */
export function advice(error: ApiError): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'renew the token';
    case 'PURPOSE_REQUIRED':
    case 'PURPOSE_NOT_PERMITTED':
      return 'declare a purpose the catalog shares this data for';
    case 'FORBIDDEN':
      return `not shared with your agency (${error.reason})`;
    case 'CONSENT_REQUIRED':
      return 'ask the person for consent (grantConsent) before reading this';
    case 'RATE_LIMITED':
      return `retry after ${error.retryAfterSeconds} s`;
    case 'OPERATION_NOT_ALLOWED':
      return 'register the operation with the platform';
    case 'DEPTH_LIMIT': case 'ALIAS_LIMIT': case 'DIRECTIVE_LIMIT': case 'COST_LIMIT': case 'SELECTION_LIMIT':
    case 'TOKEN_LIMIT': case 'QUERY_LENGTH_LIMIT': case 'BODY_LIMIT': case 'TIMEOUT':
      return 'ask for less in one request';
    case 'BAD_USER_INPUT': case 'INVALID_USCC': case 'INVALID_ID_NUMBER': case 'NOT_FOUND':
    case 'GRAPHQL_VALIDATION_FAILED': case 'GRAPHQL_PARSE_FAILED':
      return `fix the request: ${error.message}`;
    case 'RATE_LIMIT_UNAVAILABLE': case 'AUDIT_WRITE_FAILED': case 'INTERNAL_SERVER_ERROR':
      return 'retry later; report the request id if it persists';
    case 'UNKNOWN':
      return `unknown error ${error.serverCode ?? '(no code)'}: ${error.message}`;
    default: {
      const unhandled: never = error;
      return unhandled;
    }
  }
}

// Run directly: `node -r @swc-node/register examples/partner-client.ts` with CREDIT_API_URL,
// CREDIT_API_TOKEN and CREDIT_API_PURPOSE set (npm start prints a PARTNER dev token).
if (require.main === module) {
  const client = new PartnerClient({
    endpoint: process.env.CREDIT_API_URL ?? 'http://localhost:4000/graphql',
    token: process.env.CREDIT_API_TOKEN ?? '',
    purpose: process.env.CREDIT_API_PURPOSE ?? 'PUBLIC_RESOURCE_TRADING',
  });
  (async () => {
    const batch = await client.subjectsByCodes(['91320100748204660Q']);
    if (!batch.ok) return console.error(batch.error.code, advice(batch.error));
    console.log(batch.data.subjectsByCodes, batch.denied.map((d) => `${d.path.join('.')}: ${advice(d)}`));
    let n = 0;
    for await (const hit of client.searchSubjects('南京', 10)) if (++n <= 3) console.log(hit.uscc, hit.name);
    console.log(`${n} subjects found for 南京`);
  })().catch((err) => {
    console.error(err instanceof PartnerApiError ? `${err.message}: ${advice(err.error)}` : err);
    process.exitCode = 1;
  });
}

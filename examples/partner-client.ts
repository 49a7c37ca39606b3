/**
 * A partner agency's client for the public credit information API, in plain TypeScript on
 * Node's built-in fetch, with its operations typed by GraphQL Code Generator from the published
 * schema (examples/operations/*.graphql → examples/generated/graphql.ts, `npm run codegen`). It
 * shows the things every partner integration gets right or wrong:
 *
 * 1. the bearer token and the declared purpose (`X-Purpose`) on every request that reads data;
 * 2. partial answers: a field the catalog does not share with you, or that needs the
 *    person's consent, comes back null with an error at its path — the rest is still data;
 * 3. errors as a discriminated union on `extensions.code` (examples/api-errors.ts), so
 *    `switch (error.code)` is checked by the compiler and a new refusal cannot be silently ignored;
 * 4. cursor pagination: follow `pageInfo.endCursor` while `hasNextPage`;
 * 5. a server that does not answer is an error with a message (`NETWORK`), not a crash.
 *
 * It asks for `application/graphql-response+json`: every answer, a refusal included, is then a
 * GraphQL response whose `errors[].extensions.code` says what happened (README "Writing a client").
 * Every read you make is written to the access log with your agency, purpose and request id;
 * the subject can see it. Send your own `x-request-id` to find a request in both logs.
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { advice, isFieldDenial, toApiError, unreachable, type ApiError, type FieldDenial, type WireError } from './api-errors';
import {
  PartnerSearchDocument, PartnerSubjectsByCodesDocument,
  type PartnerSearchQuery, type PartnerSubjectsByCodesQuery,
} from './generated/graphql';

export { advice, toApiError, type ApiError, type FieldDenial } from './api-errors';

/** An answer: data (perhaps with some fields withheld), or a refusal of the whole request. */
export type Outcome<T> =
  | { ok: true; data: T; denied: FieldDenial[]; requestId: string }
  /** `status` 0: no HTTP answer at all (NETWORK). */
  | { ok: false; error: ApiError; status: number; requestId: string };

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
  /**
   * Your declared purpose, e.g. PUBLIC_RESOURCE_TRADING (see the `purposes` query). Without one
   * only the schema answers (`__typename`, introspection); any data is PURPOSE_REQUIRED.
   */
  purpose?: string;
  /** For tests and proxies; Node's global fetch by default. */
  fetch?: typeof fetch;
}

export type SubjectSummary = NonNullable<PartnerSubjectsByCodesQuery['subjectsByCodes'][number]>;
export type SearchHit = PartnerSearchQuery['searchSubjects']['edges'][number]['node'];

const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

export class PartnerClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: PartnerClientOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  /** Runs any operation (a typed document or its text); `requestId` is sent as x-request-id (the server makes one otherwise). */
  async request<T, V extends Record<string, unknown> = Record<string, unknown>>(
    operation: TypedDocumentNode<T, V> | string, variables?: V, requestId?: string,
  ): Promise<Outcome<T>> {
    let res: Response;
    try {
      res = await this.fetch(this.opts.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: ACCEPT,
          authorization: `Bearer ${this.opts.token}`,
          ...(this.opts.purpose ? { 'x-purpose': this.opts.purpose } : {}),
          ...(requestId ? { 'x-request-id': requestId } : {}),
        },
        body: JSON.stringify({ query: typeof operation === 'string' ? operation : print(operation), variables: variables ?? {} }),
      });
    } catch (err) {
      return { ok: false, error: unreachable(this.opts.endpoint, err), status: 0, requestId: requestId ?? '' };
    }
    const id = res.headers.get('x-request-id') ?? requestId ?? '';
    let body: { data?: T | null; errors?: WireError[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // A proxy's error page, or no GraphQL server at this URL.
      const type = res.headers.get('content-type') ?? 'no content type';
      const error: ApiError = { code: 'NETWORK', message: `HTTP ${res.status} from ${this.opts.endpoint} is not a GraphQL response (${type}): is CREDIT_API_URL the API's /graphql URL?` };
      return { ok: false, error, status: res.status, requestId: id };
    }
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

  /** Up to 100 subjects by code, in the order given; null where there is none you may see. */
  async subjectsByCodes(codes: readonly string[]): Promise<Outcome<PartnerSubjectsByCodesQuery>> {
    return this.request(PartnerSubjectsByCodesDocument, { codes: [...codes] });
  }

  /** Every subject matching `keyword`, page by page; throws PartnerApiError on a refusal. */
  async *searchSubjects(keyword: string, pageSize = 20): AsyncGenerator<SearchHit, void> {
    let after: string | null = null;
    for (;;) {
      const outcome: Outcome<PartnerSearchQuery> = await this.request(PartnerSearchDocument, { keyword, first: pageSize, after });
      if (!outcome.ok) throw new PartnerApiError(outcome.error, outcome.requestId);
      const page: PartnerSearchQuery['searchSubjects'] = outcome.data.searchSubjects;
      for (const edge of page.edges) yield edge.node;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }
}

/**
 * `node -r @swc-node/register examples/partner-client.ts` with CREDIT_API_URL (default
 * http://localhost:4000/graphql, where `npm start` listens), CREDIT_API_TOKEN (`npm run -s token
 * -- --role PARTNER --agency JS_PRTC`) and CREDIT_API_PURPOSE (default PUBLIC_RESOURCE_TRADING).
 * Exit code 0, or 1 with one line saying what went wrong and what to do.
 */
/** The codes to look up: CREDIT_API_CODES (comma-separated), else the demo seed's sample company. */
export function codesFrom(env: NodeJS.ProcessEnv): string[] {
  const codes = (env.CREDIT_API_CODES ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  return codes.length ? codes : ['91320100748204660Q'];
}

export async function main(env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const endpoint = env.CREDIT_API_URL || 'http://localhost:4000/graphql';
  if (!env.CREDIT_API_TOKEN) {
    out('CREDIT_API_TOKEN is not set: issue one with `npm run -s token -- --role PARTNER --agency JS_PRTC`');
    return 1;
  }
  const client = new PartnerClient({ endpoint, token: env.CREDIT_API_TOKEN, purpose: env.CREDIT_API_PURPOSE || 'PUBLIC_RESOURCE_TRADING' });
  // CREDIT_API_CODES: comma-separated codes to look up (default: the demo's sample company).
  const batch = await client.subjectsByCodes(codesFrom(env));
  if (!batch.ok) {
    out(`${batch.error.code}: ${advice(batch.error)}${batch.requestId ? ` (request ${batch.requestId})` : ''}`);
    return 1;
  }
  for (const s of batch.data.subjectsByCodes) out(s ? `${s.uscc} ${s.name} ${s.legalRepresentative ?? '(withheld)'}` : '(none you may see)');
  for (const d of batch.denied) out(`${d.path.join('.')}: ${advice(d)}`);
  let n = 0;
  try {
    for await (const hit of client.searchSubjects('南京', 10)) if (++n <= 3) out(`${hit.uscc} ${hit.name}`);
  } catch (err) {
    if (!(err instanceof PartnerApiError)) throw err;
    out(`${err.message}: ${advice(err.error)}`);
    return 1;
  }
  out(`${n} subjects found for 南京`);
  return 0;
}

if (require.main === module) {
  main(process.env, (line) => console.log(line)).then((code) => {
    process.exitCode = code;
  });
}

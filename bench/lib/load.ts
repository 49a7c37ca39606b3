/**
 * Drives one workload against one or more HTTP endpoints with autocannon for a fixed time
 * at a fixed total concurrency (split across endpoints: several server instances). Latency
 * percentiles come from every response time observed, so the runs against N instances
 * merge exactly. GraphQL errors in a 200 answer count as errors, as non-2xx answers do.
 */
import autocannon from 'autocannon';

/** One request of a workload: its body and, for a workload that mixes callers, headers of its own. */
export type BenchRequest = string | { readonly body: string; readonly headers: Readonly<Record<string, string>> };

export interface Endpoint {
  /** Full URL of the GraphQL endpoint. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Measurement {
  readonly requests: number;
  readonly seconds: number;
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  /** Non-2xx answers, 200 answers carrying GraphQL errors, and socket errors/timeouts. */
  readonly errors: number;
  readonly non2xx: number;
  /** Requests sent but not answered when the time was up (the load generator abandons them). */
  readonly unanswered: number;
  /** The first error seen, to say what went wrong. */
  readonly errorSample?: string;
  /** From the x-sql-statements header (our server in development mode); undefined elsewhere. */
  readonly sqlPerRequest?: { readonly mean: number; readonly min: number; readonly max: number };
  /** From the x-cache header (our server's public response cache); undefined when no answer had one. */
  /** `sharedHits`: answers from the Redis tier (x-cache HIT-SHARED). */
  readonly cache?: { readonly hits: number; readonly sharedHits: number; readonly misses: number; readonly bypassed: number };
  /**
   * Latency by what answered (x-cache): `hit` (HIT, HIT-SHARED), `miss` (MISS, BYPASS: executed
   * for the public), `other` (no x-cache: a token holder's write or read). Undefined when no
   * answer had the header: a mix's p99 says little until it is known which part holds it.
   */
  readonly byAnswer?: Readonly<Partial<Record<AnswerKind, LatencyOf>>>;
}

export const ANSWER_KINDS = ['hit', 'miss', 'other'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
export interface LatencyOf {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
}

interface Tally {
  latencies: number[];
  non2xx: number;
  graphqlErrors: number;
  errorSample?: string;
  sqlSum: number;
  sqlCount: number;
  sqlMin: number;
  sqlMax: number;
  cache: { hits: number; sharedHits: number; misses: number; bypassed: number };
  /** The kind of the answer just recorded: autocannon calls onResponse, then emits 'response' with its time, for each answer. */
  lastKind: AnswerKind;
  byAnswer: Record<AnswerKind, number[]>;
}

// A top-level "errors" key: in a string value the quotes would be escaped, so no false match.
export const hasGraphQLErrors = (body: string) => body.startsWith('{"errors"') || body.includes(',"errors":[');

function onAnswer(t: Tally, status: number, body: string, headers: Record<string, string> | undefined): void {
  const cached = headers?.['x-cache'];
  t.lastKind = cached === 'HIT' || cached === 'HIT-SHARED' ? 'hit' : cached === 'MISS' || cached === 'BYPASS' ? 'miss' : 'other';
  if (cached === 'HIT') t.cache.hits += 1;
  else if (cached === 'HIT-SHARED') t.cache.sharedHits += 1;
  else if (cached === 'MISS') t.cache.misses += 1;
  else if (cached === 'BYPASS') t.cache.bypassed += 1;
  const sql = headers?.['x-sql-statements'];
  if (sql !== undefined) {
    const n = Number(sql);
    t.sqlSum += n;
    t.sqlCount += 1;
    if (n < t.sqlMin) t.sqlMin = n;
    if (n > t.sqlMax) t.sqlMax = n;
  }
  const failed = status < 200 || status >= 300;
  if (failed) t.non2xx += 1;
  else if (hasGraphQLErrors(body)) t.graphqlErrors += 1;
  else return;
  t.errorSample ??= `HTTP ${status}: ${body.slice(0, 300)}`;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Splits `total` connections over `n` endpoints as evenly as possible (each gets at least 1). */
export function split(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.max(1, Math.floor(total / n) + (i < total % n ? 1 : 0)));
}

function runOne(endpoint: Endpoint, connections: number, seconds: number, next: () => BenchRequest, t: Tally, requestId: () => string) {
  const instance = autocannon({
    url: endpoint.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { ...endpoint.headers, 'content-type': 'application/json' },
    requests: [{
      method: 'POST',
      setupRequest: (req: any) => {
        const r = next();
        return typeof r === 'string'
          ? { ...req, headers: { ...req.headers, 'x-request-id': requestId() }, body: r }
          : { ...req, headers: { ...req.headers, ...r.headers, 'x-request-id': requestId() }, body: r.body };
      },
      onResponse: (status: number, resBody: string, _ctx: unknown, headers: Record<string, string>) => onAnswer(t, status, resBody, headers),
    }],
  } as any, () => undefined);
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    t.latencies.push(responseTime);
    t.byAnswer[t.lastKind].push(responseTime);
  });
  return new Promise<autocannon.Result>((resolve, reject) => {
    instance.once('done', resolve);
    instance.once('error', reject);
  });
}

/**
 * Runs `seconds` of load spread over the endpoints; a warm-up is the same call, discarded.
 * Every request carries the id `<requestIdPrefix><n>`, so what it wrote (the access log) can be
 * attributed to the run exactly, even when it finishes after the deadline.
 */
export async function drive(endpoints: readonly Endpoint[], connections: number, seconds: number, body: () => BenchRequest, requestIdPrefix: string): Promise<Measurement> {
  let sent = 0;
  const requestId = () => `${requestIdPrefix}${++sent}`;
  const t: Tally = { latencies: [], non2xx: 0, graphqlErrors: 0, sqlSum: 0, sqlCount: 0, sqlMin: Infinity, sqlMax: -Infinity, cache: { hits: 0, sharedHits: 0, misses: 0, bypassed: 0 }, lastKind: 'other', byAnswer: { hit: [], miss: [], other: [] } };
  const shares = split(connections, endpoints.length);
  const started = process.hrtime.bigint();
  const results = await Promise.all(endpoints.map((e, i) => runOne(e, shares[i]!, seconds, body, t, requestId)));
  const elapsed = Math.max(seconds, Number(process.hrtime.bigint() - started) / 1e9);
  const socketErrors = results.reduce((s, r) => s + r.errors + r.timeouts, 0);
  const sorted = t.latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    seconds: elapsed,
    reqPerSec: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: t.non2xx + t.graphqlErrors + socketErrors,
    non2xx: t.non2xx,
    unanswered: Math.max(0, sent - sorted.length - socketErrors),
    errorSample: t.errorSample ?? (socketErrors ? `${socketErrors} socket errors or timeouts` : undefined),
    sqlPerRequest: t.sqlCount ? { mean: t.sqlSum / t.sqlCount, min: t.sqlMin, max: t.sqlMax } : undefined,
    cache: t.cache.hits + t.cache.sharedHits + t.cache.misses + t.cache.bypassed > 0 ? { ...t.cache } : undefined,
    byAnswer: t.byAnswer.hit.length + t.byAnswer.miss.length > 0 ? latencyByAnswer(t.byAnswer) : undefined,
  };
}

function latencyByAnswer(by: Record<AnswerKind, number[]>): Partial<Record<AnswerKind, LatencyOf>> {
  const out: Partial<Record<AnswerKind, LatencyOf>> = {};
  for (const kind of ANSWER_KINDS) {
    const sorted = by[kind].sort((a, b) => a - b);
    if (sorted.length) out[kind] = { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  }
  return out;
}

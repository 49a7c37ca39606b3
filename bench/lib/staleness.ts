/**
 * W5's checking client: while the load runs, it writes a penalty for a popular subject (whose
 * profile the cache most likely holds) through one instance, then reads that profile — the very
 * document W5 sends, so the very cache entry — through every instance until the new penalty
 * shows. An answer still without it after the staleness bound is a stale answer beyond the
 * bound; the report gives their number (it must be 0) and the longest time a write took to show.
 */
import { W1_QUERY, penaltyBody } from './workloads';
import type { Population } from './database';
import { zipf } from './zipf';

export interface StalenessReport {
  readonly writes: number;
  readonly reads: number;
  /** Reads that still showed the old profile longer than the bound after the write returned. */
  readonly staleBeyondBound: number;
  /** The longest time from a write's response to its appearance on the slowest instance, ms. */
  readonly maxShowMs: number;
  readonly boundMs: number;
}

async function penalties(url: string, code: string): Promise<number | undefined> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: W1_QUERY, variables: { code } }) });
  const body = (await res.json().catch(() => undefined)) as { data?: { subject?: { profile?: { penalties?: { totalCount?: number } } } } } | undefined;
  return body?.data?.subject?.profile?.penalties?.totalCount;
}

/**
 * Numbers the checker's penalty documents across the whole run: targets in one round share the
 * run tag, and a document number reused for the same subject is an idempotent repeat (no new
 * penalty), which the checker would count as stale answers however fresh the cache.
 */
let checkWrites = 0;

export async function checkStaleness(opts: {
  urls: readonly string[];
  writeHeaders: Readonly<Record<string, string>>;
  population: Population;
  runTag: string;
  boundMs: number;
  seconds: number;
}): Promise<StalenessReport> {
  const ranks = zipf(Math.min(opts.population.codes.length, 1000), 1.1);
  const until = Date.now() + opts.seconds * 1000;
  let writes = 0;
  let reads = 0;
  let stale = 0;
  let maxShowMs = 0;
  while (Date.now() < until) {
    const code = opts.population.codes[ranks.next()]!;
    const before = await penalties(opts.urls[0]!, code);
    if (before === undefined) continue;
    for (const url of opts.urls) await penalties(url, code); // the entry is cached now, if it was not
    const res = await fetch(opts.urls[0]!, { method: 'POST', headers: { 'content-type': 'application/json', ...opts.writeHeaders }, body: penaltyBody(code, `${opts.runTag}CHK`, ++checkWrites) });
    writes += 1;
    const written = (await res.text()).includes('"recordCreditInformation":{');
    const wroteAt = Date.now();
    if (!written) continue;
    for (const url of opts.urls) {
      for (;;) {
        const now = await penalties(url, code);
        reads += 1;
        const waited = Date.now() - wroteAt;
        if (now !== undefined && now > before) {
          maxShowMs = Math.max(maxShowMs, waited);
          break;
        }
        if (waited > opts.boundMs) stale += 1;
        if (waited > 5 * opts.boundMs) break;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  }
  return { writes, reads, staleBeyondBound: stale, maxShowMs, boundMs: opts.boundMs };
}

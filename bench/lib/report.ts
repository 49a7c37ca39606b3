/**
 * The results: one table per workload — each target's median over the interleaved rounds with
 * the spread (min–max) of throughput and p99, then p50, errors, SQL statements per request,
 * server RSS and access-log rows — the ratios of our server's medians to each comparison
 * target's and, with --instances, the scaling; each round's throughput below. Printed, and
 * written to bench/results/<preset>-<timestamp>.md/.json (every round's figures) with the
 * machine it ran on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { BenchOptions, Workload } from './args';
import type { SeedReport } from './database';
import { ANSWER_KINDS, type AnswerKind, type Measurement } from './load';
import { spreadOf, type Spread } from './rounds';
import type { StalenessReport } from './staleness';
import { WORKLOAD_TITLES } from './workloads';

export interface Row {
  readonly workload: Workload;
  readonly target: string;
  /** The interleaved round (1-based) this measurement belongs to. */
  readonly round: number;
  readonly m: Measurement;
  /** Summed RSS of the target's server processes at the end of the run, MB. */
  readonly rssMb?: number;
  /** Access-log rows the run wrote (requests in flight at the deadline included). */
  readonly accessLogRows?: number;
  /** CPU time (user + system) of the target's processes per request served, ms (requests in flight at the deadline included). */
  readonly serverCpuMsPerRequest?: number;
  /** The same for the PostgreSQL backends connected to the bench database (the target's pool and the bench's probe). */
  readonly databaseCpuMsPerRequest?: number;
  /** W5: what the checking client found (bench/lib/staleness.ts). */
  readonly staleness?: StalenessReport;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly node: string;
  readonly postgres: string;
  readonly loadAverageAtStart: readonly number[];
}

export async function machineInfo(adminUrl: string): Promise<Machine> {
  const db = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ version }] = await db`SELECT version()`;
    return {
      cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, ramGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version, postgres: String(version).split(' on ')[0]!, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    };
  } finally {
    await db.end();
  }
}

const f0 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '—' : Math.round(n).toLocaleString('en-US'));
const f1 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(1));

function sqlCell(ms: readonly Measurement[]): string {
  const s = ms.map((m) => m.sqlPerRequest).filter((x) => x !== undefined);
  if (!s.length) return '—';
  const min = Math.min(...s.map((x) => x.min));
  const max = Math.max(...s.map((x) => x.max));
  const mean = s.reduce((a, x) => a + x.mean, 0) / s.length;
  return min === max ? String(min) : `${mean.toFixed(2)} (${min}–${max})`;
}

/** One target's rounds of one workload, summarised. */
export interface TargetSummary {
  readonly target: string;
  readonly rounds: number;
  readonly reqPerSec: Spread;
  readonly p50: Spread;
  readonly p99: Spread;
  readonly errors: number;
  readonly non2xx: number;
  readonly requests: number;
  readonly sql: string;
  readonly rssMb: Spread;
  readonly accessLogRows: Spread;
  readonly serverCpuMs: Spread;
  readonly databaseCpuMs: Spread;
  /** Share of answers the public response cache gave (x-cache HIT or HIT-SHARED; `shared`: HIT-SHARED), over every round; undefined: no cache header seen. */
  readonly hitRate?: { readonly all: number; readonly shared: number };
  readonly staleness?: { writes: number; reads: number; staleBeyondBound: number; maxShowMs: number; boundMs: number };
  /** Latency by what answered (load.ts `byAnswer`): answers over every round, medians of the rounds' p50 and p99. */
  readonly byAnswer?: Partial<Record<AnswerKind, { count: number; p50: Spread; p99: Spread }>>;
}

/** Rows of one workload grouped by target, in the order targets first appear. */
export function summarise(rows: readonly Row[]): TargetSummary[] {
  const byTarget = new Map<string, Row[]>();
  for (const r of rows) byTarget.set(r.target, [...(byTarget.get(r.target) ?? []), r]);
  return [...byTarget].map(([target, rs]) => ({
    target,
    rounds: rs.length,
    reqPerSec: spreadOf(rs.map((r) => r.m.reqPerSec)),
    p50: spreadOf(rs.map((r) => r.m.p50)),
    p99: spreadOf(rs.map((r) => r.m.p99)),
    errors: rs.reduce((a, r) => a + r.m.errors, 0),
    non2xx: rs.reduce((a, r) => a + r.m.non2xx, 0),
    requests: rs.reduce((a, r) => a + r.m.requests, 0),
    sql: sqlCell(rs.map((r) => r.m)),
    rssMb: spreadOf(rs.map((r) => r.rssMb ?? NaN)),
    accessLogRows: spreadOf(rs.map((r) => r.accessLogRows ?? NaN)),
    serverCpuMs: spreadOf(rs.map((r) => r.serverCpuMsPerRequest ?? NaN)),
    databaseCpuMs: spreadOf(rs.map((r) => r.databaseCpuMsPerRequest ?? NaN)),
    hitRate: hitRateOf(rs),
    staleness: stalenessOf(rs),
    byAnswer: byAnswerOf(rs),
  }));
}

function byAnswerOf(rows: readonly Row[]): TargetSummary['byAnswer'] {
  const out: NonNullable<TargetSummary['byAnswer']> = {};
  for (const kind of ANSWER_KINDS) {
    // Results saved before this was measured have no byAnswer.
    const of = rows.map((r) => r.m.byAnswer?.[kind]).filter((x) => x !== undefined);
    if (of.length) out[kind] = { count: of.reduce((a, x) => a + x.count, 0), p50: spreadOf(of.map((x) => x.p50)), p99: spreadOf(of.map((x) => x.p99)) };
  }
  return Object.keys(out).length ? out : undefined;
}

const ANSWER_KIND_TITLES: Record<AnswerKind, string> = {
  hit: 'cache hits', miss: 'executed for the public (cache misses)', other: 'token holders\' requests (the writes)',
};

/** "hits 12,034: p50 1.2 ms, p99 30.1 ms; …" — which part of a mix holds its p99. */
function byAnswerLine(target: string, by: NonNullable<TargetSummary['byAnswer']>): string {
  const parts = ANSWER_KINDS.filter((k) => by[k]).map((k) => {
    const b = by[k]!;
    return `${ANSWER_KIND_TITLES[k]} ${f0(b.count)}: p50 ${range(b.p50, f1)} ms, p99 ${range(b.p99, f1)} ms`;
  });
  return `- ${target}: latency by what answered (x-cache; medians of the rounds) — ${parts.join('; ')}`;
}

function hitRateOf(rows: readonly Row[]): { all: number; shared: number } | undefined {
  const c = rows.map((r) => r.m.cache).filter((x) => x !== undefined);
  // Results saved before the shared tier have no sharedHits.
  const all = c.reduce((a, x) => a + x.hits + (x.sharedHits ?? 0) + x.misses + x.bypassed, 0);
  return all ? { all: c.reduce((a, x) => a + x.hits + (x.sharedHits ?? 0), 0) / all, shared: c.reduce((a, x) => a + (x.sharedHits ?? 0), 0) / all } : undefined;
}

function stalenessOf(rows: readonly Row[]): TargetSummary['staleness'] {
  const s = rows.map((r) => r.staleness).filter((x) => x !== undefined);
  if (!s.length) return undefined;
  return {
    writes: s.reduce((a, x) => a + x.writes, 0), reads: s.reduce((a, x) => a + x.reads, 0),
    staleBeyondBound: s.reduce((a, x) => a + x.staleBeyondBound, 0), maxShowMs: Math.max(...s.map((x) => x.maxShowMs)), boundMs: s[0]!.boundMs,
  };
}

const range = (s: Spread, f: (n: number) => string) => (s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`);

function table(summaries: readonly TargetSummary[]): string[] {
  const head = '| target | rounds | req/s median (min–max) | p50 ms | p99 ms median (min–max) | errors (non-2xx) | SQL/request | server RSS MB | access-log rows / round | server CPU ms/req | database CPU ms/req |';
  return [head, '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|', ...summaries.map((t) =>
    `| ${t.target} | ${t.rounds} | ${range(t.reqPerSec, f0)} | ${f1(t.p50.median)} | ${range(t.p99, f1)} | ${t.errors} (${t.non2xx}) | ${t.sql} | ${f0(t.rssMb.median)} | ${f0(t.accessLogRows.median)} | ${range(t.serverCpuMs, f1)} | ${range(t.databaseCpuMs, f1)} |`)];
}

/** Each round's throughput, so a reader sees the drift the medians smooth over. */
function roundsTable(rows: readonly Row[], summaries: readonly TargetSummary[]): string[] {
  const rounds = Math.max(...rows.map((r) => r.round));
  if (rounds < 2) return [];
  const cell = (target: string, round: number) => {
    const r = rows.find((x) => x.target === target && x.round === round);
    return r ? f0(r.m.reqPerSec) : '—';
  };
  const numbers = Array.from({ length: rounds }, (_, i) => i + 1);
  return ['', `| req/s by round | ${numbers.map((n) => `round ${n}`).join(' | ')} |`, `|---|${numbers.map(() => '--:').join('|')}|`,
    ...summaries.map((t) => `| ${t.target} | ${numbers.map((n) => cell(t.target, n)).join(' | ')} |`)];
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');

/** Ours against each other target: ratios of the medians of throughput and p99. */
function ratios(summaries: readonly TargetSummary[], instances: number): string[] {
  const ours = summaries.find((r) => r.target === 'ours');
  if (!ours) return [];
  const out: string[] = [];
  for (const other of summaries) {
    if (other === ours) continue;
    if (other.target.startsWith('ours ×')) {
      out.push(`- scaling: ${other.target} gives ${ratio(other.reqPerSec.median, ours.reqPerSec.median)} the throughput of 1 instance (ideal ${instances}×; both on this one machine)`);
      continue;
    }
    out.push(`- ours / ${other.target} (medians): throughput ${ratio(ours.reqPerSec.median, other.reqPerSec.median)}, p99 ${ratio(ours.p99.median, other.p99.median)}`);
  }
  return out;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly options: BenchOptions;
  readonly database: string;
  readonly seed: SeedReport;
  readonly machine: Machine;
  readonly rows: readonly Row[];
  readonly notes: readonly string[];
  readonly totalSeconds: number;
}

export function renderMarkdown(r: BenchReport): string {
  const o = r.options;
  const seedLine = r.seed.seeded
    ? `seeded now: ${f0(r.seed.rows)} rows in ${r.seed.seconds.toFixed(1)} s (${f0(r.seed.rowsPerSecond)} rows/s)`
    : `reused (seeded earlier: ${f0(r.seed.rows)} rows in ${r.seed.seconds.toFixed(1)} s, ${f0(r.seed.rowsPerSecond)} rows/s)`;
  const lines = [
    `# npm run bench — preset ${o.preset}, ${r.startedAt}`,
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB RAM; Node ${r.machine.node}; ${r.machine.postgres}; load average at start ${r.machine.loadAverageAtStart.join(' / ')}. The load generator (autocannon) runs on the same cores.`,
    `Data: database ${r.database}, ${f0(o.subjects)} subjects (seed ${o.random}, as of ${r.seed.asOf}), ${seedLine}.`,
    `Load: ${o.connections} connections, ${o.warmup} s warm-up + ${o.duration} s measured per workload, target and round; ${o.rounds ?? 1} interleaved round(s)${o.instances > 1 ? `; our server also as ${o.instances} instances` : ''}. Total run ${r.totalSeconds.toFixed(0)} s.`,
  ];
  for (const w of o.workloads) {
    const rows = r.rows.filter((row) => row.workload === w);
    if (!rows.length) continue;
    const summaries = summarise(rows);
    lines.push('', `## ${WORKLOAD_TITLES[w]}`, '', ...table(summaries), ...roundsTable(rows, summaries));
    const rs = ratios(summaries, o.instances);
    if (rs.length) lines.push('', ...rs);
    for (const t of summaries) {
      if (t.hitRate !== undefined) lines.push(`- ${t.target}: public response cache hit rate ${(100 * t.hitRate.all).toFixed(1)} %${t.hitRate.shared > 0 ? ` (${(100 * t.hitRate.shared).toFixed(1)} % from Redis, x-cache HIT-SHARED)` : ''}`);
      if (t.byAnswer) lines.push(byAnswerLine(t.target, t.byAnswer));
      const st = t.staleness;
      if (st) {
        lines.push(`- ${t.target}: checking client — ${st.writes} writes, ${st.reads} reads of the written profile on every instance; ` +
          `stale answers beyond the ${st.boundMs} ms bound: **${st.staleBeyondBound}**; longest until a write showed everywhere: ${st.maxShowMs} ms`);
      }
    }
    // A connection that completes only a few requests in the run measures mostly the last
    // ones abandoned at the deadline: say so rather than let the figure pass as steady state.
    const short = summaries.filter((t) => t.target !== 'pgbench' && t.requests / t.rounds < 10 * o.connections);
    if (short.length) {
      const per = short.map((t) => `${t.target} ${(t.requests / t.rounds / o.connections).toFixed(1)}`).join(', ');
      lines.push(`- rough: requests answered per connection in ${o.duration} s: ${per} (fewer than 10, so the requests abandoned in flight at the deadline weigh heavily); use a longer --duration for steady-state figures`);
    }
    for (const row of rows) if (row.m.errorSample) lines.push(`- first error of ${row.target} (round ${row.round}): \`${row.m.errorSample.replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 240)}\``);
  }
  if (r.notes.length) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

export function writeReport(dir: string, r: BenchReport): { md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = r.startedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = join(dir, `${r.options.preset}-${stamp}`);
  writeFileSync(`${base}.md`, renderMarkdown(r));
  writeFileSync(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`);
  return { md: `${base}.md`, json: `${base}.json` };
}

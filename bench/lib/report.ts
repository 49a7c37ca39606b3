/**
 * The results: one table per workload (throughput, p50, p99, errors, SQL statements per
 * request, server RSS), the ratios of our server to each comparison target and, with
 * --instances, the scaling. Printed, and written to bench/results/<preset>-<timestamp>.md/.json
 * with the machine it ran on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { BenchOptions, Workload } from './args';
import type { SeedReport } from './database';
import type { Measurement } from './load';
import { WORKLOAD_TITLES } from './workloads';

export interface Row {
  readonly workload: Workload;
  readonly target: string;
  readonly m: Measurement;
  /** Summed RSS of the target's server processes at the end of the run, MB. */
  readonly rssMb?: number;
  /** Access-log rows the run wrote (requests in flight at the deadline included). */
  readonly accessLogRows?: number;
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

function sqlCell(m: Measurement): string {
  const s = m.sqlPerRequest;
  if (!s) return '—';
  return s.min === s.max ? String(s.min) : `${s.mean.toFixed(2)} (${s.min}–${s.max})`;
}

function table(rows: readonly Row[]): string[] {
  const head = '| target | req/s | p50 ms | p99 ms | errors (non-2xx) | SQL/request | server RSS MB | access-log rows |';
  return [head, '|---|--:|--:|--:|--:|--:|--:|--:|', ...rows.map((r) =>
    `| ${r.target} | ${f0(r.m.reqPerSec)} | ${f1(r.m.p50)} | ${f1(r.m.p99)} | ${r.m.errors} (${r.m.non2xx}) | ${sqlCell(r.m)} | ${f0(r.rssMb)} | ${f0(r.accessLogRows)} |`)];
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');

/** Ours against each other target: throughput ratio and p99 ratio. */
function ratios(rows: readonly Row[], instances: number): string[] {
  const ours = rows.find((r) => r.target === 'ours');
  if (!ours) return [];
  const out: string[] = [];
  for (const other of rows) {
    if (other === ours) continue;
    if (other.target.startsWith('ours ×')) {
      out.push(`- scaling: ${other.target} gives ${ratio(other.m.reqPerSec, ours.m.reqPerSec)} the throughput of 1 instance (ideal ${instances}×; both on this one machine)`);
      continue;
    }
    out.push(`- ours / ${other.target}: throughput ${ratio(ours.m.reqPerSec, other.m.reqPerSec)}, p99 ${ratio(ours.m.p99, other.m.p99)}`);
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
    `Load: ${o.connections} connections, ${o.warmup} s warm-up + ${o.duration} s measured per workload and target${o.instances > 1 ? `; our server also as ${o.instances} instances` : ''}. Total run ${r.totalSeconds.toFixed(0)} s.`,
  ];
  for (const w of o.workloads) {
    const rows = r.rows.filter((row) => row.workload === w);
    if (!rows.length) continue;
    lines.push('', `## ${WORKLOAD_TITLES[w]}`, '', ...table(rows));
    const rs = ratios(rows, o.instances);
    if (rs.length) lines.push('', ...rs);
    // A connection that completes only a few requests in the run measures mostly the last
    // ones abandoned at the deadline: say so rather than let the figure pass as steady state.
    const short = rows.filter((row) => row.target !== 'pgbench' && row.m.requests < 10 * o.connections);
    if (short.length) {
      const per = short.map((row) => `${row.target} ${(row.m.requests / o.connections).toFixed(1)}`).join(', ');
      lines.push(`- rough: requests answered per connection in ${o.duration} s: ${per} (fewer than 10, so the requests abandoned in flight at the deadline weigh heavily); use a longer --duration for steady-state figures`);
    }
    for (const row of rows) if (row.m.errorSample) lines.push(`- first error of ${row.target}: \`${row.m.errorSample.replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 240)}\``);
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

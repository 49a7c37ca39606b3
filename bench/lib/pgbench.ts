/**
 * Comparison target (c): pgbench replaying the SQL statements W1 issues (captured from our
 * server, bench/lib/capture.ts), prepared, with a random sampled subject per transaction, at
 * the same client count and duration: the bound that no GraphQL layer over these statements
 * can pass. The code and the subject id come from a small sample table by a random index
 * (one primary-key lookup inside each statement); every other parameter is written inline.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { CapturedStatement } from './capture';
import type { Measurement } from './load';
import { track } from './processes';
import { inlineParams } from './sql-text';

const SAMPLE_TABLE = 'bench_support.w1_subjects';

/** Writes the subjects pgbench draws from (n = 1..size). */
export async function installPgbenchSamples(url: string, subjects: ReadonlyArray<{ id: number; uscc: string }>): Promise<void> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await db.begin(async (tx) => {
      await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS bench_support; DROP TABLE IF EXISTS ${SAMPLE_TABLE};
        CREATE TABLE ${SAMPLE_TABLE} (n int PRIMARY KEY, subject_id bigint NOT NULL, uscc text NOT NULL)`);
      const rows = subjects.map((s, i) => ({ n: i + 1, subject_id: s.id, uscc: s.uscc }));
      await tx`INSERT INTO ${tx.unsafe(SAMPLE_TABLE)} ${tx(rows)}`;
      await tx.unsafe(`ANALYZE ${SAMPLE_TABLE}`);
    });
  } finally {
    await db.end();
  }
}

/**
 * The pgbench script: the captured statements with the sampled code and subject id drawn per
 * transaction. `code` and `subjectId` are the values the capture was made with.
 */
export function pgbenchScript(statements: readonly CapturedStatement[], code: string, subjectId: number, sampleSize: number): string {
  let codeUses = 0;
  let idUses = 0;
  const lines = statements.map(({ text, params }) =>
    `${inlineParams(text, params, (value) => {
      if (value === code) { codeUses += 1; return `(SELECT uscc FROM ${SAMPLE_TABLE} WHERE n = :n)`; }
      if (value === subjectId || value === String(subjectId)) { idUses += 1; return `(SELECT subject_id FROM ${SAMPLE_TABLE} WHERE n = :n)`; }
      // The records statement takes its subjects as one array parameter (= ANY($1::bigint[])).
      if (Array.isArray(value) && value.length === 1 && (value[0] === subjectId || value[0] === String(subjectId))) {
        idUses += 1;
        return `ARRAY[(SELECT subject_id FROM ${SAMPLE_TABLE} WHERE n = :n)]`;
      }
      return undefined;
    })};`);
  if (codeUses === 0 || idUses === 0) {
    throw new Error(`the captured W1 statements do not take the code and the subject id as parameters (code ${codeUses}, id ${idUses}); cannot vary them`);
  }
  return [`\\set n random(1, ${sampleSize})`, ...lines].join('\n') + '\n';
}

/** Statements per transaction: the script's lines that are not meta-commands. */
const statementCount = (script: string) => script.split('\n').filter((l) => l.trim() && !l.startsWith('\\')).length;

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

function runPgbench(url: string, args: readonly string[], cwd: string): Promise<string> {
  const child = track('pgbench', [...args, url], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pgbench exited with ${code}:\n${out.slice(-2000)}`))));
  });
}

export async function pgbench(url: string, script: string, clients: number, seconds: number, warmup: number): Promise<Measurement & { script: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'credit-bench-pgbench-'));
  try {
    writeFileSync(join(dir, 'w1.sql'), script);
    const common = ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-f', 'w1.sql'];
    if (warmup > 0) await runPgbench(url, [...common, '-T', String(warmup)], dir);
    const out = await runPgbench(url, [...common, '-T', String(seconds), '-l', '--log-prefix=tx'], dir);
    // Per-transaction log: client_id transaction_no latency_us script_no epoch_s epoch_us
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('tx.'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
    return {
      requests: latencies.length,
      seconds,
      reqPerSec: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: failed,
      non2xx: 0,
      unanswered: 0,
      errorSample: failed ? out.slice(-500) : undefined,
      sqlPerRequest: { mean: statementCount(script), min: statementCount(script), max: statementCount(script) },
      script,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

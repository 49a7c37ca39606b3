/**
 * `npm run bench:audit -- --rows 1000000`: the access log's verification time at size. Fills a
 * fresh database (DATABASE_URL's server, or PGlite) with sealed rows through the real append
 * function in batches of 1,000, signs a checkpoint, then times `verifyAccessLogChain` with the
 * MAC key and the checkpoint — what `npm run audit:verify` does — and prints rows per second.
 */
import 'reflect-metadata';
import pino from 'pino';
import { appendAccessLog } from '../src/audit/access-writer';
import type { AccessEntry } from '../src/audit/access-entry';
import { AccessLogCheckpointer } from '../src/audit/checkpointer';
import { generateAccessLogKeys } from '../src/audit/log-keys';
import { LogStream } from '../src/audit/log-stream';
import { verifyAccessLogChain } from '../src/audit/verify-chain';
import { openTestDatabase } from '../test/support/db';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main(): Promise<void> {
  const rows = arg('rows', 100_000);
  const batch = 1000;
  const database = await openTestDatabase();
  const keys = generateAccessLogKeys();
  const stream = new LogStream(keys.mac[0]!);
  const started = Date.now();
  for (let n = 0; n < rows; n += batch) {
    const entries: AccessEntry[] = Array.from({ length: Math.min(batch, rows - n) }, (_, i) => ({
      at: new Date(Date.UTC(2026, 11, 1) + n + i).toISOString(), requestId: `bench-${Math.floor((n + i) / 4)}`, clientRequestId: null,
      principal: 'bench-partner', role: 'PARTNER', agencyCode: 'JS_PRTC', purpose: 'PUBLIC_RESOURCE_TRADING', operation: 'query Batch',
      subjectId: (n + i) % 50_000, itemCode: '03-02-001', fieldPath: `subjectsByCodes.${i % 30}.profile.penalties.edges.0.node{fineAmount}`,
      decision: 'ALLOW', reason: 'SHARED:sharing-agreements-2025',
    }));
    await appendAccessLog(database.db, entries, stream);
  }
  const filled = (Date.now() - started) / 1000;
  const checkpoint = await new AccessLogCheckpointer(() => database.db, { signing: keys.signing!, verifying: keys.verifying! },
    { file: undefined, intervalMs: 3_600_000, rows: rows + 1 }, pino({ level: 'silent' })).checkpoint();
  const t0 = Date.now();
  const result = await verifyAccessLogChain(database.db, { macKeys: keys.mac, verifyingKey: keys.verifying });
  const seconds = (Date.now() - t0) / 1000;
  process.stdout.write(`${database.kind}: appended ${rows} rows in ${filled.toFixed(1)} s (${Math.round(rows / filled)} rows/s through append_access_log_grouped);\n`
    + `verified ${result.checked} rows and ${result.checkpointsMatched} checkpoint (seq ${checkpoint?.lastSeq}) in ${seconds.toFixed(1)} s `
    + `(${Math.round(result.checked / seconds)} rows/s), ok=${result.ok}\n`);
  await database.destroy();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});

/**
 * `npm run seed -- --subjects 1000000 [--random 49] [--reset] [--today YYYY-MM-DD]` fills the
 * configured database with deterministic synthetic data: PostgreSQL when DATABASE_URL is set,
 * otherwise the PGlite directory PGLITE_DIR (an in-memory PGlite is refused: the seed would
 * vanish with the process). Migrates and syncs the catalog first, so it works on an empty database.
 */
import { parseArgs } from 'node:util';
import { loadCatalogBundle } from '../catalog/catalog.loader';
import { syncCatalog } from '../modules/catalog/catalog.sync';
import { type Config } from '../config';
import { configOrExit, failWithUsage, type Fail } from './cli-exit';
import { openDatabase } from '../db/database';
import { DataDirInUseError } from '../db/pglite-lock';
import { migrate } from '../db/migrate';
import { SeedRefusedError, seedDatabase, type SeedProgress, type SeedResult } from '../seed';
import { createIdNumberVault } from '../identifiers';
import { legalDate } from '../time/legal-date';

const USAGE = 'usage: npm run seed -- [--subjects <n>] [--random <seed>] [--reset] [--today YYYY-MM-DD]\n'
  + '  --subjects  number of subjects to generate (default SEED_SUBJECTS, 300); ~10 records each\n'
  + '  --random    seed of the generator (default SEED_RANDOM, 49): same seed, same data\n'
  + '  --reset     empty the seeded tables first (the access log is kept)\n'
  + '  --today     the date the data is as of (default: today in China)';

interface Args { subjects: number; random: number; reset: boolean; today: string }

const fail: Fail = failWithUsage(USAGE);

function parse(config: Config): Args {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        subjects: { type: 'string' }, random: { type: 'string' }, reset: { type: 'boolean', default: false },
        today: { type: 'string' }, help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const subjects = values.subjects === undefined ? config.seed.subjects : Number(values.subjects.replace(/_/g, ''));
  if (!Number.isInteger(subjects) || subjects < 1 || subjects >= 100_000_000) fail(`--subjects must be a whole number from 1 to 99,999,999, got ${values.subjects}`);
  const random = values.random === undefined ? config.seed.random : Number(values.random);
  if (!Number.isInteger(random)) fail(`--random must be an integer, got ${values.random}`);
  const today = values.today ?? legalDate(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) fail(`--today must be a date YYYY-MM-DD, got ${today}`);
  return { subjects, random, reset: values.reset, today };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function progress(p: SeedProgress): void {
  const rate = p.subjectsDone / p.seconds;
  const eta = (p.subjectsTotal - p.subjectsDone) / rate;
  process.stderr.write(`\rseeded ${fmt(p.subjectsDone)}/${fmt(p.subjectsTotal)} subjects  ${fmt(rate)} subjects/s  ${fmt(p.rows / p.seconds)} rows/s  ETA ${duration(eta)}   `);
}

function summary(r: SeedResult, args: Args, target: string): string {
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const tables = Object.entries(r.counts).map(([t, n]) => `${t} ${fmt(n)}`).join(', ');
  return [
    `seeded ${fmt(args.subjects)} subjects into ${target} (seed ${args.random}, as of ${args.today}): ${fmt(r.rows)} rows in ${r.seconds.toFixed(1)} s, ${fmt(r.rowsPerSecond)} rows/s, peak RSS ${fmt(peakMb)} MB`,
    `  ${tables}`,
    `  try: ${[...r.sampleCodes.legalPersons.slice(0, 2), ...r.sampleCodes.individualBusinesses.slice(0, 1), ...r.sampleCodes.listed.slice(0, 1)].join(', ')}`,
    ...(r.bulkLoad ? [bulkLoadLine(r.bulkLoad)] : []),
  ].join('\n');
}

function bulkLoadLine(b: NonNullable<SeedResult['bulkLoad']>): string {
  const triggers = b.triggersKept
    ? `row triggers kept firing: ${b.triggersKept}`
    : `row triggers run set-wise after the load: ${b.triggersReplaced.join(', ') || 'none'}`;
  return `  bulk load: ${b.rebuilt.length} indexes and constraints built after the load; ${triggers}`;
}

async function main(): Promise<void> {
  const config = configOrExit(fail);
  const args = parse(config);
  if (config.database.kind === 'pglite' && !config.database.dataDir) {
    fail('PGLITE_DIR=memory:// keeps the database in memory, so the seed would vanish when this command exits; '
      + 'set PGLITE_DIR to a directory (default .data/pglite) or DATABASE_URL', 1);
  }
  const target = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${config.database.dataDir}`;
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
    const bundle = loadCatalogBundle();
    const catalog = await syncCatalog(database.db, bundle);
    const vault = createIdNumberVault({ hmacKey: config.keys.idHmac, encryptionKey: config.keys.idEncryption });
    const result = await seedDatabase(database, {
      catalog, bundle, vault, subjects: args.subjects, random: args.random, today: args.today, reset: args.reset,
      onProgress: process.stderr.isTTY ? progress : undefined,
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`${summary(result, args, target)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof SeedRefusedError) fail(err.message, 1);
  // A refusal that says what to do needs no stack trace.
  fail(`seeding failed: ${err instanceof DataDirInUseError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err)}`, 1);
});

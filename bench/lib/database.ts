/**
 * The bench database: one per preset (credit_bench_quick, credit_bench_full) on the local
 * PostgreSQL, seeded with the project's seeder exactly as `npm run seed` does. A database
 * whose COMMENT records the same seeding parameters is reused; anything else (another size,
 * a seeding that never finished, --reseed) is dropped and seeded again.
 */
import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import { openDatabase } from '../../src/db/database';
import { applyPendingMigrations, migrate } from '../../src/db/migrate';
import { seedDatabase } from '../../src/seed';
import { createIdNumberVault } from '../../src/identifiers';
import { legalDate } from '../../src/time/legal-date';
import type { BenchOptions } from './args';

/** What the COMMENT ON DATABASE records once seeding has finished. */
interface SeedMarker {
  readonly seededBy: 'npm run bench';
  readonly subjects: number;
  readonly random: number;
  readonly today: string;
  readonly rows: number;
  readonly seconds: number;
}

export interface SeedReport {
  /** false: an existing database of the same parameters was reused. */
  readonly seeded: boolean;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly asOf: string;
}

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  /** ID_HMAC_KEY / ID_ENCRYPTION_KEY: the seeder's and every server's must agree. */
  readonly keys: { readonly idHmac: string; readonly idEncryption: string };
  readonly seed: SeedReport;
}

export const adminUrl = (): string => process.env.ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Keys derived from the database name: synthetic data only, and a reused database must be
 * read with the keys it was seeded with, by every later run.
 */
function keysFor(name: string) {
  const derive = (purpose: string) => createHash('sha256').update(`credit-bench:${name}:${purpose}`).digest('hex');
  return { idHmac: derive('id-hmac'), idEncryption: derive('id-encryption') };
}

function parseMarker(comment: string | null): SeedMarker | undefined {
  try {
    const m = JSON.parse(comment ?? '') as SeedMarker;
    return m.seededBy === 'npm run bench' ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bench's database, seeded with `opts` unless it already is. `adoptSeeded`: a database
 * seeded by the bench with other parameters is reused as it is rather than dropped and seeded
 * again (bench/w1-ab.ts pointed at the full preset's database with BENCH_DATABASE).
 */
export async function prepareDatabase(opts: BenchOptions, log: (line: string) => void, adoptSeeded = false): Promise<BenchDatabase> {
  // BENCH_DATABASE: a database of one's own beside the preset's (two benches on one server).
  const name = process.env.BENCH_DATABASE ?? `credit_bench_${opts.preset}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`BENCH_DATABASE must be a lower-case PostgreSQL name (letters, digits, _), got "${name}"`);
  const url = databaseUrl(name);
  const keys = keysFor(name);
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    const [existing] = await admin`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = ${name}`;
    const marker = existing ? parseMarker(existing.comment as string | null) : undefined;
    if (marker && (adoptSeeded || (marker.subjects === opts.subjects && marker.random === opts.random)) && !opts.reseed) {
      log(`reusing database ${name}: ${marker.subjects.toLocaleString('en-US')} subjects, ${marker.rows.toLocaleString('en-US')} rows seeded as of ${marker.today} (--reseed to seed again)`);
      await migrateReused(url, log);
      return { name, url, keys, seed: { seeded: false, rows: marker.rows, seconds: marker.seconds, rowsPerSecond: Math.round(marker.rows / marker.seconds), asOf: marker.today } };
    }
    if (existing) {
      const why = opts.reseed ? '--reseed' : marker ? `it holds ${marker.subjects} subjects (seed ${marker.random})` : 'its seeding never finished';
      log(`dropping database ${name}: ${why}`);
      await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const seed = await seedInto(url, keys, opts, log);
    const done: SeedMarker = { seededBy: 'npm run bench', subjects: opts.subjects, random: opts.random, today: seed.asOf, rows: seed.rows, seconds: seed.seconds };
    await admin.unsafe(`COMMENT ON DATABASE ${name} IS '${JSON.stringify(done).replace(/'/g, "''")}'`);
    return { name, url, keys, seed };
  } finally {
    await admin.end();
  }
}

/**
 * A reused database may predate a migration; apply it here, timed, rather than inside the
 * servers' start-up, which would race their readiness timeout on a large database.
 */
async function migrateReused(url: string, log: (line: string) => void): Promise<void> {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const r = await applyPendingMigrations(database);
    if (r.applied > 0) log(`applied ${r.applied} pending migration(s) in ${r.seconds.toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

/** As `npm run seed -- --subjects N` does: migrate, sync the catalog, seed, on a fresh database. */
async function seedInto(url: string, keys: BenchDatabase['keys'], opts: BenchOptions, log: (line: string) => void): Promise<SeedReport> {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  try {
    await migrate(database);
    const bundle = loadCatalogBundle();
    const catalog = await syncCatalog(database.db, bundle);
    const vault = createIdNumberVault({ hmacKey: Buffer.from(keys.idHmac, 'hex'), encryptionKey: Buffer.from(keys.idEncryption, 'hex') });
    const today = legalDate(new Date());
    log(`seeding ${opts.subjects.toLocaleString('en-US')} subjects (seed ${opts.random}, as of ${today}) …`);
    let lastReport = Date.now();
    const r = await seedDatabase(database, {
      catalog, bundle, vault, subjects: opts.subjects, random: opts.random, today,
      // The full preset seeds for many minutes: a line every 15 s says it is alive and how fast.
      onProgress: (p) => {
        if (Date.now() - lastReport < 15_000) return;
        lastReport = Date.now();
        log(`  ${p.subjectsDone.toLocaleString('en-US')}/${p.subjectsTotal.toLocaleString('en-US')} subjects, ${Math.round(p.rows / p.seconds).toLocaleString('en-US')} rows/s`);
      },
    });
    log(`seeded ${r.rows.toLocaleString('en-US')} rows in ${r.seconds.toFixed(1)} s: ${r.rowsPerSecond.toLocaleString('en-US')} rows/s`);
    return { seeded: true, rows: r.rows, seconds: r.seconds, rowsPerSecond: r.rowsPerSecond, asOf: today };
  } finally {
    await database.close();
  }
}

export interface Samples {
  /** Codes of subjects the public can look up (legal persons, individual businesses), with ids. */
  readonly subjects: ReadonlyArray<{ readonly id: number; readonly uscc: string }>;
}

/** A random sample of seeded subject codes, read once before any load. */
export async function sampleSubjects(url: string, size: number): Promise<Samples> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await db`
      SELECT id::int AS id, uscc FROM subjects
      WHERE uscc IS NOT NULL AND kind IN ('LEGAL_PERSON', 'INDIVIDUAL_BUSINESS')
      ORDER BY random() LIMIT ${size}`;
    if (rows.length === 0) throw new Error('the bench database has no subjects with a unified social credit code');
    return { subjects: rows.map((r) => ({ id: r.id as number, uscc: r.uscc as string })) };
  } finally {
    await db.end();
  }
}

/** W5's population: every subject the public can look up by code, by id (rank 0 = the lowest id), with its name. */
export interface Population {
  readonly codes: readonly string[];
  readonly names: readonly string[];
}

export async function loadPopulation(url: string): Promise<Population> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const codes: string[] = [];
    const names: string[] = [];
    // A cursor: a million rows without holding the whole result twice.
    await db`SELECT uscc, name FROM subjects WHERE uscc IS NOT NULL AND kind IN ('LEGAL_PERSON', 'INDIVIDUAL_BUSINESS') ORDER BY id`
      .cursor(10_000, (rows) => {
        for (const r of rows) {
          codes.push(r.uscc as string);
          names.push(r.name as string);
        }
      });
    if (!codes.length) throw new Error('the bench database has no subjects with a unified social credit code');
    return { codes, names };
  } finally {
    await db.end();
  }
}

/** The access log's size: the planner's row estimate (a count would read gigabytes) and bytes with indexes. */
export async function accessLogSize(db: postgres.Sql): Promise<{ rows: number; bytes: number }> {
  const [row] = await db`SELECT greatest(reltuples, 0)::bigint AS rows, pg_total_relation_size(oid) AS bytes FROM pg_class WHERE oid = 'access_log'::regclass`;
  return { rows: Number(row?.rows ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/**
 * Empties a bench database's access log and its checkpoints (synthetic requests only). The
 * log refuses TRUNCATE by trigger; the bench connects as a superuser, which may run with
 * triggers off (session_replication_role = replica) for this one transaction. The chain then
 * starts again from its genesis, as on a new database.
 */
export async function emptyAccessLog(db: postgres.Sql): Promise<void> {
  await db.begin(async (tx) => {
    await tx`SET LOCAL session_replication_role = replica`;
    await tx`TRUNCATE access_log, access_log_checkpoints RESTART IDENTITY`;
  });
}

/** Access-log rows written by requests whose id starts with `prefix` (the bench sets the ids). */
export async function accessLogRowsOf(db: postgres.Sql, prefix: string): Promise<number> {
  // The id the load generator sent is the client's reference (client_request_id); request_id is the server's.
  const [row] = await db`SELECT count(*)::int AS n FROM access_log WHERE starts_with(client_request_id, ${prefix})`;
  return Number(row?.n ?? 0);
}

/**
 * Resolves when no other connection of this database has been running a statement for
 * `quietMs`: the server has finished what was still in flight when the load stopped. Client
 * statements still running `cancelAfterMs` after the call are cancelled; returns how many.
 */
export async function databaseQuiet(db: postgres.Sql, quietMs = 400, timeoutMs = 120_000, cancelAfterMs = 10_000): Promise<number> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let quietSince = Date.now();
  let cancelled = 0;
  while (Date.now() < deadline) {
    const [row] = await db`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state NOT IN ('idle')`;
    if ((row?.n ?? 0) > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return cancelled;
    // Called once the load has stopped: a statement still running this long after is one its
    // client gave up on (PostGraphile's unindexed searches run for minutes past autocannon's
    // timeout). Left alone, it takes the cores from the next target's run and its database CPU.
    if (Date.now() - started >= cancelAfterMs) {
      const [c] = await db`
        SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND backend_type = 'client backend'
          AND now() - query_start > ${`${cancelAfterMs} milliseconds`}::interval`;
      cancelled += c?.n ?? 0;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return cancelled;
}

/**
 * seedDatabase: deterministic synthetic data for demos, tests and benchmarks. The same seed,
 * subject count, catalog and `today` give the same rows (ciphertexts aside: AES-GCM takes a
 * fresh IV). Subjects are generated and written in chunks so memory stays flat at millions.
 * On PostgreSQL the whole load is one bulk-load transaction (./bulk-load.ts): indexes and
 * foreign keys are built once at the end instead of being maintained row by row.
 */
import { sql } from 'drizzle-orm';
import type { CatalogBundle } from '../catalog/catalog.bundle';
import type { CatalogIndex } from '../catalog/catalog.index';
import type { IdNumberVault } from '../identifiers';
import type { Database } from '../db/database';
import { agencies } from '../db/schema';
import { DEMO_AGENCIES, agencyRow } from './agencies';
import { AgencyPicker, missingSystems } from './agency-picker';
import { BulkLoadUnavailable, type BulkLoadReport, bulkLoad } from './bulk-load';
import { type ChunkWriter, copyWriter, insertWriter, poolCopy, resetSequences } from './bulk-writer';
import { SampleCollector, generateChunk, type SampleCodes } from './chunk';
import { consentOffers } from './consents';
import type { SeedContext } from './context';
import { DocumentNumbers } from './documents';
import { RecordPlanner } from './record-plan';
import { SEEDED_TABLES, SEQUENCED_TABLES, SeedRefusedError, prepareForSeeding } from './reset';

export interface SeedProgress {
  readonly subjectsDone: number;
  readonly subjectsTotal: number;
  readonly rows: number;
  readonly seconds: number;
}

export interface SeedOptions {
  readonly catalog: CatalogIndex;
  readonly bundle: CatalogBundle;
  readonly vault: IdNumberVault;
  /** Number of subjects (ids 1..subjects; the first five are the stable samples). */
  readonly subjects: number;
  /** The seed of the pseudo-random generator. */
  readonly random: number;
  /** The legal date the data is "as of": nothing is decided after it. */
  readonly today: string;
  /** Empty the seeded tables first instead of refusing a database that has subjects. */
  readonly reset?: boolean;
  readonly chunkSize?: number;
  /**
   * PostgreSQL only: load in one bulk-load transaction (default true). false writes with every
   * index, constraint and trigger working row by row — the reference the bulk load is checked
   * against, and what PGlite always does.
   */
  readonly bulkLoad?: boolean;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult {
  readonly counts: Readonly<Record<string, number>>;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly sampleCodes: SampleCodes;
  /** What the PostgreSQL bulk load rebuilt and checked; absent when it was not used. */
  readonly bulkLoad?: BulkLoadReport;
}

// Small enough that a chunk's row objects are collected young; large enough that per-COPY costs vanish.
const DEFAULT_CHUNK = 1_000;

export async function seedDatabase(database: Database, options: SeedOptions): Promise<SeedResult> {
  checkOptions(options);
  const started = process.hrtime.bigint();
  const picker = new AgencyPicker(DEMO_AGENCIES);
  const missing = missingSystems(picker, options.catalog, options.bundle);
  if (missing.length) throw new Error(`the demo agencies do not cover catalog system(s) ${missing.join(', ')}; add them to src/seed/agencies.ts`);
  await prepareForSeeding(database, options.reset ?? false);
  await writeAgencies(database);
  const ctx = contextFor(options, picker);
  const planner = new RecordPlanner(ctx, consentOffers(options.catalog, options.bundle, DEMO_AGENCIES));
  const samples = new SampleCollector();
  const counts: Record<string, number> = { agencies: DEMO_AGENCIES.length };
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const chunk = options.chunkSize ?? DEFAULT_CHUNK;

  const generateAndWrite = async (prepare: ChunkWriter): Promise<void> => {
    // One chunk is written while the next is generated: PostgreSQL works in its own process.
    let writing: Promise<void> = Promise.resolve();
    for (let from = 1; from <= options.subjects; from += chunk) {
      const to = Math.min(options.subjects, from + chunk - 1);
      const prepared = await prepare(await generateChunk(ctx, planner, samples, from, to));
      await writing;
      writing = prepared.write().then(() => {
        for (const [name, n] of Object.entries(prepared.counts)) counts[name] = (counts[name] ?? 0) + n;
        options.onProgress?.({ subjectsDone: to, subjectsTotal: options.subjects, rows: total(counts), seconds: seconds() });
      });
      // Observed now, rethrown by the await above or below: no unhandled-rejection crash meanwhile.
      writing.catch(() => undefined);
    }
    await writing;
  };

  let report: BulkLoadReport | undefined;
  const pg = database.pg;
  if (!pg) await generateAndWrite(insertWriter(database));
  else if (options.bulkLoad === false) await generateAndWrite(copyWriter(poolCopy(pg)));
  else {
    try {
      report = await bulkLoad(pg, SEQUENCED_TABLES, (copy) => generateAndWrite(copyWriter(copy)));
    } catch (err) {
      if (err instanceof BulkLoadUnavailable) throw new SeedRefusedError(`refusing to seed: ${err.message}; seeding writes explicit ids from 1. Pass { reset: true } (npm run seed -- --reset) to empty the seeded tables first.`);
      throw err;
    }
  }
  await resetSequences(database, SEQUENCED_TABLES);
  // Fresh statistics, so that the first queries after a bulk load get sensible plans; and
  // every page marked all-visible with its rows' hint bits set, so that the first readers
  // neither write pages back nor visit the heap from index-only scans (the name search).
  await database.db.execute(sql.raw(`VACUUM (ANALYZE) ${SEEDED_TABLES.join(', ')}`));
  const elapsed = seconds();
  const rows = total(counts);
  return {
    counts, rows, seconds: elapsed, rowsPerSecond: Math.round(rows / elapsed), sampleCodes: samples.codes,
    ...(report ? { bulkLoad: report } : {}),
  };
}

function checkOptions(o: SeedOptions): void {
  if (!Number.isInteger(o.subjects) || o.subjects < 1) throw new RangeError(`subjects must be a positive integer, got ${o.subjects}`);
  if (!Number.isInteger(o.random)) throw new RangeError(`random (the seed) must be an integer, got ${o.random}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.today)) throw new RangeError(`today must be a legal date YYYY-MM-DD, got ${JSON.stringify(o.today)}`);
}

function contextFor(o: SeedOptions, agencyPicker: AgencyPicker): SeedContext {
  const localRegions = new Map(
    o.bundle.catalogs.flatMap((c) => (c.kind === 'SUPPLEMENTARY_CATALOG' ? [[c.id, c.region.code] as const] : [])),
  );
  return {
    seed: o.random, vault: o.vault, today: o.today, catalog: o.catalog, bundle: o.bundle, agencies: agencyPicker,
    numbers: new DocumentNumbers(), localRegions,
    ids: { subject: 0, document: 0, record: 0, entry: 0, objection: 0, repair: 0, consent: 0 },
  };
}

/** Agencies are reference data: upserted, so re-seeding keeps codes that tokens name. */
async function writeAgencies(database: Database): Promise<void> {
  for (const a of DEMO_AGENCIES) {
    const row = agencyRow(a);
    await database.db.insert(agencies).values(row).onConflictDoUpdate({ target: agencies.code, set: row });
  }
}

function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

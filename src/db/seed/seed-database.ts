/**
 * seedDatabase: deterministic synthetic data for demos, tests and benchmarks. The same seed,
 * subject count, catalog and `today` give the same rows (ciphertexts aside: AES-GCM takes a
 * fresh IV). Subjects are generated and written in chunks so memory stays flat at millions.
 */
import { sql } from 'drizzle-orm';
import type { CatalogBundle } from '../../catalog/catalog.bundle';
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { IdNumberVault } from '../../identifiers';
import type { Database } from '../database';
import {
  agencies, consents, creditRecords, legalDocuments, objections, repairApplications, seriousListEntries, subjects,
} from '../schema';
import { DEMO_AGENCIES, agencyRow } from './agencies';
import { AgencyPicker, missingSystems } from './agency-picker';
import { type BulkWriter, createBulkWriter, resetSequences } from './bulk-writer';
import { SampleCollector, generateChunk, type SampleCodes } from './chunk';
import { consentOffers } from './consents';
import type { ChunkRows, SeedContext } from './context';
import { DocumentNumbers } from './documents';
import { RecordPlanner } from './record-plan';
import { SEQUENCED_TABLES, prepareForSeeding } from './reset';

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
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult {
  readonly counts: Readonly<Record<string, number>>;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly sampleCodes: SampleCodes;
}

const DEFAULT_CHUNK = 5_000;

export async function seedDatabase(database: Database, options: SeedOptions): Promise<SeedResult> {
  checkOptions(options);
  const started = process.hrtime.bigint();
  const picker = new AgencyPicker(DEMO_AGENCIES);
  const missing = missingSystems(picker, options.catalog, options.bundle);
  if (missing.length) throw new Error(`the demo agencies do not cover catalog system(s) ${missing.join(', ')}; add them to src/db/seed/agencies.ts`);
  await prepareForSeeding(database, options.reset ?? false);
  await writeAgencies(database);
  const ctx = contextFor(options, picker);
  const planner = new RecordPlanner(ctx, consentOffers(options.catalog, options.bundle, DEMO_AGENCIES));
  const samples = new SampleCollector();
  const writer = createBulkWriter(database);
  const counts: Record<string, number> = { agencies: DEMO_AGENCIES.length };
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const chunk = options.chunkSize ?? DEFAULT_CHUNK;
  // One chunk is written while the next is generated: PostgreSQL works in its own process.
  let writing: Promise<void> = Promise.resolve();
  for (let from = 1; from <= options.subjects; from += chunk) {
    const to = Math.min(options.subjects, from + chunk - 1);
    const rows = await generateChunk(ctx, planner, samples, from, to);
    await writing;
    writing = writeChunk(writer, rows, counts).then(() => {
      options.onProgress?.({ subjectsDone: to, subjectsTotal: options.subjects, rows: total(counts), seconds: seconds() });
    });
    // Observed now, rethrown by the await above or below: no unhandled-rejection crash meanwhile.
    writing.catch(() => undefined);
  }
  await writing;
  await resetSequences(database, SEQUENCED_TABLES);
  // Fresh statistics, so that the first queries after a bulk load get sensible plans.
  await database.db.execute(sql.raw(`ANALYZE ${SEQUENCED_TABLES.join(', ')}`));
  const elapsed = seconds();
  const rows = total(counts);
  return { counts, rows, seconds: elapsed, rowsPerSecond: Math.round(rows / elapsed), sampleCodes: samples.codes };
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

async function writeChunk(writer: BulkWriter, rows: ChunkRows, counts: Record<string, number>): Promise<void> {
  // Parents before children: every foreign key points at a table written earlier.
  const steps = [
    ['subjects', subjects, rows.subjects], ['legal_documents', legalDocuments, rows.legalDocuments],
    ['credit_records', creditRecords, rows.creditRecords], ['serious_list_entries', seriousListEntries, rows.seriousListEntries],
    ['objections', objections, rows.objections], ['repair_applications', repairApplications, rows.repairApplications],
    ['consents', consents, rows.consents],
  ] as const;
  for (const [name, table, list] of steps) {
    await writer.write(table as never, list as never);
    counts[name] = (counts[name] ?? 0) + list.length;
  }
}

function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

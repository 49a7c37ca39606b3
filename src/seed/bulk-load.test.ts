/**
 * The PostgreSQL bulk load against a real migrated database: it leaves the same rows and the
 * same schema as writing row by row with every index, constraint and trigger at work, and a
 * row that a constraint or the published-item trigger would have refused fails the whole
 * load with the same error, leaving the database as it was. PGlite has no bulk load.
 */
import { loadCatalogBundle } from '../catalog/catalog.loader';
import type { CatalogIndex } from '../catalog/catalog.index';
import { syncCatalog } from '../modules/catalog/catalog.sync';
import { createIdNumberVault } from '../identifiers';
import { openTestDatabase, onPostgres, type TestDatabase } from '../../test/support/db';
import { agencies } from '../db/schema';
import { DEMO_AGENCIES, agencyRow } from './agencies';
import { BulkLoadUnavailable, bulkLoad, type BulkCopy } from './bulk-load';
import { SEEDED_TABLES, SEQUENCED_TABLES, SeedRefusedError } from './reset';
import { seedDatabase } from './seed-database';
import { isPublicChangeTrigger } from './trigger-checks';

/** The row triggers a load replaces set-wise, besides the public-change notifications (by name, as reported). */
const SET_WISE = [
  'consents.consents_write_once',
  'credit_records.credit_records_published_item', 'credit_records.credit_records_record_number', 'credit_records.credit_records_versions',
  'objections.objections_record_number', 'objections.objections_write_once',
  'repair_applications.repair_applications_record_number', 'repair_applications.repair_applications_write_once',
  'serious_list_entries.serious_list_entries_record_number', 'serious_list_entries.serious_list_entries_write_once',
  'subjects.subjects_name_pairs',
];

const TODAY = '2026-11-29';
const bundle = loadCatalogBundle();
const vault = createIdNumberVault({ hmacKey: Buffer.alloc(32, 1), encryptionKey: Buffer.alloc(32, 2) });

type Pg = NonNullable<TestDatabase['pg']>;

/** Every index, constraint (with whether it is validated) and trigger of the public schema. */
async function schemaOf(pg: Pg): Promise<string[]> {
  const rows = await pg.unsafe<Array<{ d: string }>>(`
    SELECT format('index %s: %s', indexrelid::regclass, pg_get_indexdef(indexrelid)) AS d
      FROM pg_index JOIN pg_class c ON c.oid = indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
    UNION ALL
    SELECT format('constraint %s.%s: %s valid=%s', conrelid::regclass, conname, pg_get_constraintdef(oid), convalidated)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT format('trigger %s: %s enabled=%s', tgname, pg_get_triggerdef(oid), tgenabled)
      FROM pg_trigger WHERE NOT tgisinternal
    ORDER BY 1`);
  return rows.map((r) => r.d);
}

const lines = (...rows: string[][]) => [Buffer.from(rows.map((r) => `${r.join('\t')}\n`).join(''))];
const SUBJECT_COLUMNS = ['id', 'kind', 'uscc', 'name', 'region_code'];
const RECORD_COLUMNS = ['id', 'subject_id', 'catalog_item_id', 'dishonesty', 'agency_code', 'decision_date', 'payload'];

(onPostgres() ? describe : describe.skip)('bulkLoad (PostgreSQL)', () => {
  let database: TestDatabase;
  let pg: Pg;
  let catalog: CatalogIndex;
  let migrated: string[];
  const agency = DEMO_AGENCIES[0]!;
  const subject = ['1', 'LEGAL_PERSON', '91320100748204660Q', '南京测试有限公司', '320106'];
  const record = (id: string, subjectId: string, itemId: number) => [id, subjectId, String(itemId), 'f', agency.code, '2025-03-01', '{}'];
  const publishedItem = () => catalog.itemsInForce().find((i) => !i.dishonesty)!.id;
  const load = (fill: (copy: BulkCopy) => Promise<void>) => bulkLoad(pg, SEQUENCED_TABLES, fill);
  const count = async (table: string) => Number((await pg.unsafe(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  beforeAll(async () => {
    database = await openTestDatabase();
    pg = database.pg!;
    catalog = await syncCatalog(database.db, bundle);
    await database.db.insert(agencies).values(agencyRow(agency));
    migrated = await schemaOf(pg);
  });

  // The demo reset's way (src/seed/reset.ts): a record's versions may be emptied only with it.
  const empty = () => pg.begin(async (tx) => {
    await tx.unsafe(`SET LOCAL credit.reset = 'on'`);
    await tx.unsafe(`TRUNCATE ${SEEDED_TABLES.join(', ')}`);
  });
  afterEach(empty);

  afterAll(async () => {
    await database?.destroy();
  });

  it('loads the rows, then re-creates every index and constraint exactly as migrated and runs the bypassed triggers set-wise', async () => {
    const report = await load(async (copy) => {
      await copy.copy('subjects', SUBJECT_COLUMNS, lines(subject));
      // Counted, but not numbered by copy.numbering: the numbering pass must still give it one.
      await copy.copy('credit_records', RECORD_COLUMNS, lines(record('1', '1', publishedItem())), 1);
    });
    expect(await count('credit_records')).toBe(1);
    const [numbered] = await pg.unsafe<Array<{ n: string }>>(`SELECT record_number AS n FROM credit_records`);
    expect(numbered!.n).toMatch(/^\d{6}-\d{4}-R\d{10}$/);
    // The public-change notifications (drizzle/0016) are replaced too, by one NOTIFY '*'.
    expect(report.triggersReplaced.filter((n) => !isPublicChangeTrigger(n))).toEqual(SET_WISE);
    expect(report.triggersReplaced).toContain('credit_records.credit_records_public_change_insert');
    expect(report.triggersKept).toBe('');
    expect(report.rebuilt).toEqual(expect.arrayContaining([
      'credit_records_subject_id_subjects_id_fk', 'legal_documents_issuer_number', 'subjects_uscc', 'credit_records_subject',
      'subject_name_pairs_lookup',
    ]));
    // The name index holds what the trigger would have written: 南京测试有限公司 has 7 pairs.
    expect(await pg.unsafe(`SELECT pair, pos FROM subject_name_pairs ORDER BY pos`)).toEqual(
      ['南京', '京测', '测试', '试有', '有限', '限公', '公司'].map((pair, i) => ({ pair, pos: i + 1 })),
    );
    expect(await schemaOf(pg)).toEqual(migrated);
  });

  it('fails the whole load on a broken foreign key, leaving tables and schema as they were', async () => {
    await expect(load(async (copy) => {
      await copy.copy('subjects', SUBJECT_COLUMNS, lines(subject));
      await copy.copy('credit_records', RECORD_COLUMNS, lines(record('1', '2', publishedItem())));
    })).rejects.toThrow('violates foreign key constraint "credit_records_subject_id_subjects_id_fk"');
    expect(await count('subjects')).toBe(0);
    expect(await schemaOf(pg)).toEqual(migrated);
  });

  it('fails the load of a duplicate USCC when the unique index is re-created', async () => {
    const twin = ['2', ...subject.slice(1)];
    await expect(load((copy) => copy.copy('subjects', SUBJECT_COLUMNS, lines(subject, twin))))
      .rejects.toThrow('could not create unique index "subjects_uscc"');
    expect(await schemaOf(pg)).toEqual(migrated);
  });

  it('refuses a record of an item outside a published catalog with the trigger\'s own error', async () => {
    await pg.unsafe(`INSERT INTO catalog_versions (id, kind, title, edition, status, source_hash, definition)
                     VALUES ('test-draft', 'BASE_CATALOG', '草案', 'draft', 'DRAFT', 'x', '{}')`);
    const [draft] = await pg.unsafe(`INSERT INTO catalog_items (version_id, code, category, name, record_kind, provider_system, dishonesty, repairable, definition)
                                     VALUES ('test-draft', 'T-1', 'T', '草案事项', 'LICENCE', 'SAMR', false, false, '{}') RETURNING id`);
    const itemId = Number(draft!.id);
    // What the trigger says when the same row is inserted the ordinary way:
    await pg.unsafe(`INSERT INTO subjects (${SUBJECT_COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5)`, subject);
    const triggerError = await pg.unsafe(`INSERT INTO credit_records (${RECORD_COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, record('1', '1', itemId))
      .then(() => null, (err: Error) => err.message);
    expect(triggerError).toBe(`NOT_IN_CATALOG: catalog item ${itemId} is not in a published catalog (status DRAFT)`);
    await empty();

    await expect(load(async (copy) => {
      await copy.copy('subjects', SUBJECT_COLUMNS, lines(subject));
      await copy.copy('credit_records', RECORD_COLUMNS, lines(record('1', '1', publishedItem()), record('2', '1', itemId)));
    })).rejects.toThrow(triggerError!);
    expect(await count('subjects')).toBe(0);
    expect(await schemaOf(pg)).toEqual(migrated);
  });

  it('refuses tables that already have rows, before touching anything', async () => {
    await pg.unsafe(`INSERT INTO subjects (${SUBJECT_COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5)`, subject);
    await expect(load(async () => undefined)).rejects.toThrow(new BulkLoadUnavailable('table subjects already has rows'));
    expect(await schemaOf(pg)).toEqual(migrated);
  });
});

(onPostgres() ? describe : describe.skip)('seedDatabase on PostgreSQL: bulk load against row by row', () => {
  const SUBJECTS = 400;
  const TABLES = ['agencies', ...SEQUENCED_TABLES, 'subject_name_pairs'];
  const ORDER: Record<string, string> = { agencies: 'code', subject_name_pairs: 'pair, subject_id, pos' };
  const seeded = async (bulk: boolean) => {
    const database = await openTestDatabase();
    const catalog = await syncCatalog(database.db, bundle);
    const result = await seedDatabase(database, { catalog, bundle, vault, subjects: SUBJECTS, random: 49, today: TODAY, bulkLoad: bulk, chunkSize: 150 });
    return { database, result };
  };
  /**
   * Every row of every seeded table, in key order; ciphertexts (fresh IV each time) decrypted;
   * 记录编号 left out (each database draws its own permutation key, so numbers differ by design;
   * that every row has a unique one is seed.test.ts's).
   */
  const rowsOf = async (pg: Pg) => {
    const clear = (key: string, value: unknown) => {
      if (key === 'record_number') return undefined;
      if (typeof value !== 'string' || value === '') return value;
      if (key.endsWith('_cipher')) return vault.decrypt(Buffer.from(value, 'base64'));
      return value.startsWith('enc:') ? vault.decrypt(Buffer.from(value.slice(4), 'base64')) : value;
    };
    const out: string[] = [];
    for (const table of TABLES) {
      const rows = await pg.unsafe(`SELECT * FROM ${table} ORDER BY ${ORDER[table] ?? 'id'}`);
      for (const row of rows) out.push(`${table}:${JSON.stringify(row, clear)}`);
    }
    return out;
  };

  it('writes row-for-row the same tables and leaves the same schema', async () => {
    const bulk = await seeded(true);
    const plain = await seeded(false);
    try {
      expect(bulk.result.bulkLoad?.triggersReplaced.filter((n) => !isPublicChangeTrigger(n))).toEqual(SET_WISE);
      expect(plain.result.bulkLoad).toBeUndefined();
      expect(bulk.result.counts).toEqual(plain.result.counts);
      expect(bulk.result.counts.credit_records).toBeGreaterThan(SUBJECTS * 5);
      const [bulkRows, plainRows] = [await rowsOf(bulk.database.pg!), await rowsOf(plain.database.pg!)];
      // The seed's count leaves out the derived name index.
      expect(bulkRows.filter((r) => !r.startsWith('subject_name_pairs:')).length).toBe(bulk.result.rows);
      expect(bulkRows.length).toBeGreaterThan(bulk.result.rows + SUBJECTS * 5);
      expect(bulkRows).toEqual(plainRows);
      expect(await schemaOf(bulk.database.pg!)).toEqual(await schemaOf(plain.database.pg!));
      // Identity sequences continue after the loaded ids either way.
      const next = async (pg: Pg) => (await pg.unsafe(`SELECT nextval(pg_get_serial_sequence('credit_records', 'id')) AS n`))[0]!.n;
      expect(await next(bulk.database.pg!)).toBe(await next(plain.database.pg!));
      // 记录编号: each database's own key, but the same rule — the bulk load numbers credit records
      // and list entries as it writes them (record-numbering.ts), the rest set-wise, and every
      // row's number is what record_number_assign() would have given it from the shared sequence.
      for (const { pg } of [bulk.database, plain.database]) {
        const [check] = await pg!.unsafe<Array<{ rows: number; drawn: string; wrong: number; next: string }>>(`
          WITH numbered AS (
            SELECT record_number AS n, record_number_region(agency_code, NULL, NULL) AS region, created_at AS at, 'R' AS letter FROM credit_records
            UNION ALL SELECT record_number, record_number_region(agency_code, NULL, NULL), notified_at, 'L' FROM serious_list_entries
            UNION ALL SELECT record_number, record_number_region(NULL, credit_record_id, list_entry_id), filed_at, 'Y' FROM objections
            UNION ALL SELECT record_number, record_number_region(NULL, credit_record_id, list_entry_id), filed_at, 'X' FROM repair_applications),
          drawn AS (SELECT lpad(record_number_permute(k)::text, 10, '0') AS digits FROM generate_series(1, (SELECT count(*) FROM numbered)) k)
          SELECT (SELECT count(*) FROM numbered)::int AS rows,
                 (SELECT count(DISTINCT digits) FROM numbered JOIN drawn ON right(n, 10) = digits)::text AS drawn,
                 (SELECT count(*) FROM numbered WHERE n <> region || '-' || to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || letter || right(n, 10))::int AS wrong,
                 nextval('record_number_seq')::text AS next`);
        expect(check).toEqual({ rows: expect.any(Number), drawn: String(check!.rows), wrong: 0, next: String(check!.rows + 1) });
      }
    } finally {
      await bulk.database.destroy();
      await plain.database.destroy();
    }
  }, 180_000);

  it('refuses a database whose seeded tables are not empty', async () => {
    const database = await openTestDatabase();
    try {
      const catalog = await syncCatalog(database.db, bundle);
      await database.db.insert(agencies).values(agencyRow(DEMO_AGENCIES[0]!));
      await database.pg!.unsafe(`INSERT INTO legal_documents (id, kind, number, title, issuer_name, effective_on)
                                 VALUES (1, 'ADMINISTRATIVE_PENALTY', '测罚〔2025〕1号', '行政处罚决定书', '测试局', '2025-01-01')`);
      await expect(seedDatabase(database, { catalog, bundle, vault, subjects: 5, random: 49, today: TODAY }))
        .rejects.toThrow(SeedRefusedError);
      await expect(seedDatabase(database, { catalog, bundle, vault, subjects: 5, random: 49, today: TODAY }))
        .rejects.toThrow('refusing to seed: table legal_documents already has rows');
    } finally {
      await database.destroy();
    }
  });
});

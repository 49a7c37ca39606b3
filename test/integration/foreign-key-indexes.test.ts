/**
 * Every foreign key's referencing columns lead an index (its first column leads one), on a freshly migrated database
 * (PGlite, or PostgreSQL with DATABASE_URL). PostgreSQL indexes the referenced side only: without
 * an index on the referencing side, removing a referenced row, or a trigger or query looking up
 * what cites a row, reads the whole referencing table. On the benchmark's 10 M records a penalty's
 * new legal document cost 180 ms of database CPU that way (drizzle/0029). A small test database
 * never shows such a cost, so the rule is checked on the schema itself, for every key.
 */
import { sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '../support/db';

/**
 * Reference data: a few dozen rows, written by configuration and never removed while cited
 * (an agency or a measure in use is retired, not deleted). Keys naming them need no index.
 */
const REFERENCE_TABLES = new Set(['agencies', 'punishment_measures']);

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database.destroy();
});

interface ForeignKey {
  name: string;
  referencing: string;
  columns: string[];
  referenced: string;
  indexed: boolean;
}

async function foreignKeys(): Promise<ForeignKey[]> {
  const rows = await database.db.execute<{ name: string; referencing: string; columns: string[] | string; referenced: string; indexed: boolean }>(sql`
    SELECT c.conname AS name, c.conrelid::regclass::text AS referencing, c.confrelid::regclass::text AS referenced,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
           -- An index led by the key's first column: the rows citing a row are then a range of it
           -- (credit_records (catalog_item_id, dishonesty) → catalog_items is led by catalog_item_id).
           EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed
      FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
     WHERE c.contype = 'f' AND ns.nspname = 'public'
     ORDER BY 2, 1`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<Omit<ForeignKey, 'columns'> & { columns: string[] | string }>;
  // PGlite returns a name[] as its text form.
  return list.map((r) => ({ ...r, columns: Array.isArray(r.columns) ? r.columns : r.columns.replace(/[{}]/g, '').split(',') }));
}

describe('foreign keys', () => {
  it('each lead an index of the referencing table, but those naming reference data', async () => {
    const keys = await foreignKeys();
    // The query reads the schema it should: the keys this project is known to have are there.
    expect(keys.map((k) => `${k.referencing}.${k.columns.join(',')}`)).toEqual(expect.arrayContaining([
      'credit_records.legal_document_id', 'credit_records.subject_id', 'repair_applications.credit_record_id', 'objections.list_entry_id',
    ]));
    const unindexed = keys.filter((k) => !k.indexed && !REFERENCE_TABLES.has(k.referenced)).map((k) => `${k.referencing}(${k.columns.join(', ')}) → ${k.referenced}`);
    expect(unindexed).toEqual([]);
  });

  it('are recognised as indexed only by an index led by the key\'s first column', async () => {
    // credit_records (catalog_item_id, legal_document_id, subject_id) is unique: it does not cover
    // legal_document_id, which it holds second. The check must not be fooled by it.
    const keys = await foreignKeys();
    const byDocument = keys.find((k) => k.referencing === 'credit_records' && k.columns.join() === 'legal_document_id')!;
    expect(byDocument.indexed).toBe(true);
    await database.db.execute(sql`DROP INDEX credit_records_legal_document`);
    try {
      const after = (await foreignKeys()).find((k) => k.name === byDocument.name)!;
      expect(after.indexed).toBe(false);
    } finally {
      await database.db.execute(sql`CREATE INDEX credit_records_legal_document ON credit_records (legal_document_id) WHERE legal_document_id IS NOT NULL`);
    }
  });
});

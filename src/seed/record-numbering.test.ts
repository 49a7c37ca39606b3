/**
 * The loader's 记录编号 permutation is the database's: permute(n) in JavaScript equals
 * record_number_permute(n) of drizzle/0019 for the same key, at the edges of the 32-bit space
 * and for random values (on PGlite, or PostgreSQL when DATABASE_URL is set).
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { openTestDatabase, type TestDatabase } from '../../test/support/db';
import { chinaYear, RecordNumberPermutation } from './record-numbering';

/** postgres.js answers with an array of rows, PGlite with { rows }. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

describe('RecordNumberPermutation', () => {
  let database: TestDatabase;
  let permutation: RecordNumberPermutation;
  const sqlPermute = async (values: number[]) => {
    const list = sql.raw(`ARRAY[${values.join(',')}]::bigint[]`);
    const rows = rowsOf<{ p: string }>(await database.db.execute(
      sql`SELECT record_number_permute(n)::text AS p FROM unnest(${list}) WITH ORDINALITY AS t(n, i) ORDER BY i`,
    ));
    return rows.map((r) => Number(r.p));
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    const rows = rowsOf<{ secret: string }>(await database.db.execute(sql`SELECT secret FROM record_number_key`));
    permutation = new RecordNumberPermutation(rows[0]!.secret);
  });
  afterAll(() => database?.destroy());

  it('gives what record_number_permute gives at the edges of the space', async () => {
    const edges = [0, 1, 2, 65_535, 65_536, 65_537, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1];
    expect(edges.map((n) => permutation.permute(n))).toEqual(await sqlPermute(edges));
  });

  it('gives what record_number_permute gives for any value, and is one-to-one', async () => {
    const values = fc.sample(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { numRuns: 300, seed: 17 });
    const mine = values.map((n) => permutation.permute(n));
    expect(mine).toEqual(await sqlPermute(values));
    expect(new Set(mine).size).toBe(new Set(values).size);
  });

  it('refuses values outside the 32-bit space, as the database does', () => {
    expect(() => permutation.permute(2 ** 32)).toThrow('record number space exhausted');
    expect(() => permutation.permute(-1)).toThrow('record number space exhausted');
  });
});

describe('chinaYear', () => {
  it('is the year in China Standard Time', () => {
    expect(chinaYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(chinaYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    // Before 1992 China had daylight saving some summers; the zone database decides.
    expect(chinaYear(new Date('1988-12-31T16:00:00Z'))).toBe(1989);
  });
});

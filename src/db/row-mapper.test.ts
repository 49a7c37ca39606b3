/**
 * The compiled row mapper gives exactly what drizzle's own mapResultRow gives — the same
 * values, objects, nulls and key order — for the selects the server prepares, on random
 * rows; and a query kept by PreparedReads maps its rows through it on the real database (the
 * field drizzle reads it from is drizzle's own, so an upgrade that renamed it would be seen).
 */
import fc from 'fast-check';
import * as drizzle from 'drizzle-orm';
import { Column, and, asc, eq, sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '../../test/support/db';
import { creditRecords, subjects } from './schema';
import { compileRowMapper } from './row-mapper';
import { PreparedReads } from './prepared-reads';
import type { Queryable } from './database';

type Ordered = { path: string[]; field: unknown };
type MapResultRow = (fields: Ordered[], row: unknown[], joins?: Record<string, boolean>) => Record<string, unknown>;
// drizzle's own mapper: exported at run time, marked internal in its types.
const mapResultRow = (drizzle as unknown as { mapResultRow: MapResultRow }).mapResultRow;

/** A raw value as the driver hands it for a column of this type (what its decoder expects). */
function driverValue(field: unknown): fc.Arbitrary<unknown> {
  const type = field instanceof Column ? field.columnType : 'SQL';
  switch (type) {
    case 'PgTimestamp': return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().replace('T', ' ').replace('Z', '+00'));
    case 'PgTimestampString': case 'PgDateString': case 'PgDate': return fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2099-12-31') }).map((d) => d.toISOString().slice(0, 10));
    case 'PgJsonb': return fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 6 })), fc.json());
    case 'PgBigInt53': case 'PgBigSerial53': return fc.oneof(fc.integer(), fc.integer().map(String));
    case 'PgBoolean': return fc.boolean();
    case 'PgNumeric': return fc.integer().map((n) => `${n}.0000`);
    default: return fc.string({ maxLength: 12 });
  }
}

function rowsFor(fields: Ordered[]): fc.Arbitrary<unknown[][]> {
  const row = fc.tuple(...fields.map((f) => fc.option(driverValue(f.field), { nil: null, freq: 3 })));
  // Sometimes a left join's whole side is null, as for a subject without records.
  const withNullRecord = row.map((r) => r.map((v, i) => (fields[i]!.path[0] === 'record' ? null : v)));
  return fc.array(fc.oneof(row, withNullRecord), { maxLength: 6 });
}

/** Equal, key order included (JSON text), and equal as values (Dates by time). */
function expectSame(actual: unknown[], expected: unknown[]): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('compiled row mapper', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await openTestDatabase(); }, 60_000);
  afterAll(async () => { await database?.destroy(); });

  /** The shapes the server prepares: a left join of two tables, an inner join with scalars, nested paths. */
  function selects(db: Queryable) {
    return {
      leftJoin: db.select({ subject: subjects, record: creditRecords }).from(subjects)
        .leftJoin(creditRecords, eq(creditRecords.subjectId, subjects.id)).prepare('t_left'),
      innerWithScalars: db.select({ record: creditRecords, subjectKind: subjects.kind, subjectRegion: subjects.regionCode }).from(creditRecords)
        .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId)).prepare('t_inner'),
      nestedAndSql: db.select({ id: subjects.id, deep: { name: subjects.name, at: subjects.updatedAt, n: sql<number>`1`.mapWith(Number) }, record: { id: creditRecords.id, payload: creditRecords.payload } })
        .from(subjects).leftJoin(creditRecords, eq(creditRecords.subjectId, subjects.id)).prepare('t_nested'),
    };
  }

  it.each(['leftJoin', 'innerWithScalars', 'nestedAndSql'] as const)('maps %s rows exactly as drizzle does', (shape) => {
    const query = selects(database.db)[shape] as unknown as { fields: Ordered[]; joinsNotNullableMap?: Record<string, boolean> };
    const { fields, joinsNotNullableMap } = query;
    expect(fields.length).toBeGreaterThan(3);
    const mapper = compileRowMapper(fields, joinsNotNullableMap);
    fc.assert(fc.property(rowsFor(fields), (rows) => {
      expectSame(mapper(rows), rows.map((r) => mapResultRow(fields, r, joinsNotNullableMap)));
    }), { numRuns: 300 });
  });

  it('makes a left-joined side null exactly when drizzle does (its first column null)', () => {
    const query = selects(database.db).leftJoin as unknown as { fields: Ordered[]; joinsNotNullableMap?: Record<string, boolean> };
    const mapper = compileRowMapper(query.fields, query.joinsNotNullableMap);
    const row = query.fields.map((f) => (f.path[0] === 'record' ? null : 'x'));
    expect(mapper([row])[0]!.record).toBeNull();
    // Only the first column decides, as in drizzle: a record whose id is set is an object.
    const partly = query.fields.map((f) => (f.path[0] === 'record' && f.path[1] !== 'id' ? null : f.path[1] === 'id' ? '7' : 'x'));
    expect(mapper([partly])[0]!.record).toEqual(expect.objectContaining({ id: 7 }));
  });

  it('is what a PreparedReads query maps its rows with, on the real database', async () => {
    const [subject] = await database.db.insert(subjects).values({ kind: 'LEGAL_PERSON', uscc: '91320100000000077X', name: '映射测试有限公司', regionCode: '320100' }).returning();
    const reads = new PreparedReads<ReturnType<typeof build>>(4);
    const build = (db: Queryable) => db.select({ subject: subjects, record: creditRecords }).from(subjects)
      .leftJoin(creditRecords, eq(creditRecords.subjectId, subjects.id))
      .where(and(eq(subjects.uscc, sql.placeholder('uscc')))).orderBy(asc(subjects.id)).prepare('t_reads');
    const kept = reads.get(database.db, 'k', build);
    const mapper = (kept as unknown as { customResultMapper?: (rows: unknown[][]) => unknown[] }).customResultMapper;
    expect(mapper).toBeInstanceOf(Function);
    let mapped = 0;
    (kept as unknown as { customResultMapper: (rows: unknown[][]) => unknown[] }).customResultMapper = (rows) => { mapped += rows.length; return mapper!(rows); };
    const rows = await kept.execute({ uscc: subject!.uscc });
    expect(mapped).toBe(1);
    // The same as drizzle's own mapping of the same statement, built without PreparedReads.
    expectSame(rows, await build(database.db).execute({ uscc: subject!.uscc }));
    expect(rows[0]!.subject.updatedAt).toBeInstanceOf(Date);
    expect(rows[0]!.record).toBeNull();
  });
});

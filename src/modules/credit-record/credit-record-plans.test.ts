/**
 * The profile's statements keep one plan (credit-record.repo.ts fixedFilter): PostgreSQL
 * re-plans a prepared statement for every execution while a generic plan is priced above the
 * plans made for each execution's values, which it was while the policy filter's catalog
 * items, kinds and dates were parameters, and while one subject was asked for by `= ANY` of a
 * one-element array. Read from pg_prepared_statements on one connection. On a table this
 * small PostgreSQL may price the two alike whatever the form (on 10 M records it did not), so
 * the statement's text is checked too: the filter's values written into it are what makes
 * its plans alike on any data. PostgreSQL only: PGlite's driver keeps no named statements.
 */
import { onPostgres, openTestDatabase, type TestDatabase } from '../../../test/support/db';
import { openDatabase, type Database } from '../../db/database';
import { loadCatalogBundle } from '../../catalog/catalog.loader';
import type { CatalogIndex } from '../../catalog/catalog.index';
import { syncCatalog } from '../catalog/catalog.sync';
import { subjects } from '../../db/schema';
import { DisclosurePolicy } from '../../policy/disclosure';
import { resolveAuthority } from '../../policy/authority';
import { AT_PLACEHOLDER, visibleRecordsWhere } from '../../policy/record-gate.sql';
import { gateShapeKey } from '../../policy/record-gate';
import { CreditRecordRepo, type VisibleFilter } from './credit-record.repo';

const TODAY = '2026-12-01';

(onPostgres() ? describe : describe.skip)('credit record statements keep their plans (PostgreSQL)', () => {
  let database: TestDatabase;
  let single: Database;
  let catalog: CatalogIndex;
  const codes = ['91320100000000001A', '91320100000000002B'];
  const ids: number[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    catalog = await syncCatalog(database.db, loadCatalogBundle());
    const rows = await database.db.insert(subjects).values(codes.map((uscc, i) => ({
      kind: 'LEGAL_PERSON' as const, uscc, name: `计划测试${i}有限公司`, regionCode: '320100',
    }))).returning({ id: subjects.id });
    ids.push(...rows.map((r) => r.id));
    const [{ db }] = await database.pg!.unsafe<Array<{ db: string }>>('SELECT current_database() AS db');
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${db}`;
    single = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
  }, 60_000);

  afterAll(async () => {
    await single?.close();
    await database?.destroy();
  });

  function publicFilter(): VisibleFilter {
    const policy = new DisclosurePolicy({
      principal: { role: 'PUBLIC', id: 'public' },
      authority: resolveAuthority({ agency: undefined, agreements: [], jurisdiction: [], today: TODAY }),
      purpose: undefined,
      today: TODAY,
      consentFor: () => false,
    });
    return { key: gateShapeKey(policy.viewer, undefined), build: () => visibleRecordsWhere(policy, catalog.allItems(), undefined, AT_PLACEHOLDER), perSubject: false };
  }

  /** generic_plans and custom_plans of the one prepared statement whose text has all of `parts`. */
  async function plans(...parts: string[]): Promise<{ generic: number; custom: number; text: string }> {
    const rows = await single.pg!.unsafe<Array<{ generic: string; custom: string; text: string }>>(
      `SELECT generic_plans AS generic, custom_plans AS custom, statement AS text FROM pg_prepared_statements
        WHERE ${parts.map((_, i) => `strpos(statement, $${i + 1}) > 0`).join(' AND ')}`, parts);
    expect(rows).toHaveLength(1);
    return { generic: Number(rows[0]!.generic), custom: Number(rows[0]!.custom), text: rows[0]!.text };
  }

  it('plans a public profile once and reuses the plan', async () => {
    const repo = new CreditRecordRepo(single.db);
    for (let i = 0; i < 8; i++) {
      const found = await repo.subjectsWithVisibleRecords([codes[i % 2]!], publicFilter(), new Date());
      expect(found.subjects.map((s) => s.uscc)).toEqual([codes[i % 2]]);
      await repo.visibleForSubjects([ids[i % 2]!], publicFilter(), new Date());
    }
    const profile = await plans('left join "credit_records"', '"subjects"."uscc" = $');
    expect(profile.custom).toBeLessThanOrEqual(5);
    expect(profile.generic).toBeGreaterThanOrEqual(3);
    // The catalog's items and today's date are in the text; the code is the one parameter.
    expect(profile.text).toContain(`'${TODAY}'`);
    const records = await plans('inner join "subjects"', '"credit_records"."subject_id" = $');
    expect(records.custom).toBeLessThanOrEqual(5);
    expect(records.generic).toBeGreaterThanOrEqual(3);
  });

  it('asks for several subjects by one array, with the same rows as one at a time', async () => {
    const repo = new CreditRecordRepo(single.db);
    const both = await repo.subjectsWithVisibleRecords(codes, publicFilter(), new Date());
    expect(both.subjects.map((s) => s.uscc)).toEqual(codes);
    const oneByOne = [];
    for (const code of codes) oneByOne.push(...(await repo.subjectsWithVisibleRecords([code], publicFilter(), new Date())).subjects);
    expect(both.subjects).toEqual(oneByOne);
    const many = await plans('left join "credit_records"', '"subjects"."uscc" = ANY($');
    expect(many.text).toContain(`'${TODAY}'`);
  });
});

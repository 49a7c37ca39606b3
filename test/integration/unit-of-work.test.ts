/**
 * The unit of work on the database (src/modules/database-work.ts): a transaction opened by the
 * server's unit, joined — with no statement of its own — by the unit handed to it, and rolled
 * back as a whole when anything inside throws, joined parts included. Statement counts are what
 * x-sql-statements reports (src/db/database.ts, statementCounter).
 */
import { count } from 'drizzle-orm';
import { statementCounter } from '../../src/db/database';
import { agencies, consents, subjects } from '../../src/db/schema';
import { databaseWork } from '../../src/modules/database-work';
import type { UnitOfWork } from '../../src/modules/unit-of-work';
import { openTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
let work: UnitOfWork;
let subjectId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  work = databaseWork(database.db);
  await database.db.insert(agencies).values({ code: 'JL_BANK', name: '江苏金陵商业银行股份有限公司', level: 'PREFECTURE', kind: 'PARTNER', system: 'BANK', regionCode: '320100' });
  const [subject] = await database.db.insert(subjects).values({ kind: 'LEGAL_PERSON', uscc: '91320100748204660Q', name: '南京钢铁股份有限公司', regionCode: '320100' } as typeof subjects.$inferInsert).returning();
  subjectId = subject!.id;
});

afterAll(() => database.destroy());

const consent = () => ({
  subjectId, granteeAgencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'],
  grantedAt: new Date('2026-03-01T00:00:00Z'), expiresAt: new Date('2026-12-01T00:00:00Z'), channel: '手机银行', evidence: 'form 1',
});

async function statementsOf(fn: () => Promise<unknown>): Promise<number> {
  const unit = { count: 0 };
  await statementCounter.run(unit, fn);
  return unit.count;
}

const stored = async () => Number((await database.db.select({ n: count() }).from(consents))[0]!.n);

describe('unit of work on the database', () => {
  it('builds the repositories outside transactions once, as the services did', () => {
    expect(work.repos.consents).toBe(work.repos.consents);
  });

  it('a joined transaction adds no statement to the one it joins', async () => {
    const single = await statementsOf(() => work.transaction((tx) => tx.repos.consents.findById(1)));
    const joined = await statementsOf(() => work.transaction((tx) => tx.transaction((inner) => inner.transaction((innermost) => innermost.repos.consents.findById(1)))));
    expect(single).toBeGreaterThan(0);
    expect(joined).toBe(single);
  });

  it('runs the joined part on the same transaction: it sees what the transaction wrote, and a throw there rolls back everything', async () => {
    const before = await stored();
    const failing = work.transaction(async (tx) => {
      const row = await tx.repos.consents.insert(consent());
      await tx.transaction(async (inner) => {
        expect(await inner.repos.consents.findById(row.id)).toMatchObject({ id: row.id });
        throw new Error('refused in the joined step');
      });
    });
    await expect(failing).rejects.toThrow('refused in the joined step');
    expect(await stored()).toBe(before);
  });

  it('commits what the transaction wrote when nothing throws; outside one, each statement commits on its own', async () => {
    const before = await stored();
    await work.transaction(async (tx) => {
      await tx.repos.consents.insert(consent());
      await tx.transaction((inner) => inner.repos.consents.insert(consent()));
    });
    expect(await stored()).toBe(before + 2);
    await work.repos.consents.insert(consent());
    await expect(work.transaction(async () => { throw new Error('nothing written here'); })).rejects.toThrow();
    expect(await stored()).toBe(before + 3);
  });
});

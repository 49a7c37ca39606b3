/**
 * The access log's hash chain: written by the database function, verified by independent
 * code; tampering by someone able to bypass the append-only trigger is still detected.
 */
import { sql } from 'drizzle-orm';
import { appendAccessLog } from '../../src/audit/access-writer';
import type { AccessEntry } from '../../src/audit/access-entry';
import { verifyAccessLogChain } from '../../src/audit/verify-chain';
import { openTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;

const entry = (i: number): AccessEntry => ({
  at: new Date(Date.UTC(2026, 10, 29, 2, 0, 0, i)).toISOString(),
  requestId: `req-${Math.floor(i / 3)}`,
  principal: 'partner-client',
  role: 'PARTNER',
  agencyCode: 'JS-PRTC',
  purpose: i % 2 ? 'PUBLIC_RESOURCE_TRADING' : null,
  operation: 'query Batch',
  subjectId: i % 5 ? i : null,
  itemCode: '03-02-001',
  fieldPath: `subjectsByCodes.${i}.profile.penalties.edges.0.node{fineAmount,legalRepresentative}`,
  decision: i % 4 ? 'ALLOW' : 'MASK',
  reason: 'SHARED',
});

beforeAll(async () => {
  database = await openTestDatabase();
  for (let batch = 0; batch < 4; batch++) {
    await appendAccessLog(database.db, Array.from({ length: 5 }, (_, i) => entry(batch * 5 + i)));
  }
});
afterAll(() => database.destroy());

async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  // What an attacker with owner rights could do: switch the guard off, edit, switch it on.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE access_log ENABLE TRIGGER access_log_no_update_delete`);
  });
}

describe('the access log hash chain', () => {
  it('verifies when written through the append function, row by row as Node recomputes it', async () => {
    await expect(verifyAccessLogChain(database.db, 7)).resolves.toEqual({ ok: true, checked: 20, firstBroken: null });
  });

  it('chains concurrent writers one after another', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => appendAccessLog(database.db, [entry(100 + i), entry(200 + i)])));
    const result = await verifyAccessLogChain(database.db);
    expect(result).toMatchObject({ ok: true, checked: 32 });
  });

  it('detects an altered row and names it', async () => {
    await tamper(sql`UPDATE access_log SET decision = 'ALLOW' WHERE seq = 5`);
    const result = await verifyAccessLogChain(database.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ seq: 5, problem: expect.stringContaining('altered') });
  });

  it('detects a removed row at the row after the gap', async () => {
    await tamper(sql`UPDATE access_log SET decision = 'MASK' WHERE seq = 5`); // put seq 5 back as it was
    expect((await verifyAccessLogChain(database.db)).ok).toBe(true);
    await tamper(sql`DELETE FROM access_log WHERE seq = 10`);
    const result = await verifyAccessLogChain(database.db);
    expect(result.firstBroken).toEqual({ seq: 11, problem: expect.stringContaining('removed') });
  });
});

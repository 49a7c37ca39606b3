/**
 * The change watch against a real database (PGlite, or PostgreSQL with DATABASE_URL): a
 * writer's caughtUp sends its heartbeat outside the writer's statement unit.
 */
import { statementCounter, type StatementUnit } from '../../db/database';
import { openTestDatabase, type TestDatabase } from '../../../test/support/db';
import { ChangeWatch } from './change-watch';

let database: TestDatabase;
let watch: ChangeWatch;

beforeAll(async () => {
  database = await openTestDatabase();
  watch = new ChangeWatch(database, { onChange: () => undefined, onReset: () => undefined }, { maxStalenessMs: 60_000 });
  await watch.start();
});

afterAll(async () => {
  await watch.stop();
  await database.destroy();
});

describe('ChangeWatch.caughtUp inside a request', () => {
  it('is not one of the request\'s statements, and is not refused by the request\'s deadline', async () => {
    // A writer whose execution deadline has passed by the time its answer waits for the watch.
    const unit: StatementUnit = { count: 0, deadline: Date.now() - 1 };
    const before = watch.freshUntil();
    await statementCounter.run(unit, () => watch.caughtUp());
    expect(unit.count).toBe(0);
    expect(unit.timedOut).toBeUndefined();
    // Resolved by its own heartbeat coming back (the periodic one is 15 s away), not by the bound.
    expect(watch.freshUntil()).toBeGreaterThan(before);
  });
});

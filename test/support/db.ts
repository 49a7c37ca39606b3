/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or — when
 * DATABASE_URL is set — a new PostgreSQL database created on that server for this file and
 * dropped afterwards. Migrations run through the same `migrate()` as production.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';

export interface TestDatabase extends Database {
  /** Drops the per-file PostgreSQL database (no-op on PGlite). */
  destroy(): Promise<void>;
}

export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
    await migrate(database);
    return { ...database, destroy: () => database.close() };
  }
  const name = `credit_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize: 4 });
  await migrate(database);
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

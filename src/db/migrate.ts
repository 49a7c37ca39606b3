/**
 * Applies the drizzle-kit SQL migrations in drizzle/ — the same files, through drizzle's own
 * migrator, on PGlite and on PostgreSQL, in production and in tests.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './database';

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../drizzle');

export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (database.kind === 'pglite') await migratePglite(database.db as never, config);
  else await migratePostgres(database.db as never, config);
  // Objects any migration created go to credit_owner, with credit_app's grants (drizzle/0010).
  await database.db.execute(sql`SELECT credit_apply_privileges()`);
}

/** How many migrations the folder holds vs how many the database has applied (for /readyz). */
export async function migrationStatus(database: Database): Promise<{ expected: number; applied: number }> {
  const journal = require(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json')) as { entries: unknown[] };
  const rows = await database.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  );
  const applied = Number((rows as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n ?? 0);
  return { expected: journal.entries.length, applied };
}

/**
 * Applies what is pending and says how much that was: for `npm run migrate` and the bench,
 * which run a possibly long migration on its own rather than inside a server's start-up.
 */
export async function applyPendingMigrations(database: Database): Promise<{ applied: number; total: number; expected: number; seconds: number }> {
  // A database never migrated has no migrations table yet.
  const before = await migrationStatus(database).catch(() => ({ applied: 0 }));
  const started = Date.now();
  await migrate(database);
  const after = await migrationStatus(database);
  return { applied: after.applied - before.applied, total: after.applied, expected: after.expected, seconds: (Date.now() - started) / 1000 };
}

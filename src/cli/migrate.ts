/**
 * `npm run migrate`: applies the pending migrations in drizzle/ and exits — what `npm start`
 * does first, on its own. A migration that rewrites a large table (0007 builds the name
 * search index from every subject) is better run once before new instances start than
 * inside each instance's start-up. Exit 0 when the database is current, 2 when it could not run.
 */
import { applyPendingMigrations } from '../db/migrate';
import { runDatabaseCli } from './database-cli';

runDatabaseCli(async (database) => {
  const r = await applyPendingMigrations(database);
  process.stdout.write(r.applied > 0
    ? `applied ${r.applied} migration(s) in ${r.seconds.toFixed(1)} s; the database has ${r.total} of ${r.expected}\n`
    : `nothing to apply: the database has all ${r.total} of ${r.expected} migrations\n`);
  return 0;
});

/**
 * `npm run migrate`: applies the pending migrations in drizzle/ and exits — what `npm start`
 * does first, on its own. A migration that rewrites a large table (0007 builds the name
 * search index from every subject) is better run once before new instances start than
 * inside each instance's start-up. Exit 0 when the database is current, 2 when it could not run.
 */
// config.ts reaches type-graphql classes (operation limits → page sizes), which need the polyfill first.
import 'reflect-metadata';
import { migrate, migrationStatus } from '../db/migrate';
import { runDatabaseCli } from './database-cli';

runDatabaseCli(async (database) => {
  // A database never migrated has no migrations table yet.
  const before = await migrationStatus(database).catch(() => ({ applied: 0 }));
  const started = Date.now();
  await migrate(database);
  const after = await migrationStatus(database);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const applied = after.applied - before.applied;
  process.stdout.write(applied > 0
    ? `applied ${applied} migration(s) in ${seconds} s; the database has ${after.applied} of ${after.expected}\n`
    : `nothing to apply: the database has all ${after.applied} of ${after.expected} migrations\n`);
  return 0;
});

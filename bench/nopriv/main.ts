/**
 * Benchmark-only build of the server WITHOUT the privacy layer — comparison target (a) of
 * `npm run bench`, never a deployment. It composes the same server as src/main.ts (same
 * services, resolvers, SQL, operation limits, Apollo plugins) but hands createServer the bare
 * type-graphql schema instead of buildGuardedSchema, so there is
 *   - no graphql-shield (no per-field rule, no deny-by-default fallback),
 *   - no desensitisation middleware (fields are served as stored),
 *   - no access recorder, so the access-log plugin never has anything to write.
 * What stays is what the resolvers themselves do: the policy's SQL filter in every record
 * query and the per-record decision the services attach (the records and subject ids that
 * the field resolvers read ride on it). Configuration as src/main.ts reads it; the database
 * must already be migrated and seeded (the bench did that).
 */
import 'reflect-metadata';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { buildBareSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { createServer } from '../../src/server';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.env === 'production') throw new Error('the no-privacy build is for benchmarks only and refuses NODE_ENV=production');
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database);
  const catalog = await syncCatalog(database.db, loadCatalogBundle());
  const server = await createServer({ config, database, catalog, logger, buildSchema: () => buildBareSchema() });
  const url = await server.listen(config.port, config.host);
  logger.warn({ url }, 'serving WITHOUT the privacy layer (benchmark build)');
  const shutdown = async () => {
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err) => {
  process.stderr.write(`no-privacy bench server failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});

/**
 * `npm start`: validate configuration, open and migrate the database, load and sync the
 * catalog, seed demo data when configured and the database is empty, serve. Prints what a
 * developer needs to try it: the GraphiQL URL, dev tokens per role, seeded subject codes.
 */
import 'reflect-metadata';
import { count } from 'drizzle-orm';
import { devTokens } from './auth/dev-tokens';
import { loadCatalogBundle } from './catalog/catalog.loader';
import { syncCatalog } from './modules/catalog/catalog.sync';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/database';
import { attachReadReplica } from './db/read-routing';
import { migrate } from './db/migrate';
import { assertProductionDatabase, PrivilegeError } from './db/privileges';
import { subjects } from './db/schema';
import { seedDatabase, signInTestAccounts } from './seed';
import { createIdNumberVault } from './identifiers';
import { createLogger } from './logger';
import { AgencyRepo } from './modules/agency/agency.repo';
import { createServer } from './server';
import { loadPersistedOperations } from './http/persisted-operations';
import { createRedisRateLimiter, MemoryWindowStore, RateLimiter } from './http/rate-limit';
import { legalDate } from './time/legal-date';

async function main(config: Config): Promise<void> {
  const started = Date.now();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database);
  // In production the server runs as the application role, which may not migrate (src/db/privileges.ts).
  if (config.env === 'production' && database.kind === 'postgres') await assertProductionDatabase(database);
  else await migrate(database);
  const bundle = loadCatalogBundle();
  const catalog = await syncCatalog(database.db, bundle);
  let samples: string[] = [];
  const [{ n }] = await database.db.select({ n: count() }).from(subjects);
  if (config.seed.demo && n === 0) {
    const vault = createIdNumberVault({ hmacKey: config.keys.idHmac, encryptionKey: config.keys.idEncryption });
    const stats = await seedDatabase(database, {
      catalog, bundle, vault, subjects: config.seed.subjects, random: config.seed.random, today: legalDate(new Date()),
    });
    samples = [...stats.sampleCodes.legalPersons.slice(0, 3), ...stats.sampleCodes.individualBusinesses.slice(0, 1), ...stats.sampleCodes.listed.slice(0, 1)];
    logger.info({ counts: stats.counts }, 'demo data seeded');
  }
  const tokens = config.keys.generated
    ? await devTokens(config.keys.jwtSecret, await new AgencyRepo(database.db).all(), 1)
    : [];
  const limits = config.rateLimit;
  // A configured Redis that cannot be reached stops start-up (fail closed), naming the URL.
  const rateLimiter = !limits ? undefined
    : limits.redisUrl ? await createRedisRateLimiter(limits.redisUrl, limits)
    : new RateLimiter(limits, new MemoryWindowStore());
  const persistedOperations = config.persistedOperationsFile ? loadPersistedOperations(config.persistedOperationsFile) : undefined;
  // Public queries read the replica from here on; everything above ran on the primary.
  const served = config.readReplica
    ? await attachReadReplica(database, {
        ...config.readReplica,
        statementTimeoutMs: config.database.kind === 'postgres' ? config.database.statementTimeoutMs : undefined,
        onStateChange: (status, previous) =>
          logger[status.serving === 'replica' ? 'info' : 'warn']({ replica: status, previous }, 'read replica state changed'),
      })
    : database;
  const signInAccounts = config.signIn?.provider.kind === 'embedded' ? signInTestAccounts() : [];
  const server = await createServer({ config, database: served, catalog, logger, devTokens: tokens, rateLimiter, persistedOperations, signInAccounts });
  const url = await server.listen(config.port, config.host);
  logger.info({ url, database: database.kind, replica: served.readReplica?.status(), ms: Date.now() - started }, 'serving');
  if (config.keys.generated) {
    const lines = [
      '',
      `GraphiQL: ${url}   (open it in a browser; works offline)`,
      samples.length ? `Seeded subject codes to try: ${samples.join(', ')}` : 'Database was already seeded; try 91320100748204660Q',
      'Dev tokens (send as "Authorization: Bearer <token>"; valid 30 days; dev key in .data/dev-keys.json):',
      ...tokens.map((t) => `  ${t.role.padEnd(13)} ${t.bound}\n    ${t.token}`),
      ...(signInAccounts.length ? [
        `Sign-in (embedded test identity service at ${url.replace(/\/graphql$/, '/oidc')}; development only): ${url.replace(/\/graphql$/, '/auth/login')}`,
        ...signInAccounts.map((a) => `  ${a.login.padEnd(14)} password ${a.password.padEnd(13)} ${a.note}`),
      ] : []),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  // Graceful stop: /readyz goes 503, the listener closes, in-flight requests finish within
  // SHUTDOWN_GRACE_MS (each writes its access-log entries before its response leaves, so
  // waiting for them is what flushes the access log), then Redis and the database close.
  // A second signal does not wait — unless it comes within a second of the first: Ctrl-C in
  // a terminal reaches both npm and node, and npm forwards it, so node sees it twice.
  let stoppingSince: number | undefined;
  const shutdown = async (signal: string) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < 1000) return;
      logger.warn({ signal }, 'second signal: exiting without waiting for the shutdown to finish');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    try {
      await server.close({ graceMs: config.shutdownGraceMs });
      await rateLimiter?.close();
      await served.close();
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    logger.info({ signal }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
main(config).catch((err) => {
  process.stderr.write(`start-up failed: ${err instanceof PrivilegeError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});

/**
 * The real server around a fresh test database: migrated, catalog synced, seeded with the
 * deterministic demo generator unless `seed: false` (most tests: they build their own data,
 * test/support/builders), listening on an ephemeral port. Tests talk to it over HTTP.
 */
import 'reflect-metadata';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { AuditConfig } from '../../src/config';
import pino from 'pino';
import { issueToken } from '../../src/auth/tokens';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import type { CatalogIndex } from '../../src/catalog/catalog.index';
import { seedDatabase } from '../../src/seed';
import { createIdNumberVault } from '../../src/identifiers';
import { createServer, type AppServer, type ServerDeps } from '../../src/server';
import type { PersistedOperations } from '../../src/http/persisted-operations';
import type { RateLimiter } from '../../src/http/rate-limit';
import { legalDate } from '../../src/time/legal-date';
import { openTestDatabase, type TestDatabase } from './db';

export const TEST_KEYS = {
  idHmac: Buffer.alloc(32, 1),
  idEncryption: Buffer.alloc(32, 2),
  jwtSecret: Buffer.from('test-secret-test-secret-test-secret!!'),
  generated: false,
};

/** The access log's test keys, fixed so that a CLI run on the same database verifies the MACs. */
const TEST_ACCESS_LOG_SEED = '5a'.repeat(32);
export const TEST_AUDIT_ENV = {
  ACCESS_LOG_KEY: '44'.repeat(32),
  ACCESS_LOG_SIGNING_KEY: TEST_ACCESS_LOG_SEED,
};
const testSigningKey = createPrivateKey({
  key: Buffer.from(`302e020100300506032b657004220420${TEST_ACCESS_LOG_SEED}`, 'hex'), format: 'der', type: 'pkcs8',
});
export const TEST_AUDIT: AuditConfig = {
  macSecrets: [Buffer.from(TEST_AUDIT_ENV.ACCESS_LOG_KEY, 'hex')],
  signing: testSigningKey,
  verifying: createPublicKey(testSigningKey),
  checkpointFile: undefined,
  checkpointIntervalMs: 300_000,
  checkpointRows: 10_000,
  unkeyedThrough: 0,
};

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  /** SQL statements the request issued (x-sql-statements). */
  statements: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }> };
}

export interface TestServer {
  url: string;
  database: TestDatabase;
  catalog: CatalogIndex;
  app: AppServer;
  /** POSTs an operation; headers add to (or replace) the JSON content type. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** Bearer headers for a role, signed with the test key. */
export async function authHeaders(
  claims: { role: 'SUBJECT' | 'PARTNER' | 'DEPARTMENT' | 'CATALOG_ADMIN' | 'AUDITOR'; agency?: string; subject?: number; purposes?: string[] },
  purpose?: string,
): Promise<Record<string, string>> {
  const token = await issueToken(TEST_KEYS.jwtSecret, { sub: `test-${claims.role.toLowerCase()}`, ...claims });
  return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': purpose } : {}) };
}

export interface TestServerOptions {
  subjects?: number;
  /**
   * False: no demo seed — no agencies, subjects or records; the test builds what it needs
   * (test/support/builders), or the database is another server's (a second role on it).
   */
  seed?: boolean;
  now?: () => Date;
  /** Security tests: their own logger (to capture output), rate limiter, partner allow-list, database. */
  logger?: pino.Logger;
  rateLimiter?: RateLimiter;
  persistedOperations?: PersistedOperations;
  database?: TestDatabase;
  /** Working calendars other than the shipped ones (test/support/calendars.ts), for stories that run past them. */
  calendar?: ServerDeps['calendar'];
  /** The embedded identity provider's accounts (with `config.signIn` embedded). */
  signInAccounts?: ServerDeps['signInAccounts'];
  /** Overrides of the server config, e.g. `{ env: 'production' }` or `limits` (operation-limit tests). */
  config?: Partial<ServerDeps['config']>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await openTestDatabase());
  const bundle = loadCatalogBundle();
  const catalog = await syncCatalog(database.db, bundle);
  const vault = createIdNumberVault({ hmacKey: TEST_KEYS.idHmac, encryptionKey: TEST_KEYS.idEncryption });
  if (opts.seed !== false) await seedDatabase(database, {
    catalog, bundle, vault, subjects: opts.subjects ?? 60, random: 49, today: legalDate(opts.now?.() ?? new Date()),
  });
  const app = await createServer({
    config: { env: 'test', keys: TEST_KEYS, audit: TEST_AUDIT, ...opts.config },
    database,
    catalog,
    logger: opts.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    now: opts.now,
    calendar: opts.calendar,
    rateLimiter: opts.rateLimiter,
    persistedOperations: opts.persistedOperations,
    signInAccounts: opts.signInAccounts,
  });
  const url = await app.listen(0, '127.0.0.1');
  return {
    url,
    database,
    catalog,
    app,
    async gql(query, variables, headers) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, statements: Number(res.headers.get('x-sql-statements') ?? NaN), body: (await res.json()) as never };
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

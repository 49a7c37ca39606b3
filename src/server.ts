/**
 * Composition root: configuration → database → catalog → services → schema → Apollo → HTTP.
 * `createServer` takes everything explicitly, so tests build the real server around their
 * own database; `bootstrap` is what `npm start` runs.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { sql } from 'drizzle-orm';
import { auditPlugin } from './audit/audit-plugin';
import type { CatalogIndex } from './catalog/catalog.index';
import type { Config } from './config';
import type { Database } from './db/database';
import { migrationStatus } from './db/migrate';
import type { RequestContext } from './graphql/context';
import { createFormatError, errorLoggingPlugin } from './graphql/format-error';
import { buildGuardedSchema } from './graphql/schema';
import { createRequestListener } from './http/app';
import { exampleTabs } from './http/examples';
import type { DevToken } from './auth/dev-tokens';
import { graphqlHandler } from './http/graphql-handler';
import { executionDeadline, introspectionGate } from './http/execution-guards';
import { DEFAULT_OPERATION_LIMITS, operationGuards } from './http/operation-limits';
import type { PersistedOperations } from './http/persisted-operations';
import type { RateLimiter } from './http/rate-limit';
import type { Logger } from './logger';
import { buildMaskers } from './policy/masking';
import { createServices, type Services } from './services';

export interface ServerDeps {
  config: Pick<Config, 'env' | 'keys'> & Partial<Pick<Config, 'consentMaxDays' | 'deadlines' | 'limits' | 'introspection' | 'graphiql'>>;
  database: Database;
  catalog: CatalogIndex;
  logger: Logger;
  /** Injected clock for time-rule tests; the wall clock otherwise. */
  now?: () => Date;
  /** Dev tokens to preset in GraphiQL's example tabs (embedded mode only). */
  devTokens?: readonly DevToken[];
  /** Request budgets (src/http/rate-limit.ts); owned by the caller, who closes it. None: unmetered. */
  rateLimiter?: RateLimiter;
  /** Partner allow-list of persisted operations; none: partners may send any operation. */
  persistedOperations?: PersistedOperations;
}

export interface AppServer {
  readonly http: Server;
  readonly services: Services;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export async function createServer(deps: ServerDeps): Promise<AppServer> {
  const services = createServices({
    database: deps.database, catalog: deps.catalog, keys: deps.config.keys, consentMaxDays: deps.config.consentMaxDays,
    listObjectionWorkingDays: deps.config.deadlines?.listObjectionWorkingDays,
    objectionWorkingDays: deps.config.deadlines?.objectionWorkingDays,
    repairWorkingDays: deps.config.deadlines?.repairWorkingDays,
  });
  await services.agencies.reload();
  // Versions published or retired through the API since the files were synced take effect here.
  await services.reloadCatalog();
  const schema = await buildGuardedSchema(buildMaskers(deps.catalog.bundle.disclosureFormats));
  const production = deps.config.env === 'production';
  const limits = deps.config.limits ?? DEFAULT_OPERATION_LIMITS;
  const guards = operationGuards(limits, production);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createFormatError(!production),
    includeStacktraceInErrorResponses: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Gated per caller by introspectionGate; Apollo's own switch is static.
    introspection: true,
    hideSchemaDetailsFromClientErrors: production,
    validationRules: guards.validationRules,
    maxRecursiveSelections: guards.maxRecursiveSelections,
    plugins: [
      ApolloServerPluginLandingPageDisabled(), errorLoggingPlugin(deps.logger), auditPlugin(() => deps.database.db, deps.logger),
      ...guards.plugins, introspectionGate(deps.config.introspection ?? (production ? 'authenticated' : 'all')),
      executionDeadline(limits.executionMs),
    ],
  });
  await apollo.start();
  const http = createHttpServer(
    createRequestListener({
      graphql: graphqlHandler({
        apollo,
        services,
        bodyLimitBytes: limits.bodyBytes,
        limits,
        now: deps.now,
        exposeStatementCount: !production,
        rateLimiter: deps.rateLimiter,
        persistedOperations: deps.persistedOperations,
      }),
      ready: async () => {
        try {
          await deps.database.db.execute(sql`SELECT 1`);
          const m = await migrationStatus(deps.database);
          return { ok: m.applied >= m.expected, detail: { database: deps.database.kind, migrations: m } };
        } catch (err) {
          deps.logger.warn({ err }, 'readiness check failed');
          return { ok: false, detail: { database: 'unreachable' } };
        }
      },
      examples: exampleTabs(deps.devTokens),
      graphiql: deps.config.graphiql ?? !production,
      pages: [
        // one line per page module (portal, credit report, metrics)
      ],
      onError: (err, req) => deps.logger.error({ err, path: (req.url ?? '').split('?')[0] }, 'unhandled error in request listener'),
    }),
  );
  return {
    http,
    services,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const { port: actual } = http.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/graphql`);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await apollo.stop();
    },
  };
}

/**
 * Composition root: configuration → database → catalog → services → schema → Apollo → HTTP.
 * `createServer` takes everything explicitly, so tests build the real server around their
 * own database; `bootstrap` is what `npm start` runs.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { sql } from 'drizzle-orm';
import { auditPlugin } from './audit/audit-plugin';
import { AccessLogWriter } from './audit/access-writer';
import { AccessLogCheckpointer } from './audit/checkpointer';
import { accessLogKeys, generateAccessLogKeys, type AccessLogKeys } from './audit/log-keys';
import { LogStream } from './audit/log-stream';
import type { CatalogIndex } from './catalog/catalog.index';
import { DEFAULT_CHECKPOINTS, DEFAULT_REPORT_PDF, type AuditConfig, type Config } from './config';
import type { Database } from './db/database';
import { migrationStatus } from './db/migrate';
import type { RequestContext } from './graphql/context';
import { createFormatError, errorLoggingPlugin } from './graphql/format-error';
import { useCursorSecret } from './graphql/cursor';
import { useOpaqueIdSecret } from './graphql/opaque-id';
import { buildGuardedSchema } from './graphql/schema';
import { compiledExecutorGateway } from './graphql/compiled-executor';
import { createRequestListener } from './http/app';
import { exampleTabs } from './http/examples';
import type { DevToken } from './auth/dev-tokens';
import { createSignIn, type EmbeddedAccount, type SignIn } from './session';
import { graphqlHandler, serverOperationRunner, type GraphQLHandlerOptions } from './http/graphql-handler';
import { PublicCache } from './http/public-cache';
import { createReportPdfRenderer } from './report/report-pdf-pool';
import { reportRoute } from './report/report-route';
import { attachmentRoute } from './http/attachment-route';
import { verifyRoute } from './report/verify-page';
import { DEFAULT_PUBLIC_BASE_URL } from './report/report-model';
import { executionDeadline, introspectionGate, purposeGate } from './http/execution-guards';
import { graphqlOverHttpStatus } from './http/response-media';
import { readRoutingPlugin } from './http/read-routing-plugin';
import { DEFAULT_OPERATION_LIMITS, operationGuards } from './http/operation-limits';
import type { PersistedOperations } from './http/persisted-operations';
import type { RateLimiter } from './http/rate-limit';
import type { Logger } from './logger';
import type { GraphQLSchema } from 'graphql';
import type { PersonalDataKind } from './policy/decision';
import { buildMaskers, type Masker } from './policy/masking';
import { createServices, type Services } from './services';
import { graphqlMetricsPlugin } from './observability/graphql-metrics-plugin';
import { ServerMetrics } from './observability/metrics';
import { metricsRoute } from './observability/metrics-route';
import { observedListener } from './observability/observed-listener';
import { OperationLabels } from './observability/operation-label';
import { observationOf } from './observability/request-observation';
import { portalRoute } from './portal/portal.route';
import { limitsInForce } from './modules/procedure/time-limits';
import { addDays, legalDate } from './time/legal-date';
import { loadWorkingCalendar } from './time/working-calendar.loader';
import { describeYears, missingYear, type WorkingCalendar } from './time/working-days';

export interface ServerDeps {
  /** `audit` absent (tests): fresh access-log keys for this server, no checkpoint file. */
  config: Pick<Config, 'env' | 'keys'> & Partial<Pick<Config, 'audit' | 'consentMaxDays' | 'personLookupDailyLimit' | 'limits' | 'introspection' | 'executor' | 'graphiql' | 'metricsToken' | 'reportPdf' | 'publicCache' | 'signIn' | 'publicBaseUrl'>>;
  database: Database;
  catalog: CatalogIndex;
  logger: Logger;
  /** Injected clock for time-rule tests; the wall clock otherwise. */
  now?: () => Date;
  /** The State Council's working calendars; default: the shipped src/time/data/working-calendars.yaml. */
  calendar?: WorkingCalendar;
  /** The embedded identity provider's test accounts (config.signIn embedded; src/seed/samples.ts). */
  signInAccounts?: readonly EmbeddedAccount[];
  /** Dev tokens to preset in GraphiQL's example tabs (embedded mode only). */
  devTokens?: readonly DevToken[];
  /** Request budgets (src/http/rate-limit.ts); owned by the caller, who closes it. None: unmetered. */
  rateLimiter?: RateLimiter;
  /** Partner allow-list of persisted operations; none: partners may send any operation. */
  persistedOperations?: PersistedOperations;
  /**
   * Builds the executable schema; buildGuardedSchema (the privacy layer) when absent. Only the
   * benchmark's comparison build without the privacy layer (bench/nopriv/main.ts) passes another:
   * it is no configuration setting, and `npm start` never passes it.
   */
  buildSchema?: (maskers: Record<PersonalDataKind, Masker>) => Promise<GraphQLSchema>;
  /** Process metrics (CPU, memory, event loop, GC) on this server's registry; default on. */
  processMetrics?: boolean;
  /** The module the PDF worker threads load; tests substitute one that crashes or stalls. Never set by `npm start`. */
  reportPdfWorkerFile?: string;
}

export interface AppServer {
  readonly http: Server;
  readonly services: Services;
  /** This server's metrics, on a registry of its own (served at /metrics). */
  readonly metrics: ServerMetrics;
  /** The access log's keys and checkpointer (audit:verify and tests verify what this server wrote). */
  readonly audit: { keys: AccessLogKeys; checkpointer: AccessLogCheckpointer };
  /** The public response cache, when configured (its statistics; tests await its change watch). */
  readonly publicCache: PublicCache | undefined;
  listen(port: number, host: string): Promise<string>;
  /** From now on /readyz answers 503 (draining), so load balancers stop sending requests. */
  beginDrain(): void;
  /**
   * Graceful stop: readiness off, no new connections, in-flight requests (and their
   * access-log writes) finish; after `graceMs` the rest are cut off. Without `graceMs`,
   * waits for them however long they take. Then the PDF worker threads stop.
   */
  close(opts?: { graceMs?: number }): Promise<void>;
}

export async function createServer(deps: ServerDeps): Promise<AppServer> {
  // Cursors and opaque ids under keys from ID_HMAC_KEY, which the deployment's instances share:
  // what one instance issued, the others (and the next start) accept.
  useCursorSecret(deps.config.keys.idHmac);
  useOpaqueIdSecret(deps.config.keys.idHmac);
  const audit = accessLog(deps);
  const signInConfig = deps.config.signIn;
  const calendar = deps.calendar ?? loadWorkingCalendar();
  const services = createServices({
    accessLogKeys: audit.keys,
    database: deps.database, catalog: deps.catalog, keys: deps.config.keys, consentMaxDays: deps.config.consentMaxDays,
    personLookupDailyLimit: deps.config.personLookupDailyLimit,
    calendar,
    sessions: signInConfig && {
      maxSeconds: signInConfig.maxSeconds, idleSeconds: signInConfig.idleSeconds,
      // https outside a developer's loopback (config.ts): __Host- and Secure (src/modules/session/session-cookie.ts).
      secureCookie: signInConfig.provider.kind === 'external' && signInConfig.provider.redirectUri.protocol === 'https:',
    },
  });
  const signIn: SignIn | undefined = signInConfig && createSignIn(signInConfig, services, deps.logger, deps.signInAccounts ?? [], deps.now);
  const today = legalDate(deps.now?.() ?? new Date());
  // Next year's notice comes in November or December: say so before limits start being counted provisionally.
  const lacking = missingYear(addDays(today, 45), calendar);
  if (lacking !== undefined) {
    deps.logger.warn({ year: lacking }, `the working calendar lacks the State Council's ${lacking} holiday notice: time limits running into it are counted PROVISIONALLY `
      + `(weekends and the statutory holidays of 全国年节及纪念日放假办法 only, marked dueOnProvisional / objectionDeadlineProvisional; listing decisions on such windows wait), `
      + `and refused (CALENDAR_MISSING) beyond the year after the last notice; add it to src/time/data/working-calendars.yaml and restart, and the provisional dates are recounted`);
  }
  await services.agencies.reload();
  // Versions published or retired through the API since the files were synced take effect here.
  await services.reloadCatalog();
  // Due dates counted without a notice this calendar now has become exact (a subject's window never shorter).
  const recount = await services.settleProvisionalDueDates();
  if (recount.objections + recount.repairs + recount.listWindows > 0) {
    deps.logger.info(recount, `recounted provisional due dates on the working calendar (${describeYears(calendar.years)}): ${recount.objections} objections, ${recount.repairs} repair applications, ${recount.listWindows} serious-list objection windows (${recount.windowsKeptAsServed} kept as served, the exact window being shorter); ${recount.stillProvisional} still provisional`);
  } else if (recount.stillProvisional > 0) {
    deps.logger.info(recount, `${recount.stillProvisional} due dates remain provisional: their year's holiday notice is not in the working calendar`);
  }
  const schema = await (deps.buildSchema ?? buildGuardedSchema)(buildMaskers(deps.catalog.bundle.disclosureFormats));
  const production = deps.config.env === 'production';
  const limits = deps.config.limits ?? DEFAULT_OPERATION_LIMITS;
  const guards = operationGuards(limits, production);
  const metrics = new ServerMetrics({
    database: deps.database,
    // postgres.js publishes its parsed options; PGlite is a single in-process connection.
    poolSize: deps.database.pg?.options.max ?? 1,
    processMetrics: deps.processMetrics ?? true,
  });
  // Its worker threads start with the first PDF and stop in close().
  const pdfRenderer = createReportPdfRenderer({
    ...(deps.config.reportPdf ?? DEFAULT_REPORT_PDF), observer: metrics, logger: deps.logger, workerFile: deps.reportPdfWorkerFile,
  });
  metrics.watchPdfRenderer(pdfRenderer);
  const accessWriter = new AccessLogWriter(() => deps.database.db, new LogStream(audit.keys.mac[0]!), (n) => audit.checkpointer.noteAppended(n));
  audit.checkpointer.start();
  let draining = false;
  const apollo = new ApolloServer<RequestContext>({
    // The same schema either way; compiled: each operation compiled once by graphql-jit (compiled-executor.ts).
    ...((deps.config.executor ?? 'compiled') === 'compiled' ? { gateway: compiledExecutorGateway(schema) } : { schema }),
    formatError: createFormatError(!production),
    includeStacktraceInErrorResponses: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Apollo would stop itself on SIGTERM and fail the requests still draining; src/main.ts owns shutdown.
    stopOnTerminationSignals: false,
    // Gated per caller by introspectionGate; Apollo's own switch is static.
    introspection: true,
    hideSchemaDetailsFromClientErrors: production,
    validationRules: guards.validationRules,
    maxRecursiveSelections: guards.maxRecursiveSelections,
    plugins: [
      // No cache hints are used; the cache-control plugin would instrument every field resolver.
      ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), errorLoggingPlugin(deps.logger), auditPlugin(accessWriter, deps.logger, metrics),
      ...guards.plugins, introspectionGate(deps.config.introspection ?? (production ? 'authenticated' : 'all')), purposeGate(),
      executionDeadline(limits.executionMs), readRoutingPlugin(), graphqlOverHttpStatus(),
      // Last: it reads the response the plugins before it may have replaced.
      graphqlMetricsPlugin(new OperationLabels()),
    ],
  });
  await apollo.start();
  // Public answers kept until a change the public could see reaches this instance (src/http/public-cache/).
  const publicCache = deps.config.publicCache
    ? new PublicCache(deps.database, {
      schema,
      maxBytes: deps.config.publicCache.maxBytes,
      maxStalenessMs: deps.config.publicCache.maxStalenessMs,
      replica: deps.database.readReplica !== undefined,
      shared: deps.config.publicCache.redisUrl ? { url: deps.config.publicCache.redisUrl, prefix: deps.config.publicCache.redisPrefix } : undefined,
      logger: deps.logger,
    })
    : undefined;
  await publicCache?.start();
  // One pipeline for /graphql and for the pages that run operations (the credit report).
  const pipeline: GraphQLHandlerOptions = {
    apollo,
    services,
    bodyLimitBytes: limits.bodyBytes,
    limits,
    now: deps.now,
    exposeStatementCount: !production,
    rateLimiter: deps.rateLimiter,
    persistedOperations: deps.persistedOperations,
    metrics,
    publicCache,
  };
  const runServerOperation = serverOperationRunner(pipeline);
  const portal = portalRoute({ timeLimits: limitsInForce(services.catalog.bundle, today), catalog: services.catalog.bundle, run: runServerOperation });
  const observed = observedListener(
    createRequestListener({
      graphql: graphqlHandler(pipeline),
      ready: async () => {
        if (draining) return { ok: false, detail: { draining: true } };
        try {
          await deps.database.db.execute(sql`SELECT 1`);
          const m = await migrationStatus(deps.database);
          // A lagging or unreachable replica does not make the instance unready: reads fall back to the primary.
          const replica = deps.database.readReplica?.status();
          return { ok: m.applied >= m.expected, detail: { database: deps.database.kind, migrations: m, ...(replica ? { replica } : {}) } };
        } catch (err) {
          deps.logger.warn({ err }, 'readiness check failed');
          return { ok: false, detail: { database: 'unreachable' } };
        }
      },
      examples: exampleTabs(deps.devTokens),
      graphiql: deps.config.graphiql ?? !production,
      pages: [
        metricsRoute(metrics, { token: deps.config.metricsToken, production }),
        ...(signIn?.routes ?? []),
        // Before the portal, whose app shell answers any other path.
        attachmentRoute(runServerOperation),
        verifyRoute(runServerOperation),
        portal,
        reportRoute(runServerOperation, pdfRenderer, {
          register: (report) => services.reportVerification.register(report),
          publicBaseUrl: deps.config.publicBaseUrl ?? DEFAULT_PUBLIC_BASE_URL,
        }),
      ],
      notFoundPage: portal.notFound,
      onError: (err, req) => (observationOf(req)?.log ?? deps.logger).error({ err, path: (req.url ?? '').split('?')[0] }, 'unhandled error in request listener'),
    }),
    deps.logger,
    metrics,
  );
  const http = createHttpServer(observed.listener);
  const beginDrain = () => {
    draining = true;
    observed.drain();
  };
  return {
    http,
    services,
    metrics,
    audit,
    publicCache,
    beginDrain,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const { port: actual } = http.address() as AddressInfo;
          const origin = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`;
          // The embedded identity provider's issuer and redirect URI name the port just bound.
          (signIn ? signIn.start(origin) : Promise.resolve()).then(() => resolve(`${origin}/graphql`), reject);
        });
      }),
    close: async ({ graceMs } = {}) => {
      beginDrain();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      deps.logger.info({ inFlight: observed.inFlight, graceMs }, 'stopped accepting connections; letting in-flight requests finish');
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'late'>((resolve) => {
        if (graceMs !== undefined) timer = setTimeout(() => resolve('late'), graceMs);
      });
      const outcome = await Promise.race([Promise.all([closed, observed.idle()]).then(() => 'done' as const), graceOver]);
      clearTimeout(timer);
      if (outcome === 'late') {
        // Cut off: their clients get no response, so no data leaves whose access was not recorded.
        deps.logger.warn({ abandoned: observed.inFlight, graceMs }, 'grace period over; closing the remaining connections');
        http.closeAllConnections();
        await closed;
      }
      await apollo.stop();
      await publicCache?.stop();
      await pdfRenderer.close();
      // After the last request's append: the final checkpoint covers every row this server wrote.
      await accessWriter.idle();
      await audit.checkpointer.stop();
    },
  };
}

/** The access log's keys (refusing a verify-only configuration) and its checkpointer. */
function accessLog(deps: ServerDeps): AppServer['audit'] {
  const config: Partial<AuditConfig> = deps.config.audit ?? {};
  const keys = config.macSecrets ? accessLogKeys(config.macSecrets, config.signing, config.verifying) : generateAccessLogKeys();
  if (!keys.signing || !keys.verifying) {
    throw new Error('ACCESS_LOG_SIGNING_KEY is not set: a server signs access-log checkpoints (ACCESS_LOG_VERIFY_KEY alone is for audit:verify)');
  }
  const checkpointer = new AccessLogCheckpointer(
    () => deps.database.db,
    { signing: keys.signing, verifying: keys.verifying },
    { file: config.checkpointFile, intervalMs: config.checkpointIntervalMs ?? DEFAULT_CHECKPOINTS.intervalMs, rows: config.checkpointRows ?? DEFAULT_CHECKPOINTS.rows },
    deps.logger,
  );
  return { keys, checkpointer };
}

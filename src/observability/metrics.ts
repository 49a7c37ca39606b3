/**
 * The server's Prometheus metrics, on a registry of its own: tests run many servers in one
 * process, and two servers must never add to each other's counters (prom-client's global
 * default registry would do exactly that). Served at /metrics by metrics-route.ts.
 *
 * Every label has a bounded set of values: operation names are capped (operation-label.ts),
 * error codes and denial reasons are the server's own constants, routes are a fixed list.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database';
import { sql } from 'drizzle-orm';
import type { PdfRenderObserver, PdfRenderThread } from '../report/report-pdf-pool';
import type { RequestObservation } from './request-observation';

const PREFIX = 'credit_api_';

// Seconds. GraphQL requests run from ~2 ms (a cached public read) to LIMIT_EXECUTION_MS.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// One INSERT … SELECT per request: normally a few milliseconds.
const WRITE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
// Access-log rows per request: one per record and outcome; a partner batch of 100 subjects with profiles is hundreds.
const ENTRY_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];
const STATEMENT_BUCKETS = [0, 1, 2, 3, 4, 6, 8, 12, 16, 32, 64];
// A report PDF renders in 60–100 ms of CPU; waits for a thread are multiples of that.
const PDF_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The status recorded for a request whose client went away before the response was complete (nginx's 499). */
export const ABORTED = 499;

const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);
const CODE = /^[A-Z][A-Z_]{0,47}$/;

export interface MetricsOptions {
  database: Pick<Database, 'kind' | 'db'>;
  /** Connections the pool may open (DATABASE_POOL_SIZE); PGlite is one in-process connection. */
  poolSize: number;
  /** Process metrics (CPU, memory, event-loop lag, GC); on for servers, off where many are built. */
  processMetrics?: boolean;
}

export class ServerMetrics implements PdfRenderObserver {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests by route (/graphql, /healthz, /readyz, /metrics, other), method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  private readonly graphqlRequests = new Counter({
    name: `${PREFIX}graphql_requests_total`,
    help: 'GraphQL requests by operation name (capped; (anonymous), (other), (none) when refused before one was resolved), '
      + 'type and outcome: ok (no errors), errors (answered with errors), refused (HTTP 4xx), failed (HTTP 5xx), aborted (the client left first)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly graphqlDuration = new Histogram({
    name: `${PREFIX}graphql_request_duration_seconds`,
    help: 'Time from the request arriving to the response being handed to the socket, access-log write included, by operation',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly graphqlErrors = new Counter({
    name: `${PREFIX}graphql_errors_total`,
    help: 'Responses carrying an error of this extensions.code (counted once per response and code)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly denials = new Counter({
    name: `${PREFIX}denials_total`,
    help: 'Responses carrying a denial, by code and reason (FORBIDDEN\'s reason; the code itself for CONSENT_REQUIRED, '
      + 'PURPOSE_*, UNAUTHENTICATED, rate limits and operation limits); once per response, code and reason',
    labelNames: ['code', 'reason'] as const,
    registers: [this.registry],
  });

  private readonly statements = new Histogram({
    name: `${PREFIX}graphql_sql_statements`,
    help: 'SQL statements issued per GraphQL request (the N+1 guard: a partner batch is 4 whatever its size)',
    buckets: STATEMENT_BUCKETS,
    registers: [this.registry],
  });

  private readonly inFlight = new Gauge({
    name: `${PREFIX}http_requests_in_flight`,
    help: 'HTTP requests being served now; above db_pool_size, requests are likely waiting for a connection',
    registers: [this.registry],
  });

  private readonly consentChecks = new Counter({
    name: `${PREFIX}consent_checks_total`,
    help: 'Disclosure decisions that needed a subject\'s consent (sharing under a consent-based purpose), by whether a live consent covered the record',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly accessLogWrite = new Histogram({
    name: `${PREFIX}access_log_write_duration_seconds`,
    help: 'Time to append one request\'s access-log entries (one statement, chained in the database), by outcome',
    labelNames: ['outcome'] as const,
    buckets: WRITE_BUCKETS,
    registers: [this.registry],
  });

  private readonly accessLogEntries = new Histogram({
    name: `${PREFIX}access_log_entries_per_request`,
    help: 'Access-log entries buffered by one request and written before its response leaves',
    buckets: ENTRY_BUCKETS,
    registers: [this.registry],
  });

  private readonly accessLogPending = new Gauge({
    name: `${PREFIX}access_log_entries_pending`,
    help: 'Access-log entries being written now (buffered by requests whose response waits for the write)',
    registers: [this.registry],
  });

  private readonly pdfRender = new Histogram({
    name: `${PREFIX}report_pdf_render_duration_seconds`,
    help: 'Time to render one report PDF on the thread that rendered it, by thread: worker (REPORT_PDF_WORKERS > 0) or main',
    labelNames: ['thread'] as const,
    buckets: PDF_BUCKETS,
    registers: [this.registry],
  });

  private readonly pdfWait = new Histogram({
    name: `${PREFIX}report_pdf_queue_wait_seconds`,
    help: 'Time a report PDF spent beside its render on a worker thread: queued for a thread, and passed between threads',
    buckets: PDF_BUCKETS,
    registers: [this.registry],
  });

  private readonly pdfRejections = new Counter({
    name: `${PREFIX}report_pdf_rejections_total`,
    help: 'Report PDFs refused with HTTP 503 SERVER_BUSY because every worker thread was busy and the queue full',
    registers: [this.registry],
  });

  private readonly pdfFailures = new Counter({
    name: `${PREFIX}report_pdf_failures_total`,
    help: 'Report PDFs that failed to render (an error in the renderer, or its worker thread crashed): HTTP 500',
    registers: [this.registry],
  });

  constructor(opts: MetricsOptions) {
    new Gauge({
      name: `${PREFIX}db_pool_size`,
      help: 'Database connections this instance may open (DATABASE_POOL_SIZE; 1 for embedded PGlite, which runs one query at a time)',
      labelNames: ['database'] as const,
      registers: [this.registry],
    }).set({ database: opts.database.kind }, opts.database.kind === 'pglite' ? 1 : opts.poolSize);
    if (opts.database.kind === 'postgres') this.registerBackendGauge(opts.database.db);
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  requestStarted(): void {
    this.inFlight.inc();
  }

  /** Records a finished request; GraphQL requests also by operation, outcome and denial. */
  requestFinished(route: string, method: string, status: number, o: RequestObservation): void {
    this.inFlight.dec();
    const seconds = Number(process.hrtime.bigint() - o.started) / 1e9;
    this.httpRequests.inc({ route: KNOWN_ROUTES.has(route) ? route : 'other', method: method === 'GET' || method === 'POST' ? method : 'other', status: String(status) });
    if (!o.graphql) return;
    const outcome = status === ABORTED ? 'aborted' : status >= 500 ? 'failed' : status >= 400 ? 'refused' : o.errorCodes.size ? 'errors' : 'ok';
    this.graphqlRequests.inc({ operation: o.operation, type: o.operationType, outcome });
    this.graphqlDuration.observe({ operation: o.operation }, seconds);
    for (const code of o.errorCodes) this.graphqlErrors.inc({ code: CODE.test(code) ? code : 'OTHER' });
    for (const d of o.denials.values()) this.denials.inc({ code: d.code, reason: d.reason });
    if (o.statements !== undefined) this.statements.observe(o.statements);
  }

  consentChecked(granted: boolean): void {
    this.consentChecks.inc({ result: granted ? 'granted' : 'refused' });
  }

  /** The PDF renderer's threads and renders in flight, read at scrape time (src/report/report-pdf-pool.ts). */
  watchPdfRenderer(renderer: { threads(): number; pending(): number }): void {
    const gauges: Array<[name: string, help: string, read: () => number]> = [
      ['report_pdf_worker_threads', 'PDF worker threads running (REPORT_PDF_WORKERS once the first PDF has started them; a crashed thread is replaced)', () => renderer.threads()],
      ['report_pdf_renders_pending', 'Report PDFs rendering on a worker thread or queued for one; at REPORT_PDF_WORKERS + REPORT_PDF_QUEUE more are refused', () => renderer.pending()],
    ];
    for (const [name, help, read] of gauges) {
      new Gauge({ name: `${PREFIX}${name}`, help, registers: [this.registry], collect() { this.set(read()); } });
    }
  }

  pdfRendered(thread: PdfRenderThread, renderSeconds: number, waitSeconds: number): void {
    this.pdfRender.observe({ thread }, renderSeconds);
    if (thread === 'worker') this.pdfWait.observe(waitSeconds);
  }

  pdfRejected(): void {
    this.pdfRejections.inc();
  }

  pdfFailed(): void {
    this.pdfFailures.inc();
  }

  /** Wraps one access-log write: pending entries while it runs, then its latency and size. */
  async timeAccessLogWrite<T>(entries: number, write: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    this.accessLogPending.inc(entries);
    this.accessLogEntries.observe(entries);
    let outcome = 'failed';
    try {
      const result = await write();
      outcome = 'ok';
      return result;
    } finally {
      this.accessLogPending.dec(entries);
      this.accessLogWrite.observe({ outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /**
   * PostgreSQL only: backends connected to this database, by state, as the server reports
   * them at scrape time. postgres.js does not expose its queue, so this is the truthful view
   * of connections — but it counts every client of the database (all instances, psql), not
   * this instance's pool alone.
   */
  private registerBackendGauge(db: MetricsOptions['database']['db']): void {
    new Gauge({
      name: `${PREFIX}db_backends`,
      help: 'PostgreSQL backends connected to this database by state (pg_stat_activity at scrape time; every client of the database, not only this instance)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await db.execute<{ state: string | null; n: number }>(sql`
          SELECT coalesce(state, 'unknown') AS state, count(*)::int AS n
          FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1`);
        for (const r of rows as unknown as Array<{ state: string; n: number }>) this.set({ state: r.state }, Number(r.n));
      },
    });
  }
}

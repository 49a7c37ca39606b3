/**
 * Report PDFs rendered on worker threads (src/report/report-pdf-pool.ts), through the real
 * server: the same PDF as the main thread renders, shown to come from a worker thread (the
 * thread id the renderer reports, as metrics count it), a full queue answered with 503
 * SERVER_BUSY and Retry-After, a thread that dies mid-render answered with a 500 page and
 * replaced (checked in a plain Node process, see the fixture), a worker module that cannot load failing requests instead of hanging them,
 * REPORT_PDF_WORKERS=0 rendering on the main thread, and close() stopping every thread.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import type { ReportPdfConfig } from '../../src/config';
import { buildReportView } from '../../src/report/report-model';
import { renderReportPdf } from '../../src/report/report-pdf';
import { createReportPdfRenderer, type PdfRenderObserver, type PdfRenderThread } from '../../src/report/report-pdf-pool';
import { REPORT_DOCUMENT, type CreditReportData } from '../../src/report/report-query';
import { createServer, type AppServer } from '../../src/server';
import { pdfText } from '../support/pdf-text';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, TEST_KEYS, type TestServer } from '../support/server';

const run = promisify(execFile);
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'report-pdf');
const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const PARTNER = () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');

/** Default settings (REPORT_PDF_WORKERS=1, REPORT_PDF_QUEUE=16), as `npm start` runs. */
let server: TestServer;
/** The company whose report is rendered: a penalty and a licence to print. */
let STEEL_USCC = '';
beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  const company = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  STEEL_USCC = company.uscc!;
  await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2025-06-10' });
  await build.licence(company, { by: 'SAMR_320106', decisionDate: '2025-01-10' });
}, 120_000);
afterAll(() => server?.close());

interface Sibling {
  app: AppServer;
  base: string;
}

/** Another server on the same database, with its own PDF settings and, optionally, worker module. */
async function sibling(reportPdf: ReportPdfConfig, reportPdfWorkerFile?: string): Promise<Sibling> {
  const app = await createServer({
    config: { env: 'test', keys: TEST_KEYS, reportPdf },
    database: server.database,
    catalog: server.catalog,
    logger: silent,
    processMetrics: false,
    reportPdfWorkerFile: reportPdfWorkerFile && path.join(FIXTURES, reportPdfWorkerFile),
  });
  return { app, base: (await app.listen(0, '127.0.0.1')).replace(/\/graphql$/, '') };
}

async function download(base: string, code?: string, headers: Record<string, string> = {}) {
  code ??= STEEL_USCC;
  const res = await fetch(`${base}/report/${code}.pdf`, { headers });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** One sample of the app's metrics (0 when the series does not exist yet). */
async function sample(app: AppServer, series: string): Promise<number> {
  const line = (await app.metrics.registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const rendered = (thread: PdfRenderThread) => `credit_api_report_pdf_render_duration_seconds_count{thread="${thread}"}`;
const THREADS = 'credit_api_report_pdf_worker_threads';

function recordingObserver() {
  const seen = { threads: [] as PdfRenderThread[], rejected: 0, failed: 0 };
  const observer: PdfRenderObserver = {
    pdfRendered: (thread) => void seen.threads.push(thread),
    pdfRejected: () => void seen.rejected++,
    pdfFailed: () => void seen.failed++,
  };
  return { seen, observer };
}

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('the PDF renderer', () => {
  it('renders on a worker thread exactly what the main thread renders', async () => {
    const { body } = await server.gql(REPORT_DOCUMENT, { code: STEEL_USCC });
    const view = buildReportView(body.data!.creditReport as CreditReportData, body.errors as never);
    const { seen, observer } = recordingObserver();
    const renderer = createReportPdfRenderer({ workers: 1, queue: 2, observer, logger: silent });
    expect(renderer.threads()).toBe(0); // started by the first PDF, not before
    try {
      const viaWorker = await renderer.render(view);
      const onMain = await renderReportPdf(view);
      expect(seen.threads).toEqual(['worker']);
      expect(renderer.threads()).toBe(1);
      expect(viaWorker.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfText(viaWorker)).toBe(pdfText(onMain));
      expect(pageCount(viaWorker)).toBe(pageCount(onMain));
      expect(pdfText(viaWorker)).toContain(view.reportNumber);
      expect(renderer.pending()).toBe(0);
    } finally {
      await renderer.close();
    }
    expect(renderer.threads()).toBe(0);
    await expect(renderer.render(view)).rejects.toThrow('the PDF renderer is closed');
  });
});

describe('GET /report/<code>.pdf with worker threads', () => {
  it('is rendered on a worker thread, never on the main thread, under the default settings', async () => {
    const before = await sample(server.app, rendered('worker'));
    const { res, body } = await download(server.url.replace(/\/graphql$/, ''));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(pdfText(body)).toContain(res.headers.get('x-report-number')!);
    expect(await sample(server.app, rendered('worker'))).toBe(before + 1);
    expect(await sample(server.app, rendered('main'))).toBe(0);
    expect(await sample(server.app, THREADS)).toBe(1);
  });

  it('answers 503 SERVER_BUSY with Retry-After once the threads are busy and the queue is full', async () => {
    // One thread, one place in the queue, every render held for 3 s: of four at once, two are refused.
    const s = await sibling({ workers: 1, queue: 1 }, 'stalling-worker.js');
    try {
      const results = await Promise.all([1, 2, 3, 4].map(() => download(s.base)));
      expect(results.map((r) => r.res.status).sort()).toEqual([200, 200, 503, 503]);
      for (const { res, body } of results.filter((r) => r.res.status === 503)) {
        expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('x-report-number')).toBeNull();
        const page = body.toString('utf8');
        expect(page).toContain('503 服务暂不可用');
        expect(page).toContain('SERVER_BUSY');
      }
      expect(await sample(s.app, 'credit_api_report_pdf_rejections_total')).toBe(2);
      expect(await sample(s.app, 'credit_api_report_pdf_renders_pending')).toBe(0);
      // The bound is on what waits now, not a budget: once drained, downloads go through again.
      expect((await download(s.base)).res.status).toBe(200);
    } finally {
      await s.app.close();
    }
  });

  it('answers a thread that dies mid-render with a clear 500 page', async () => {
    const s = await sibling({ workers: 1, queue: 4 }, 'crashing-worker.js');
    try {
      const crashed = await download(s.base, STEEL_USCC, await PARTNER()); // the full edition kills the thread
      expect(crashed.res.status).toBe(500);
      expect(crashed.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(crashed.res.headers.get('x-report-number')).toBeNull();
      const page = crashed.body.toString('utf8');
      expect(page).toContain('500 服务器内部错误');
      expect(page).toContain('INTERNAL_SERVER_ERROR');
      expect(page).toContain('the PDF could not be rendered');
      expect(page).toContain(crashed.res.headers.get('x-request-id')!);
      expect(await sample(s.app, 'credit_api_report_pdf_failures_total')).toBe(1);
    } finally {
      await s.app.close();
    }
  });

  it('serves the next PDF on the thread that replaces a crashed one (in a plain Node process)', async () => {
    // See the fixture: inside jest's sandbox piscina never puts a replacement thread to work.
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', path.join(FIXTURES, 'crash-recovery.ts')], {
      cwd: path.join(__dirname, '..', '..'), timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({ crashed: 'worker exited with code: 70', failures: 1, nextPdf: '%PDF-', threads: 1, threadsAfterClose: 0 });
  });

  it('fails the requests, rather than leaving them waiting, when the worker module cannot load', async () => {
    const s = await sibling({ workers: 1, queue: 4 }, 'broken-worker.js');
    try {
      for (let i = 0; i < 2; i++) {
        const { res, body } = await download(s.base);
        expect(res.status).toBe(500);
        expect(body.toString('utf8')).toContain('INTERNAL_SERVER_ERROR');
      }
      expect(await sample(s.app, 'credit_api_report_pdf_failures_total')).toBe(2);
    } finally {
      await s.app.close();
    }
  });

  it('renders on the main thread with REPORT_PDF_WORKERS=0, starting no thread', async () => {
    const s = await sibling({ workers: 0, queue: 16 });
    try {
      const { res, body } = await download(s.base);
      expect(res.status).toBe(200);
      expect(pdfText(body)).toContain('南京钢铁联合有限公司');
      expect(await sample(s.app, rendered('main'))).toBe(1);
      expect(await sample(s.app, rendered('worker'))).toBe(0);
      expect(await sample(s.app, THREADS)).toBe(0);
    } finally {
      await s.app.close();
    }
  });

  it('stops its worker threads when the server closes', async () => {
    const s = await sibling({ workers: 2, queue: 4 });
    let closed = false;
    try {
      expect(await sample(s.app, THREADS)).toBe(0);
      const both = await Promise.all([download(s.base), download(s.base)]);
      expect(both.map((r) => r.res.status)).toEqual([200, 200]);
      expect(await sample(s.app, THREADS)).toBe(2);
      await s.app.close();
      closed = true;
      expect(await sample(s.app, THREADS)).toBe(0);
    } finally {
      if (!closed) await s.app.close();
    }
  });
});

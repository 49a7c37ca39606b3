/**
 * Report PDFs rendered off the main thread. Laying out a report's CJK text is 60–100 ms of CPU;
 * on the main thread every other request (public lookups, partner calls) waited that long, and
 * a burst of downloads stalled the whole API. Here a piscina pool of REPORT_PDF_WORKERS threads
 * renders them, each thread parsing the fonts once, and the bytes come back by transfer.
 *
 * The pool starts with the first PDF (a server that never sends one never starts a thread) and
 * is destroyed by server.close(). At most REPORT_PDF_QUEUE reports wait for a thread; one more is
 * refused with ServerBusyError (HTTP 503 SERVER_BUSY) instead of queueing without bound: a
 * queued report holds its response, and a long queue only makes every download late.
 * REPORT_PDF_WORKERS=0 renders on the main thread, as before, for constrained environments.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Piscina from 'piscina';
import type { ReportPdfConfig } from '../config';
import type { Logger } from '../logger';
import type { RenderedPdf } from './report-pdf-task';
import type { ReportView } from './report-view';

export type PdfRenderThread = 'worker' | 'main';

/** What the renderer reports to metrics (ServerMetrics implements it). */
export interface PdfRenderObserver {
  pdfRendered(thread: PdfRenderThread, renderSeconds: number, waitSeconds: number): void;
  pdfRejected(): void;
  pdfFailed(): void;
}

/** Every thread busy and the queue full: the client should come back after `retryAfterSeconds`. */
export class ServerBusyError extends Error {
  constructor(readonly retryAfterSeconds: number, waiting: number) {
    super(`every PDF renderer is busy and ${waiting} reports are waiting for one; retry in ${retryAfterSeconds} s`);
    this.name = 'ServerBusyError';
  }
}

export interface ReportPdfRenderer {
  /** The refusal a PDF asked for now would get (counted as a rejection), or undefined when there is room. */
  refusal(): ServerBusyError | undefined;
  /** Renders a report; rejects with ServerBusyError when full, with the cause when rendering fails. */
  render(view: ReportView): Promise<Buffer>;
  /** Worker threads running now: 0 before the first PDF, with REPORT_PDF_WORKERS=0, and after close(). */
  threads(): number;
  /** PDFs rendering on a worker thread or queued for one now. */
  pending(): number;
  /** Stops the threads; renders still running or queued fail. */
  close(): Promise<void>;
}

export interface ReportPdfRendererOptions extends ReportPdfConfig {
  observer?: PdfRenderObserver;
  logger: Logger;
  /** The module the threads load (exporting `renderPdf`); tests substitute one that crashes or stalls. */
  workerFile?: string;
}

/**
 * Run from TypeScript sources (npm start, jest), a thread needs the .js entry that can compile
 * the task; a compiled build has report-pdf-task.js beside this file and loads it directly.
 */
export const PDF_WORKER_FILE = __filename.endsWith('.ts') ? join(__dirname, 'report-pdf-worker.js') : join(__dirname, 'report-pdf-task.js');

/** A first guess at a render's duration, for Retry-After before any has been measured. */
const INITIAL_RENDER_SECONDS = 0.1;

export function createReportPdfRenderer(opts: ReportPdfRendererOptions): ReportPdfRenderer {
  return opts.workers > 0 ? new PooledRenderer(opts) : new MainThreadRenderer(opts.observer);
}

class PooledRenderer implements ReportPdfRenderer {
  private pool: Piscina | undefined;
  /** Renders submitted and not yet settled: running on a thread or queued for one. */
  private inFlight = 0;
  private closed = false;
  private meanSeconds = INITIAL_RENDER_SECONDS;

  constructor(private readonly opts: ReportPdfRendererOptions) {}

  refusal(): ServerBusyError | undefined {
    // Counted here rather than through piscina's maxQueue, whose capacity shifts while threads start.
    if (this.inFlight < this.opts.workers + this.opts.queue) return undefined;
    this.opts.observer?.pdfRejected();
    const retryAfter = Math.max(1, Math.ceil((this.inFlight * this.meanSeconds) / this.opts.workers));
    return new ServerBusyError(retryAfter, this.inFlight - this.opts.workers);
  }

  async render(view: ReportView): Promise<Buffer> {
    if (this.closed) throw new Error('the PDF renderer is closed: the server is shutting down');
    const busy = this.refusal();
    if (busy) throw busy;
    const pool = (this.pool ??= this.start());
    const observer = this.opts.observer;
    const submitted = performance.now();
    this.inFlight++;
    try {
      const r = (await pool.run(view)) as RenderedPdf;
      this.meanSeconds = 0.8 * this.meanSeconds + 0.2 * r.seconds;
      const waited = Math.max(0, (performance.now() - submitted) / 1000 - r.seconds);
      observer?.pdfRendered(r.threadId === 0 ? 'main' : 'worker', r.seconds, waited);
      this.opts.logger.debug({ threadId: r.threadId, renderMs: Math.round(r.seconds * 1000), waitMs: Math.round(waited * 1000) }, 'report PDF rendered');
      return Buffer.from(r.pdf);
    } catch (err) {
      observer?.pdfFailed();
      throw err;
    } finally {
      this.inFlight--;
    }
  }

  threads(): number {
    return this.pool?.threads.length ?? 0;
  }

  pending(): number {
    return this.inFlight;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private start(): Piscina {
    const { workers, logger } = this.opts;
    const pool = new Piscina({
      filename: this.opts.workerFile ?? PDF_WORKER_FILE,
      name: 'renderPdf',
      // Every thread holds the parsed fonts: started once, kept for the server's life.
      minThreads: workers,
      maxThreads: workers,
    });
    // A crash during a render fails that render, and piscina replaces the thread. A crash with
    // no render running lands here; without a listener it would be thrown on the main thread.
    pool.on('error', (err: unknown) => {
      logger.error({ err }, 'PDF worker thread failed');
      // A thread that fails while starting is not replaced: with none left, queued renders would
      // wait for ever. They fail instead, and the next PDF starts a new pool.
      if (this.pool === pool && pool.threads.length === 0) {
        this.pool = undefined;
        void pool.destroy();
      }
    });
    logger.info({ workers, queue: this.opts.queue }, 'PDF worker pool started');
    return pool;
  }
}

/** REPORT_PDF_WORKERS=0: the main thread renders, blocking the event loop meanwhile. */
class MainThreadRenderer implements ReportPdfRenderer {
  constructor(private readonly observer: PdfRenderObserver | undefined) {}

  refusal(): undefined {
    return undefined;
  }

  async render(view: ReportView): Promise<Buffer> {
    // Loaded on first use: with worker threads the main thread never needs pdfkit or the fonts.
    const { renderReportPdf } = require('./report-pdf') as typeof import('./report-pdf');
    const started = performance.now();
    try {
      const pdf = await renderReportPdf(view);
      this.observer?.pdfRendered('main', (performance.now() - started) / 1000, 0);
      return pdf;
    } catch (err) {
      this.observer?.pdfFailed();
      throw err;
    }
  }

  threads(): number {
    return 0;
  }

  pending(): number {
    return 0;
  }

  async close(): Promise<void> {}
}

/**
 * What a PDF worker thread runs (report-pdf-pool.ts): one report view in, its PDF out. The
 * fonts are parsed while the thread loads this module, before it reports ready, so no request
 * pays for parsing 16 MB of CJK fonts. The bytes go back by transfer, not by copy.
 */
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { reportFonts } from './report-fonts';
import { renderReportPdf } from './report-pdf';
import type { ReportView } from './report-view';

export interface RenderedPdf {
  pdf: ArrayBuffer;
  /** The thread that rendered it (0 would be the main thread): how tests and metrics know it ran off the main thread. */
  threadId: number;
  /** Seconds spent rendering on that thread, queueing excluded. */
  seconds: number;
}

reportFonts();

/** An ArrayBuffer holding exactly the PDF: Buffer.concat gives one of its own for anything larger than a few KB. */
function ownBuffer(pdf: Buffer): ArrayBuffer {
  const whole = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
  return (whole ? pdf.buffer : pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength)) as ArrayBuffer;
}

/** The piscina task (named `renderPdf` in the pool's options). */
export async function renderPdf(view: ReportView): Promise<ReturnType<typeof move>> {
  const started = performance.now();
  const pdf = ownBuffer(await renderReportPdf(view));
  const result: RenderedPdf = { pdf, threadId, seconds: (performance.now() - started) / 1000 };
  // A transferable of piscina's own shape: the object is posted, its ArrayBuffer moved with it.
  return move({ [transferableSymbol]: pdf, [valueSymbol]: result });
}

/**
 * One import run over a file: rows read as a stream, cut into batches, each batch checked and
 * written by the ImportService (one transaction per batch), rejected rows appended to the
 * report, totals counted. While one batch is being written the next one is read and checked,
 * so the database and this process work at the same time. A batch whose transaction fails
 * stops the run: the batches before it are written in full, nothing of it is, and re-running
 * the same file carries on where it stopped (rows already written come back UNCHANGED).
 */
import { stat } from 'node:fs/promises';
import { detectKind, IMPORT_KINDS, type ImportKind } from './header-table';
import { detectRegisterKind, lookupRegisterHeader, REGISTER_KINDS, type RegisterKind } from './register-columns';
import type { RegisterBatchOptions } from './register-import';
import type { ImportService } from './import-service';
import type { BatchOptions } from './record-import';
import { RejectReport } from './reject-report';
import type { RowOutcome } from './row-outcome';
import { unknownHeaders } from './row-mapping';
import { openRowSource, type RawRow, type SourceFormat } from './row-source';
import type { ProgressSnapshot } from './progress';

export interface RunOptions extends Omit<BatchOptions, 'kind'> {
  readonly file: string;
  readonly format: SourceFormat;
  /** Undefined: detected from a CSV file's headers. */
  readonly kind?: ImportKind | RegisterKind;
  readonly batchSize: number;
  /** Batches written at once (separate transactions); 1: strictly in order. */
  readonly parallel?: number;
  readonly reportPath: string;
  readonly onProgress?: (p: ProgressSnapshot) => void;
}

export interface RunTotals {
  readonly kind: ImportKind | RegisterKind;
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  /** Rejections by error code, for the summary. */
  readonly rejectedBy: Record<string, number>;
  seconds: number;
  /** Rows written or unchanged whose 失信严重程度 was derived from the regime's criteria, by severity. */
  readonly derivedSeverity: Record<string, number>;
  /** Rows that registered their subject (registerSubjects): file lines, and the count. */
  readonly registeredRows: number[];
  /** Set when a batch failed and the run stopped: which rows were rolled back, and why. */
  failure?: { fromRow: number; toRow: number; message: string };
}

/** The run cannot start: unknown columns, undecidable kind, unreadable file. */
export class ImportRefused extends Error {}

export async function runImport(service: ImportService, opts: RunOptions): Promise<RunTotals> {
  const started = Date.now();
  const totalBytes = (await stat(opts.file)).size;
  const source = await openRowSource(opts.file, opts.format);
  const kind = opts.kind ?? detectKind(source.headers) ?? detectRegisterKind(source.headers);
  if (!kind && opts.format === 'csv') {
    // Name the columns that stop detection: those unknown to the kind they fit best.
    const unknownBy = IMPORT_KINDS.map((k) => unknownHeaders(k, source.headers)).sort((a, b) => a.length - b.length);
    if (unknownBy[0]!.length) {
      throw new ImportRefused(`${opts.file}: column(s) ${unknownBy[0]!.join(', ')} are not columns of the 双公示 standard this import reads (README, Bulk import, lists them); rename or remove them`);
    }
  }
  if (!kind) {
    throw new ImportRefused(opts.format === 'csv'
      ? `cannot tell from the headers whether ${opts.file} holds penalties, licences, list notices or a register; give --kind penalty|licence|list|subject|agency`
      : 'give --kind penalty|licence|list|subject|agency for a JSON Lines file');
  }
  const register = (REGISTER_KINDS as readonly string[]).includes(kind) ? (kind as RegisterKind) : undefined;
  if (opts.registerSubjects && (register || kind === 'list')) {
    throw new ImportRefused(`--register-subjects registers the respondents of penalty and licence rows; ${opts.file} holds ${kind} rows`);
  }
  const unknown = register ? source.headers.filter((h) => h !== '' && !lookupRegisterHeader(register, h)) : unknownHeaders(kind as ImportKind, source.headers);
  if (unknown.length) {
    throw new ImportRefused(`${opts.file}: column(s) ${unknown.join(', ')} are not ${kind} columns this import reads (README, Bulk import, lists them); rename or remove them`);
  }
  const totals: RunTotals = { kind, read: 0, written: 0, unchanged: 0, rejected: 0, rejectedBy: {}, seconds: 0, derivedSeverity: {}, registeredRows: [] };
  const report = new RejectReport(opts.reportPath);
  const batchOptions: BatchOptions | RegisterBatchOptions = register
    ? { kind: register, now: opts.now, dryRun: opts.dryRun }
    : {
        kind: kind as ImportKind, recorder: opts.recorder, itemCode: opts.itemCode, severity: opts.severity, now: opts.now, dryRun: opts.dryRun,
        official: opts.official, registerSubjects: opts.registerSubjects,
      };
  const count = async (outcomes: readonly RowOutcome[]) => {
    for (const o of outcomes) {
      if (o.derivedSeverity) totals.derivedSeverity[o.derivedSeverity.severity] = (totals.derivedSeverity[o.derivedSeverity.severity] ?? 0) + 1;
      if (o.registeredSubject) totals.registeredRows.push(o.row);
      if (o.status === 'WRITTEN') totals.written += 1;
      else if (o.status === 'UNCHANGED') totals.unchanged += 1;
      else {
        totals.rejected += 1;
        totals.rejectedBy[o.code ?? 'UNKNOWN'] = (totals.rejectedBy[o.code ?? 'UNKNOWN'] ?? 0) + 1;
      }
    }
    await report.add(outcomes);
    opts.onProgress?.({ rows: totals.written + totals.unchanged + totals.rejected, bytes: source.bytesRead(), totalBytes });
  };
  // Batches are read and checked while earlier ones are written. With `parallel` 1 they commit
  // strictly in order and none after a failed one; with more, up to that many transactions run
  // at once on separate connections (PostgreSQL uses a core per backend), so a batch started
  // before another failed may still commit — each batch is whole or absent either way.
  const writing = new Set<Promise<void>>();
  const submit = async (batch: RawRow[]) => {
    const pending = service.check(batch, batchOptions);
    pending.catch(() => {}); // observed below
    while (writing.size >= Math.max(1, opts.parallel ?? 1)) await Promise.race(writing);
    if (totals.failure) return;
    const work: Promise<void> = pending.then((p) => p.commit()).then(count, (err: unknown) => {
      totals.failure ??= { fromRow: batch[0]!.row, toRow: batch[batch.length - 1]!.row, message: failureMessage(err) };
    }).finally(() => { writing.delete(work); });
    writing.add(work);
  };
  try {
    let batch: RawRow[] = [];
    for await (const raw of source.rows) {
      totals.read += 1;
      batch.push(raw);
      if (batch.length >= opts.batchSize) {
        await submit(batch);
        batch = [];
        if (totals.failure) break;
      }
    }
    if (batch.length && !totals.failure) await submit(batch);
    await Promise.all(writing);
  } finally {
    await report.close();
  }
  totals.seconds = (Date.now() - started) / 1000;
  return totals;
}

/** The database's own words: drizzle wraps them in "Failed query: <statement> params: <the batch>". */
function failureMessage(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

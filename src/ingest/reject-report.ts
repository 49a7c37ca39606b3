/**
 * The rejected rows of a run, as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese):
 * 行号 (the line in the input file), 字段 (the column as the file named it), 错误代码 (stable code
 * of src/errors/error-codes.ts), 原因 (Chinese), 说明 (the validator's message).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RowOutcome } from './row-outcome';

export const REPORT_HEADER = ['行号', '字段', '错误代码', '原因', '说明'] as const;

const cell = (value: string | number | undefined) => {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One report line (without the newline). */
export function reportLine(o: RowOutcome): string {
  return [o.row, o.field, o.code, o.reason, o.detail].map(cell).join(',');
}

/** The report next to the input: penalties.csv → penalties.rejected.csv. */
export function defaultReportPath(input: string): string {
  return input.replace(/(\.[^./\\]+)?$/, '.rejected.csv');
}

export class RejectReport {
  private readonly out: WriteStream;
  rows = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.write(`\uFEFF${REPORT_HEADER.join(',')}\n`);
  }

  async add(outcomes: readonly RowOutcome[]): Promise<void> {
    const lines = outcomes.filter((o) => o.status === 'REJECTED').map((o) => `${reportLine(o)}\n`);
    this.rows += lines.length;
    if (lines.length && !this.out.write(lines.join(''))) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

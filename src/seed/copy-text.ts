/**
 * Rows in PostgreSQL's COPY text format: tab-separated cells, \N for null, one line per row.
 * A table's formatter is built once from its columns, so the per-row work is a loop over
 * cells with no column-type lookups — at ten million rows this is a large share of Node's time.
 */
import { getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

export type CopyColumn = readonly [key: string, column: PgColumn];

/** Formats rows of one table for `COPY table (columns) FROM STDIN`. */
export interface CopyFormatter {
  /** The database names of the columns, in the order of each line's cells. */
  readonly columnNames: readonly string[];
  /** Appends the lines of `rows` to `out` as UTF-8, in pieces of about `pieceChars` characters. */
  format(rows: ReadonlyArray<Record<string, unknown>>, out: Buffer[], pieceChars: number): void;
}

/** Columns of `table` that `sample` gives (undefined means "not given": COPY applies the default). */
export function copyColumns(table: PgTable, sample: Record<string, unknown>): CopyColumn[] {
  return (Object.entries(getTableColumns(table)) as CopyColumn[]).filter(([key]) => sample[key] !== undefined);
}

export function copyFormatter(columns: readonly CopyColumn[]): CopyFormatter {
  const keys = columns.map(([key]) => key);
  const json = columns.map(([, c]) => c.columnType === 'PgJsonb' || c.columnType === 'PgJson');
  const names = columns.map(([, c]) => c.name);
  const cells: string[] = new Array(keys.length);
  const line = (row: Record<string, unknown>): string => {
    for (let i = 0; i < keys.length; i++) {
      const value = row[keys[i]!];
      // Rows of one COPY give the same columns: COPY cannot fall back to a default row by row.
      if (value === undefined) throw new Error(`bulk row for ${names[i]} is missing (give null or a value)`);
      cells[i] = json[i] ? jsonCell(value) : cell(value);
    }
    return cells.join('\t');
  };
  return {
    columnNames: names,
    format(rows, out, pieceChars) {
      // Lines are joined into flat strings and encoded at once: UTF-8 pieces are compact, and
      // encoding here (while the previous chunk streams) keeps it off the socket-writing path.
      let lines: string[] = [];
      let chars = 0;
      for (const row of rows) {
        const text = line(row);
        lines.push(text);
        chars += text.length + 1;
        if (chars >= pieceChars) {
          out.push(piece(lines));
          lines = [];
          chars = 0;
        }
      }
      if (lines.length) out.push(piece(lines));
    },
  };
}

/** Lines as one newline-terminated UTF-8 buffer (the empty last element gives the final newline). */
function piece(lines: string[]): Buffer {
  lines.push('');
  return Buffer.from(lines.join('\n'));
}

/** One row in COPY text format, newline-terminated. */
export function copyLine(columns: readonly CopyColumn[], row: Record<string, unknown>): string {
  const out: Buffer[] = [];
  copyFormatter(columns).format([row], out, Infinity);
  return Buffer.concat(out).toString();
}

function jsonCell(value: unknown): string {
  return value === null ? '\\N' : escapeCopy(JSON.stringify(value));
}

function cell(value: unknown): string {
  switch (typeof value) {
    case 'string': return escapeCopy(value);
    // Numbers and bigints print without characters COPY would need escaped.
    case 'number': case 'bigint': return String(value);
    case 'boolean': return value ? 't' : 'f';
    default:
      if (value === null) return '\\N';
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return escapeCopy(arrayLiteral(value));
      return escapeCopy(String(value));
  }
}

/** A PostgreSQL array literal: every element quoted, quotes and backslashes escaped. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY text escaping: backslash, and the characters that delimit columns and rows. */
export function escapeCopy(text: string): string {
  return NEEDS_ESCAPE.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text;
}

/**
 * Writes generated rows fast: COPY FROM STDIN through postgres.js on PostgreSQL, batched
 * multi-row INSERTs through drizzle on PGlite (which has no COPY from a client stream). Rows
 * are drizzle insert objects carrying every column, ids included, so either path writes the
 * same values.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../database';

export interface BulkWriter {
  write<T extends PgTable>(table: T, rows: ReadonlyArray<T['$inferInsert']>): Promise<void>;
}

const INSERT_BATCH = 1000;
/** Rows per string handed to the COPY stream: fewer, larger writes. */
const COPY_LINES_PER_CHUNK = 2000;
/**
 * Large batches go through this many COPY streams on separate connections at once: per-row
 * triggers and foreign-key checks make one backend CPU-bound, and a second one uses another core.
 */
const COPY_STREAMS = 2;
const PARALLEL_FROM_ROWS = 20_000;

export function createBulkWriter(database: Database): BulkWriter {
  const pg = database.pg;
  if (pg) return { write: (table, rows) => copyRows(pg, table, rows) };
  return {
    async write(table, rows) {
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await database.db.insert(table).values(rows.slice(i, i + INSERT_BATCH) as never);
      }
    },
  };
}

type Sql = NonNullable<Database['pg']>;

async function copyRows<T extends PgTable>(pg: Sql, table: T, rows: ReadonlyArray<T['$inferInsert']>): Promise<void> {
  if (rows.length === 0) return;
  // Only the columns the rows give: a column added later (with its default or null) does not
  // break seeding, and COPY applies defaults to the columns it is not given.
  const given = rows[0] as Record<string, unknown>;
  const columns = (Object.entries(getTableColumns(table)) as Array<[string, PgColumn]>).filter(([key]) => given[key] !== undefined);
  const statement = `COPY "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) FROM STDIN`;
  const streams = rows.length >= PARALLEL_FROM_ROWS ? COPY_STREAMS : 1;
  const size = Math.ceil(rows.length / streams);
  await Promise.all(Array.from({ length: streams }, async (_, k) => {
    const part = rows.slice(k * size, (k + 1) * size) as ReadonlyArray<Record<string, unknown>>;
    await pipeline(Readable.from(lines(columns, part)), await pg.unsafe(statement).writable());
  }));
}

function* lines(columns: ReadonlyArray<[string, PgColumn]>, rows: ReadonlyArray<Record<string, unknown>>): Generator<string> {
  let buffer: string[] = [];
  for (const row of rows) {
    buffer.push(copyLine(columns, row));
    if (buffer.length === COPY_LINES_PER_CHUNK) {
      yield buffer.join('');
      buffer = [];
    }
  }
  if (buffer.length) yield buffer.join('');
}

/** One row in COPY text format: tab-separated, \N for null, newline-terminated. */
export function copyLine(columns: ReadonlyArray<[string, PgColumn]>, row: Record<string, unknown>): string {
  const cells = columns.map(([key, column]) => {
    const value = row[key];
    // Rows of one COPY give the same columns: COPY cannot fall back to a default row by row.
    if (value === undefined) throw new Error(`bulk row for ${column.name} is missing (give null or a value)`);
    return copyValue(column, value);
  });
  return `${cells.join('\t')}\n`;
}

export function copyValue(column: PgColumn, value: unknown): string {
  if (value === null) return '\\N';
  if (column.columnType === 'PgJsonb' || column.columnType === 'PgJson') return escapeCopy(JSON.stringify(value));
  if (Array.isArray(value)) return escapeCopy(arrayLiteral(value));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeCopy(String(value));
}

/** A PostgreSQL array literal: every element quoted, quotes and backslashes escaped. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

/** COPY text escaping: backslash, and the characters that delimit columns and rows. */
export function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text;
}

/** Moves every identity sequence past the largest explicit id, so later inserts do not collide. */
export async function resetSequences(database: Database, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await database.db.execute(sql.raw(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`,
    ));
  }
}

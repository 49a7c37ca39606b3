/**
 * Writes generated chunks: COPY FROM STDIN on PostgreSQL, batched multi-row INSERTs through
 * drizzle on PGlite (which has no COPY from a client stream). Rows are drizzle insert objects
 * carrying every column, ids included, so either path writes the same values.
 *
 * A chunk is prepared as soon as it is generated — on PostgreSQL, turned into COPY text — so
 * its row objects die young (cheap to collect) while the previous chunk is still being written.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/database';
import {
  consents, creditRecords, legalDocuments, objections, repairApplications, seriousListEntries, subjects,
} from '../db/schema';
import type { BulkCopy } from './bulk-load';
import type { ChunkRows } from './context';
import { copyColumns, copyFormatter } from './copy-text';
import { NUMBERED_AT_COPY, type NumberedTable } from './record-numbering';

/** A chunk ready to be written; `counts` are its rows per table. */
export interface PreparedChunk {
  readonly counts: Readonly<Record<string, number>>;
  write(): Promise<void>;
}

export type ChunkWriter = (rows: ChunkRows) => Promise<PreparedChunk>;

/** The tables of a chunk in write order: every foreign key points at a table written earlier. */
export const CHUNK_TABLES: ReadonlyArray<readonly [name: string, table: PgTable, field: keyof ChunkRows]> = [
  ['subjects', subjects, 'subjects'], ['legal_documents', legalDocuments, 'legalDocuments'],
  ['credit_records', creditRecords, 'creditRecords'], ['serious_list_entries', seriousListEntries, 'seriousListEntries'],
  ['objections', objections, 'objections'], ['repair_applications', repairApplications, 'repairApplications'],
  ['consents', consents, 'consents'],
];

const INSERT_BATCH = 1000;
/** Characters per string handed to a COPY stream: fewer, larger socket writes. */
const COPY_PIECE_CHARS = 256 * 1024;
/** Rows formatted between two yields to the event loop, which meanwhile feeds PostgreSQL. */
const FORMAT_SLICE = 2000;

const countsOf = (rows: ChunkRows) => Object.fromEntries(CHUNK_TABLES.map(([name, , field]) => [name, rows[field].length]));

/** PGlite: the rows themselves, inserted in batches. */
export function insertWriter(database: Database): ChunkWriter {
  return async (rows) => ({
    counts: countsOf(rows),
    async write() {
      for (const [, table, field] of CHUNK_TABLES) {
        const list = rows[field];
        for (let i = 0; i < list.length; i += INSERT_BATCH) {
          await database.db.insert(table).values(list.slice(i, i + INSERT_BATCH) as never);
        }
      }
    },
  });
}

/** PostgreSQL: COPY text, written through `copy` (the bulk load, or plain COPY on the pool). */
export function copyWriter(copy: BulkCopy): ChunkWriter {
  return async (rows) => {
    const tables: Array<{ name: string; columns: readonly string[]; pieces: Buffer[]; rows: number }> = [];
    for (const [name, table, field] of CHUNK_TABLES) {
      const list = rows[field] as unknown as ReadonlyArray<Record<string, unknown>>;
      if (list.length === 0) continue;
      if (copy.numbering && name in NUMBERED_AT_COPY) copy.numbering.number(name as NumberedTable, list);
      // Only the columns the rows give: a column added later (with its default or null) does
      // not break seeding, and COPY applies defaults to the columns it is not given.
      const formatter = copyFormatter(copyColumns(table, list[0]!));
      const pieces: Buffer[] = [];
      for (let i = 0; i < list.length; i += FORMAT_SLICE) {
        formatter.format(list.slice(i, i + FORMAT_SLICE), pieces, COPY_PIECE_CHARS);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      tables.push({ name, columns: formatter.columnNames, pieces, rows: list.length });
    }
    return {
      counts: countsOf(rows),
      async write() {
        for (const t of tables) await copy.copy(t.name, t.columns, t.pieces, t.rows);
      },
    };
  };
}

/** Plain COPY on the connection pool: every index, constraint and trigger works row by row. */
export function poolCopy(pg: NonNullable<Database['pg']>): BulkCopy {
  return {
    async copy(table, columns, pieces) {
      const statement = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from(pieces), await pg.unsafe(statement).writable());
    },
  };
}

/** Moves every identity sequence past the largest explicit id, so later inserts do not collide. */
export async function resetSequences(database: Database, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await database.db.execute(sql.raw(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`,
    ));
  }
}

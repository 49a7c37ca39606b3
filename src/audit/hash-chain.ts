/**
 * The access log's hash chain, computed independently of the database function that
 * writes it (drizzle/0002_access_log_append.sql), so that verification does not trust the
 * code it checks. Both sides hash the same canonical form; a test proves they agree.
 */
import { createHash } from 'node:crypto';
import type { AccessEntry } from './access-entry';

export const GENESIS = '0'.repeat(64);
const SEP = '\x1f';

/** A row as stored: the entry as the application produced it, plus its position and links. */
export type ChainedRow = Omit<AccessEntry, 'at' | 'decision'> & {
  seq: number;
  at: Date;
  decision: string;
  prevHash: string;
  hash: string;
};

/** UTC ISO-8601 with microseconds, as PostgreSQL's to_char in the append function prints it. */
function canonicalTime(at: Date, micros: number): string {
  return `${at.toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

export function rowHash(prev: string, row: Omit<ChainedRow, 'seq' | 'prevHash' | 'hash'>, micros: number): string {
  const text = [
    prev,
    canonicalTime(row.at, micros),
    row.requestId,
    row.principal,
    row.role,
    row.agencyCode ?? '',
    row.purpose ?? '',
    row.operation,
    row.subjectId === null ? '' : String(row.subjectId),
    row.itemCode ?? '',
    row.fieldPath,
    row.decision,
    row.reason,
  ].join(SEP);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type Broken = { seq: number; problem: string };

/**
 * Checks rows in seq order. `micros` gives each row's sub-second microseconds (JavaScript
 * dates hold only milliseconds, so the reader selects them separately).
 */
export class ChainVerifier {
  private prev = GENESIS;
  checked = 0;

  /** Returns the first problem with this row, or undefined when it links and hashes correctly. */
  check(row: ChainedRow, micros: number): Broken | undefined {
    this.checked += 1;
    if (row.prevHash !== this.prev) {
      return { seq: row.seq, problem: `prev_hash does not match the hash of the row before it (a row was removed, inserted or reordered)` };
    }
    const expected = rowHash(this.prev, row, micros);
    if (row.hash !== expected) {
      return { seq: row.seq, problem: 'hash does not match the row\'s content (the row was altered)' };
    }
    this.prev = row.hash;
    return undefined;
  }
}

/**
 * The access log's chains, computed independently of the database function that writes
 * them (drizzle/0010_access_log_keyed.sql), so that verification does not trust the code it
 * checks. Both sides build the same canonical text; a test proves they agree.
 *
 * Two links per row (version 2, every row written since migration 0010):
 * - `mac`: HMAC-SHA256, under a key the database never sees, of the previous row of the same
 *   writer stream (`writer`, `writer_seq`: one server instance's appends, serialised by it)
 *   and the row's canonical text. Forging a row, or re-linking a stream after removing rows
 *   from it, needs the key.
 * - `hash`: SHA-256 of the previous row's hash (in `seq` order, across every writer), the
 *   canonical text and the MAC. Signed checkpoints commit to it, so whoever holds only the
 *   public key can still check that nothing before a checkpoint changed.
 * Rows written before 0010 (version 1) carry the unkeyed hash only; see legacyRowHash.
 */
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import type { AccessEntry } from './access-entry';

export const GENESIS = '0'.repeat(64);
const SEP = '\x1f';

/** What the writer adds to an entry before it goes to the database. */
export interface Seal {
  writer: string;
  writerSeq: number;
  keyId: string;
  mac: string;
}

export type SealedEntry = AccessEntry & Seal;

/** A row as stored. Version 1 rows have null seal columns. */
export type ChainedRow = Omit<AccessEntry, 'at' | 'decision' | 'clientRequestId'> & {
  seq: number;
  at: Date;
  decision: string;
  clientRequestId: string | null;
  writer: string | null;
  writerSeq: number | null;
  keyId: string | null;
  mac: string | null;
  prevHash: string;
  hash: string;
};

/** UTC ISO-8601 with microseconds, as PostgreSQL's to_char in the append function prints it. */
export function canonicalTime(at: Date, micros: number): string {
  return `${at.toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

type CanonicalFields = Omit<AccessEntry, 'at'> & Omit<Seal, 'mac'>;

/** The row's content, one field after another; `time` from canonicalTime. */
export function canonicalText(time: string, row: CanonicalFields): string {
  return [time, row.requestId, row.clientRequestId ?? '', ...accessFields(row), row.writer, String(row.writerSeq), row.keyId].join(SEP);
}

/** Who read what, how and why: the fields both chain versions cover, in this order. */
function accessFields(row: Omit<AccessEntry, 'at' | 'clientRequestId' | 'requestId' | 'decision'> & { decision: string }): string[] {
  return [
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
  ];
}

export function rowMac(key: KeyObject, writerPrev: string, canonical: string): string {
  return createHmac('sha256', key).update(`${writerPrev}${SEP}${canonical}`, 'utf8').digest('hex');
}

export function rowHash(prev: string, canonical: string, mac: string): string {
  return createHash('sha256').update(`${prev}${SEP}${canonical}${SEP}${mac}`, 'utf8').digest('hex');
}

/** Version 1 (drizzle/0002, 0006): the unkeyed chain of rows written before 0010. */
export function legacyRowHash(prev: string, row: ChainedRow, micros: number): string {
  const text = [prev, canonicalTime(row.at, micros), row.requestId, ...accessFields(row)].join(SEP);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A stored row's canonical text (its seal columns must be present). */
export function storedCanonical(row: ChainedRow, micros: number): string {
  return canonicalText(canonicalTime(row.at, micros), {
    ...row,
    decision: row.decision as AccessEntry['decision'],
    writer: row.writer!,
    writerSeq: row.writerSeq!,
    keyId: row.keyId!,
  });
}

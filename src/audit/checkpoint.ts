/**
 * A checkpoint of the access log: the chain head at one row and how many rows lead to it,
 * signed with ACCESS_LOG_SIGNING_KEY (Ed25519). Once a checkpoint has left the database — the
 * JSON Lines file, the shipped structured log, a subject's receipt — nobody without the
 * signing key can change, remove or re-link any row before it without the checkpoint ceasing
 * to match (src/audit/verify-chain.ts).
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accessLog } from '../db/schema';
import { signingKeyId } from './log-keys';

export interface Checkpoint {
  lastSeq: number;
  /** The chain hash of row lastSeq. */
  head: string;
  /** Rows with seq ≤ lastSeq. */
  rowCount: number;
  /** When it was signed, ISO 8601 UTC. */
  at: string;
  /** sha256 of the signing key's public key, 16 hex (src/audit/log-keys.ts). */
  keyId: string;
  /** Ed25519, base64, over checkpointMessage. */
  signature: string;
}

/** The signed text: fixed field order, so any holder can rebuild it byte for byte. */
export function checkpointMessage(c: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify({ v: 1, lastSeq: c.lastSeq, head: c.head, rowCount: c.rowCount, at: c.at, keyId: c.keyId }), 'utf8');
}

export function signCheckpoint(key: KeyObject, fields: Omit<Checkpoint, 'signature' | 'keyId'>, publicKey: KeyObject): Checkpoint {
  const unsigned = { ...fields, keyId: signingKeyId(publicKey) };
  return { ...unsigned, signature: sign(null, checkpointMessage(unsigned), key).toString('base64') };
}

export function checkpointSignatureValid(publicKey: KeyObject, c: Checkpoint): boolean {
  if (c.keyId !== signingKeyId(publicKey)) return false;
  try {
    return verify(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface LogHead {
  lastSeq: number;
  head: string;
  rowCount: number;
}

/**
 * The log's current head and size; undefined while it is empty. One statement, one snapshot.
 * `since`, a head this instance signed before: only the rows after it are counted (a log of
 * millions is not counted again every few thousand rows). Rows removed before `since` are not
 * recounted, so the next checkpoint claims them still: the verifier then finds the mismatch.
 */
export async function readLogHead(db: Db, since?: LogHead): Promise<LogHead | undefined> {
  const from = since?.lastSeq ?? 0;
  const base = since?.rowCount ?? 0;
  const [row] = await db
    .select({
      lastSeq: accessLog.seq,
      head: accessLog.hash,
      rowCount: sql<string>`(SELECT count(*) + ${base} FROM access_log c WHERE c.seq > ${from} AND c.seq <= ${accessLog.seq})`,
    })
    .from(accessLog)
    .orderBy(desc(accessLog.seq))
    .limit(1);
  return row ? { lastSeq: row.lastSeq, head: row.head, rowCount: Number(row.rowCount) } : undefined;
}

/** Parses a JSON Lines checkpoint file's text; a line that is not a checkpoint is named. */
export function parseCheckpointLines(text: string, source: string): Checkpoint[] {
  const out: Checkpoint[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let c: Partial<Checkpoint>;
    try {
      c = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not JSON`);
    }
    if (typeof c.lastSeq !== 'number' || typeof c.head !== 'string' || typeof c.rowCount !== 'number'
      || typeof c.at !== 'string' || typeof c.keyId !== 'string' || typeof c.signature !== 'string') {
      throw new Error(`${source}:${i + 1}: not a checkpoint (needs lastSeq, head, rowCount, at, keyId, signature)`);
    }
    out.push({ lastSeq: c.lastSeq, head: c.head, rowCount: c.rowCount, at: c.at, keyId: c.keyId, signature: c.signature });
  });
  return out;
}

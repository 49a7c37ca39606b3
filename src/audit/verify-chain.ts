/**
 * Walks the whole access log in seq order, in batches (memory stays flat at any size), and
 * reports the first row whose link, hash, MAC or writer stream is wrong, or the first
 * checkpoint the log no longer matches.
 *
 * What each check catches (README: What the access log proves):
 * - the global chain (`prev_hash`, `hash`): any change by someone who does not recompute it;
 * - MACs (needs ACCESS_LOG_KEY): a row forged or altered without the key, even with the chain
 *   recomputed;
 * - writer streams (no key needed to see a gap; the key to trust it): a row removed from the
 *   middle of a stream, or a row copied;
 * - checkpoints (needs only the public key): anything before a checkpoint changed, removed or
 *   re-linked, including the tail it ends at.
 */
import { asc, gt, sql } from 'drizzle-orm';
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/database';
import { accessLog, accessLogCheckpoints } from '../db/schema';
import { checkpointSignatureValid, type Checkpoint } from './checkpoint';
import { GENESIS, legacyRowHash, rowHash, rowMac, storedCanonical, type ChainedRow } from './hash-chain';
import type { MacKey } from './log-keys';

export type Broken = { seq: number; problem: string };

export interface VerifyOptions {
  /** The MAC keys (current and previous); none: MACs are not checked (a warning says so). */
  macKeys?: readonly MacKey[];
  /** Checks checkpoints' signatures; none: checkpoints are matched but their signatures not checked. */
  verifyingKey?: KeyObject;
  /** Checkpoints kept outside the database (JSON Lines files); the database's own are always checked. */
  checkpoints?: readonly Checkpoint[];
  /** Rows up to this seq were written before keyed MACs (migration 0010) and carry the unkeyed hash only. */
  unkeyedThrough?: number;
  batchSize?: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: Broken | null;
  /** Checkpoints the walk reached and matched. */
  checkpointsMatched: number;
  warnings: string[];
}

export async function verifyAccessLogChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 5000;
  const warnings: string[] = [];
  const keys = new Map((options.macKeys ?? []).map((k) => [k.id, k.key]));
  if (keys.size === 0) warnings.push('no ACCESS_LOG_KEY given: MACs were not checked (forged rows with a recomputed chain would pass)');
  const stored = (await db.select().from(accessLogCheckpoints)).map((c) => ({ ...c, at: c.at.toISOString() }));
  const checkpoints = dedupe([...stored, ...(options.checkpoints ?? [])]).sort((a, b) => a.lastSeq - b.lastSeq);
  const walk = new Walk(keys, options.unkeyedThrough ?? 0);
  const result = (firstBroken: Broken | null, matched: number): VerifyResult => ({
    ok: firstBroken === null, checked: walk.checked, firstBroken, checkpointsMatched: matched, warnings,
  });

  if (options.verifyingKey) {
    const forged = checkpoints.find((c) => !checkpointSignatureValid(options.verifyingKey!, c));
    if (forged) return result({ seq: forged.lastSeq, problem: `the checkpoint at seq ${forged.lastSeq} signed ${forged.at} does not carry a valid signature of this log's signing key` }, 0);
  } else if (checkpoints.length) {
    warnings.push('no verifying key given: checkpoint signatures were not checked');
  }

  let next = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ row: accessLog, micros: sql<string>`(extract(microseconds from ${accessLog.at})::bigint % 1000000)::text` })
      .from(accessLog)
      .where(gt(accessLog.seq, after))
      .orderBy(asc(accessLog.seq))
      .limit(batchSize);
    for (const { row, micros } of rows) {
      const skipped = checkpoints[next];
      if (skipped && skipped.lastSeq < row.seq) {
        return result({ seq: skipped.lastSeq, problem: `row ${skipped.lastSeq}, where the checkpoint signed ${skipped.at} ends, is missing: rows were removed` }, next);
      }
      const broken = walk.check(row as ChainedRow, Number(micros));
      if (broken) return result(broken, next);
      while (checkpoints[next]?.lastSeq === row.seq) {
        const c = checkpoints[next]!;
        if (c.head !== row.hash || c.rowCount !== walk.checked) {
          return result({
            seq: row.seq,
            problem: c.head !== row.hash
              ? `the chain head at seq ${row.seq} differs from the checkpoint signed ${c.at}: rows up to it were changed or re-linked`
              : `the checkpoint signed ${c.at} counts ${c.rowCount} rows up to seq ${row.seq}; the log holds ${walk.checked}: rows were removed and the chain recomputed`,
          }, next);
        }
        next += 1;
      }
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.row.seq;
  }
  const beyond = checkpoints[next];
  if (beyond) {
    return result({
      seq: walk.lastSeq + 1,
      problem: `the checkpoint signed ${beyond.at} covers ${beyond.rowCount} rows up to seq ${beyond.lastSeq}; the log ends at seq ${walk.lastSeq} with ${walk.checked}: its tail was removed`,
    }, next);
  }
  return result(null, next);
}

/** The row-by-row checks, with the state they carry from one row to the next. */
class Walk {
  checked = 0;
  lastSeq = 0;
  private prev = GENESIS;
  private readonly streams = new Map<string, { seq: number; mac: string }>();

  constructor(private readonly keys: Map<string, KeyObject>, private readonly unkeyedThrough: number) {}

  check(row: ChainedRow, micros: number): Broken | undefined {
    const broken = this.problemWith(row, micros);
    if (broken) return { seq: row.seq, problem: broken };
    this.prev = row.hash;
    this.checked += 1;
    this.lastSeq = row.seq;
    return undefined;
  }

  private problemWith(row: ChainedRow, micros: number): string | undefined {
    if (row.prevHash !== this.prev) return 'prev_hash does not match the hash of the row before it (a row was removed, inserted or reordered)';
    if (row.mac === null) {
      if (row.seq > this.unkeyedThrough) return 'the row carries no MAC: rows written since keyed MACs always do (forged, or stripped)';
      return row.hash === legacyRowHash(this.prev, row, micros) ? undefined : 'hash does not match the row\'s content (the row was altered)';
    }
    const canonical = storedCanonical(row, micros);
    if (row.hash !== rowHash(this.prev, canonical, row.mac)) return 'hash does not match the row\'s content (the row was altered)';
    const stream = this.streams.get(row.writer!);
    const expected = (stream?.seq ?? 0) + 1;
    if (row.writerSeq !== expected) {
      return !stream
        ? `writer stream ${row.writer} begins at writer_seq ${row.writerSeq}: its first rows were removed`
        : row.writerSeq! <= stream.seq
          ? `writer stream ${row.writer} repeats writer_seq ${row.writerSeq} (a copied row)`
          : `writer stream ${row.writer} skips from writer_seq ${stream.seq} to ${row.writerSeq}: rows were removed before this one`;
    }
    if (this.keys.size > 0) {
      const secret = this.keys.get(row.keyId!);
      if (!secret) return `the MAC is under key ${row.keyId}, which is not among the keys given (ACCESS_LOG_KEY, ACCESS_LOG_PREVIOUS_KEYS)`;
      if (row.mac !== rowMac(secret, stream?.mac ?? GENESIS, canonical)) return 'the MAC does not match: the row was forged or altered without the key';
    }
    this.streams.set(row.writer!, { seq: row.writerSeq!, mac: row.mac });
    return undefined;
  }
}

function dedupe(checkpoints: Checkpoint[]): Checkpoint[] {
  return [...new Map(checkpoints.map((c) => [c.signature, c])).values()];
}

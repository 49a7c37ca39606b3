/**
 * Walks the whole access log in seq order, in batches (memory stays flat at any size), and
 * reports the first row whose link or hash is wrong.
 */
import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { accessLog } from '../db/schema';
import { ChainVerifier, type Broken } from './hash-chain';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: Broken | null;
}

export async function verifyAccessLogChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ row: accessLog, micros: sql<string>`(extract(microseconds from ${accessLog.at})::bigint % 1000000)::text` })
      .from(accessLog)
      .where(gt(accessLog.seq, after))
      .orderBy(asc(accessLog.seq))
      .limit(batchSize);
    for (const { row, micros } of rows) {
      const broken = verifier.check(row, Number(micros));
      if (broken) return { ok: false, checked: verifier.checked, firstBroken: broken };
    }
    if (rows.length < batchSize) return { ok: true, checked: verifier.checked, firstBroken: null };
    after = rows[rows.length - 1]!.row.seq;
  }
}

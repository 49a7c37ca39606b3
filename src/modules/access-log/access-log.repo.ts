/** AccessLogRepo: reads the access log (writes go through src/audit/access-writer.ts). */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { countThrough, keysetAfter, keysetOrder, keysetOrderBy, keyTypes, type Seek } from '../../db/keyset';
import { accessLog, accessLogCheckpoints } from '../../db/schema';

export type AccessLogRow = typeof accessLog.$inferSelect;
export type CheckpointRow = typeof accessLogCheckpoints.$inferSelect;

export interface AccessLogFilter {
  subjectId?: number;
  requestId?: string;
  agencyCode?: string;
}

/** Newest first: by seq, which is unique. */
export const ACCESS_LOG_ORDER = keysetOrder('desc', { column: accessLog.seq, type: 'int' });
export const accessLogKey = (r: AccessLogRow) => [r.seq];

export class AccessLogRepo {
  /** How this list's cursors are made: the key's column types, and a row's key (the service seals it). */
  keyset() {
    return { types: keyTypes(ACCESS_LOG_ORDER), keyOf: accessLogKey };
  }

  constructor(private readonly db: Queryable) {}

  async page(filter: AccessLogFilter, seek: Seek): Promise<{ rows: AccessLogRow[]; total: number; through: number }> {
    const parts: SQL[] = [];
    if (filter.subjectId !== undefined) parts.push(eq(accessLog.subjectId, filter.subjectId));
    if (filter.requestId !== undefined) parts.push(eq(accessLog.requestId, filter.requestId));
    if (filter.agencyCode !== undefined) parts.push(eq(accessLog.agencyCode, filter.agencyCode));
    const where = parts.length ? and(...parts) : undefined;
    const [rows, [counted]] = await Promise.all([
      this.db.select().from(accessLog).where(and(where, keysetAfter(ACCESS_LOG_ORDER, seek.after))).orderBy(...keysetOrderBy(ACCESS_LOG_ORDER)).limit(seek.limit),
      this.db.select({ n: count(), through: countThrough(ACCESS_LOG_ORDER, seek.after) }).from(accessLog).where(where),
    ]);
    return { rows, total: Number(counted?.n ?? 0), through: counted?.through ?? 0 };
  }

  /** The newest checkpoints, newest first; the caller shows only one whose signature it has checked. */
  latestCheckpoints(limit: number): Promise<CheckpointRow[]> {
    return this.db.select().from(accessLogCheckpoints).orderBy(desc(accessLogCheckpoints.lastSeq), desc(accessLogCheckpoints.id)).limit(limit);
  }
}

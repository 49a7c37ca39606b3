/** AccessLogRepo: reads the access log (writes go through src/audit/access-writer.ts). */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { accessLog, accessLogCheckpoints } from '../../db/schema';

export type AccessLogRow = typeof accessLog.$inferSelect;
export type CheckpointRow = typeof accessLogCheckpoints.$inferSelect;

export interface AccessLogFilter {
  subjectId?: number;
  requestId?: string;
  agencyCode?: string;
}

export class AccessLogRepo {
  constructor(private readonly db: Queryable) {}

  async page(filter: AccessLogFilter, limit: number, offset: number): Promise<{ rows: AccessLogRow[]; total: number }> {
    const parts: SQL[] = [];
    if (filter.subjectId !== undefined) parts.push(eq(accessLog.subjectId, filter.subjectId));
    if (filter.requestId !== undefined) parts.push(eq(accessLog.requestId, filter.requestId));
    if (filter.agencyCode !== undefined) parts.push(eq(accessLog.agencyCode, filter.agencyCode));
    const where = parts.length ? and(...parts) : undefined;
    const [rows, [counted]] = await Promise.all([
      this.db.select().from(accessLog).where(where).orderBy(desc(accessLog.seq)).limit(limit).offset(offset),
      this.db.select({ n: count() }).from(accessLog).where(where),
    ]);
    return { rows, total: Number(counted?.n ?? 0) };
  }

  /** The newest checkpoints, newest first; the caller shows only one whose signature it has checked. */
  latestCheckpoints(limit: number): Promise<CheckpointRow[]> {
    return this.db.select().from(accessLogCheckpoints).orderBy(desc(accessLogCheckpoints.lastSeq), desc(accessLogCheckpoints.id)).limit(limit);
  }
}

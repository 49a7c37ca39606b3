/** SessionRepo: the only code that reads and writes the sessions table. Rows in, rows out. */
import { eq, lt, or } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { sessions } from '../../db/schema';

export type SessionRow = typeof sessions.$inferSelect;

export class SessionRepo {
  constructor(private readonly db: Queryable) {}

  async insert(row: SessionRow): Promise<void> {
    await this.db.insert(sessions).values(row);
  }

  async find(idHash: string): Promise<SessionRow | undefined> {
    const rows = await this.db.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1);
    return rows[0];
  }

  async touch(idHash: string, idleUntil: Date): Promise<void> {
    await this.db.update(sessions).set({ idleUntil }).where(eq(sessions.idHash, idHash));
  }

  async delete(idHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, idHash));
  }

  /** Sessions dead at `now` (past either end); returns how many went. */
  async deleteDead(now: Date): Promise<number> {
    const gone = await this.db.delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.idleUntil, now)))
      .returning({ idHash: sessions.idHash });
    return gone.length;
  }
}

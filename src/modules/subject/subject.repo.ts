/** SubjectRepo: the only code that reads and writes the subjects table. Rows in, rows out. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { subjects } from '../../db/schema';

export type SubjectRow = typeof subjects.$inferSelect;

export class SubjectRepo {
  constructor(private readonly db: Db) {}

  async findByUscc(uscc: string): Promise<SubjectRow | undefined> {
    const rows = await this.db.select().from(subjects).where(eq(subjects.uscc, uscc)).limit(1);
    return rows[0];
  }

  async findByIdNumberHash(hash: string): Promise<SubjectRow | undefined> {
    const rows = await this.db.select().from(subjects).where(eq(subjects.idNumberHash, hash)).limit(1);
    return rows[0];
  }
}

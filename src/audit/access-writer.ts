/** Writes a request's access entries: one statement, chained and serialised by the database. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { AccessEntry } from './access-entry';

export async function appendAccessLog(db: Db, entries: readonly AccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.execute(sql`SELECT append_access_log(${JSON.stringify(entries)}::jsonb)`);
}

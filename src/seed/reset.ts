/**
 * Seeding writes explicit ids, so it only runs on a database without subjects; `reset`
 * empties the seeded tables first. The access log is never touched: it is append-only by
 * trigger (49号 七(十三)), and an audit trail must outlive demo data. Nor is the register of
 * issued reports (append-only too): a report issued from demo data was still issued.
 */
import { count, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { subjects } from '../db/schema';

/** Seeded tables, children first (the order TRUNCATE needs without CASCADE). */
export const SEEDED_TABLES = [
  // Sign-in sessions name subjects: a reseed signs everyone out.
  'sessions',
  // Files attached to objections and repair applications go with them.
  'attachments',
  'consents', 'repair_applications', 'objections', 'measure_applications', 'serious_list_entries',
  // A record's versions go with it (demo data only; drizzle/0012 lets just this reset truncate them).
  'credit_record_versions', 'credit_records', 'legal_documents',
  // Derived from subjects by trigger, which TRUNCATE does not fire.
  'subject_name_pairs', 'subjects',
] as const;

/** Tables whose identity sequences seeding moves (agencies are keyed by code). */
export const SEQUENCED_TABLES = [
  'subjects', 'legal_documents', 'credit_records', 'serious_list_entries', 'objections', 'repair_applications', 'consents',
] as const;

export class SeedRefusedError extends Error {}

export async function prepareForSeeding(database: Database, reset: boolean): Promise<void> {
  if (reset) {
    // No CASCADE: a table added later that references these must be named here on purpose.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL credit.reset = 'on'`);
      await tx.execute(sql.raw(`TRUNCATE ${SEEDED_TABLES.join(', ')} RESTART IDENTITY`));
    });
    return;
  }
  const [row] = await database.db.select({ n: count() }).from(subjects);
  const n = Number(row?.n ?? 0);
  if (n > 0) {
    throw new SeedRefusedError(
      `refusing to seed: the database already has ${n} subject(s); seeding again would collide with their ids. ` +
        'Pass { reset: true } (npm run seed -- --reset) to empty the seeded tables first.',
    );
  }
}

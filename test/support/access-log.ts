/**
 * A request's access-log rows in a form two runs of the same request can be compared in: each
 * count row split into one entry per count, because which counts share a row, and the order
 * they are listed in it, follow the order fields resolved in. A count entry has no subject:
 * the row's subject is the one its grouped counts share, which depends on that grouping too.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database';

export interface AccessEntry {
  readonly subject: string;
  readonly item: string;
  readonly path: string;
  readonly decision: string;
  readonly reason: string;
  readonly purpose: string;
}

export async function accessEntries(database: Pick<Database, 'db'>, requestId: string): Promise<AccessEntry[]> {
  const r = await database.db.execute(sql`
    SELECT subject_id::text AS subject_id, item_code, field_path, decision, reason, purpose
      FROM access_log WHERE client_request_id = ${requestId}`);
  const rows = ((r as unknown as { rows?: unknown[] }).rows ?? r) as Array<Record<string, string>>;
  return rows.flatMap((row) => {
    const count = row.reason === 'COUNT' ? /^(.*)\{(.*)\}$/.exec(row.field_path!) : null;
    const paths = count ? count[2]!.split(',').map((c) => `${count[1]}.${c}`.replace('.{', '.').replace(/^\./, '')) : [row.field_path!];
    return paths.map((path) => ({
      subject: row.reason === 'COUNT' ? '' : row.subject_id!, item: row.item_code!, path,
      decision: row.decision!, reason: row.reason!, purpose: row.purpose!,
    }));
  });
}

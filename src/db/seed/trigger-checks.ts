/**
 * The set-based equivalents of the row triggers a bulk load (./bulk-load.ts) turns off: each
 * runs once over the loaded table and fails the load with the trigger's own error when a row
 * breaks it. A trigger without an entry here keeps firing row by row, so a trigger added
 * later is never skipped silently. Only triggers that check (never change) rows qualify.
 */
import type postgres from 'postgres';

export interface TriggerCheck {
  /** What the trigger enforces, in one line. */
  readonly enforces: string;
  check(tx: postgres.TransactionSql): Promise<void>;
}

export class TriggerCheckFailed extends Error {
  readonly code = 'check_violation';
}

/** Keyed by "table.trigger". */
export const TRIGGER_CHECKS: Readonly<Record<string, TriggerCheck>> = {
  // drizzle/0001_integrity_guards.sql, credit_records_require_published_item(): a record's
  // item belongs to a PUBLISHED catalog version that is not a measures list. The loaded
  // table was empty, so every row in it is a row of this load.
  'credit_records.credit_records_published_item': {
    enforces: 'every credit record names an item of a published catalog (49号 二(一))',
    async check(tx) {
      const [bad] = await tx.unsafe<Array<{ item: string; status: string | null }>>(
        `SELECT r.catalog_item_id::text AS item, v.status::text AS status
           FROM credit_records r
           LEFT JOIN catalog_items i ON i.id = r.catalog_item_id
           LEFT JOIN catalog_versions v ON v.id = i.version_id
          WHERE v.status IS DISTINCT FROM 'PUBLISHED' OR v.kind = 'MEASURE_LIST'
          LIMIT 1`,
      );
      if (bad) {
        throw new TriggerCheckFailed(
          `NOT_IN_CATALOG: catalog item ${bad.item} is not in a published catalog (status ${bad.status ?? 'unknown'})`,
        );
      }
    },
  },
};

/**
 * The set-based equivalents of the row triggers a bulk load (./bulk-load.ts) turns off. Two
 * kinds qualify:
 * - a check (the trigger only refuses rows): run once over the loaded table, it fails the load
 *   with the trigger's own error when a row breaks it;
 * - a derivation (the trigger keeps another table in step with the loaded one): run once, it
 *   fills that table from the loaded rows, before the indexes are rebuilt.
 * A trigger without an entry here keeps firing row by row, so a trigger added later is never
 * skipped silently. Each entry must do exactly what its trigger does.
 */
import type postgres from 'postgres';

export interface TriggerCheck {
  readonly kind: 'check';
  /** What the trigger enforces, in one line. */
  readonly enforces: string;
  check(tx: postgres.TransactionSql): Promise<void>;
}

export interface TriggerDerivation {
  readonly kind: 'derive';
  /** The table the trigger writes: the bulk load locks it, needs it empty and rebuilds its indexes. */
  readonly fills: string;
  derive(tx: postgres.TransactionSql, load: LoadFacts): Promise<void>;
}

/** What the bulk load knows of the rows it copied. */
export interface LoadFacts {
  /** Tables every copied row of which the loader gave a 记录编号 (./record-numbering.ts). */
  readonly numberedWhole: ReadonlySet<string>;
}

export type SetBasedTrigger = TriggerCheck | TriggerDerivation;

export class TriggerCheckFailed extends Error {
  readonly code = 'check_violation';
}

/** Keyed by "table.trigger". */
export const SET_BASED_TRIGGERS: Readonly<Record<string, SetBasedTrigger>> = {
  // drizzle/0001_integrity_guards.sql, credit_records_require_published_item(): a record's
  // item belongs to a PUBLISHED catalog version that is not a measures list. The loaded
  // table was empty, so every row in it is a row of this load. Each distinct item is checked
  // once: the items are found by skipping through an index led by catalog_item_id (rebuilt
  // before the checks run), one descent an item, where joining every record took 21 s at ten
  // million. Without that index the same statement is only slower, never wrong.
  'credit_records.credit_records_published_item': {
    kind: 'check',
    enforces: 'every credit record names an item of a published catalog (49号 二(一))',
    async check(tx) {
      const [bad] = await tx.unsafe<Array<{ item: string; status: string | null }>>(
        `WITH RECURSIVE used(item) AS (
             SELECT min(catalog_item_id) FROM credit_records
           UNION ALL
             SELECT (SELECT min(r.catalog_item_id) FROM credit_records r WHERE r.catalog_item_id > used.item)
               FROM used WHERE used.item IS NOT NULL)
         SELECT used.item::text AS item, v.status::text AS status
           FROM used
           LEFT JOIN catalog_items i ON i.id = used.item
           LEFT JOIN catalog_versions v ON v.id = i.version_id
          WHERE used.item IS NOT NULL AND (v.status IS DISTINCT FROM 'PUBLISHED' OR v.kind = 'MEASURE_LIST')
          LIMIT 1`,
      );
      if (bad) {
        throw new TriggerCheckFailed(
          `NOT_IN_CATALOG: catalog item ${bad.item} is not in a published catalog (status ${bad.status ?? 'unknown'})`,
        );
      }
    },
  },
  // drizzle/0012_credit_record_history.sql, credit_records_keep_version(): fires on UPDATE only,
  // so a load (INSERTs) has nothing to replay: a record gets its first version when it changes.
  'credit_records.credit_records_versions': {
    kind: 'check',
    enforces: 'every change to a credit record becomes a version (nothing to do for rows a load inserts)',
    async check() {},
  },
  // drizzle/0007_subject_name_pairs.sql, subjects_name_pairs_sync(): the name search index.
  // The same function the trigger calls makes the rows, for every loaded subject at once.
  'subjects.subjects_name_pairs': {
    kind: 'derive',
    fills: 'subject_name_pairs',
    async derive(tx) {
      await tx.unsafe(
        `INSERT INTO subject_name_pairs SELECT p.* FROM subjects s, subject_name_pairs_of(s.id, s.name, s.kind) p`,
      );
    },
  },
  // drizzle/0019_report_register_record_numbers.sql, record_number_assign(): the 记录编号. Rows
  // the loader numbered as it wrote them (./record-numbering.ts: credit records and list
  // entries, the same sequence, permutation, region and year) keep theirs; the same functions
  // the trigger calls number every other loaded row, before the unique index is rebuilt.
  ...recordNumberDerivation('credit_records', 'R', 'agency_code, NULL, NULL', 'created_at'),
  ...recordNumberDerivation('serious_list_entries', 'L', 'agency_code, NULL, NULL', 'notified_at'),
  ...recordNumberDerivation('objections', 'Y', 'NULL, credit_record_id, list_entry_id', 'filed_at'),
  ...recordNumberDerivation('repair_applications', 'X', 'NULL, credit_record_id, list_entry_id', 'filed_at'),
  // drizzle/0022_decided_outcomes_write_once.sql: decided outcomes are written once. They fire on
  // UPDATE only, so a load (INSERTs) has nothing to replay; the one UPDATE a load makes, the
  // record-number derivation above, runs with them off and only numbers rows the load wrote.
  ...updateOnlyGuards(['serious_list_entries', 'objections', 'repair_applications', 'measure_applications', 'consents', 'attachments']),
  // drizzle/0016_public_change_notify.sql: what the public sees changed. A load changes
  // everything, so its set-based equivalent is one NOTIFY '*' (PostgreSQL sends one per
  // transaction, however many triggers ask for it), delivered when the load commits.
  ...publicChangeNotifications(['subjects', 'credit_records', 'serious_list_entries', 'objections', 'repair_applications',
    'subject_name_pairs', 'measure_applications', 'legal_documents']),
};

/** The statement triggers of drizzle/0016 on `tables` (insert, update, delete, truncate), each replaced by NOTIFY '*'. */
function publicChangeNotifications(tables: readonly string[]): Record<string, SetBasedTrigger> {
  const notify: SetBasedTrigger = {
    kind: 'check',
    enforces: 'servers evict their public answers after a write (a load: everything)',
    async check(tx) {
      await tx.unsafe(`SELECT pg_notify('credit_public_change', '*')`);
    },
  };
  return Object.fromEntries(tables.flatMap((t) => ['insert', 'update', 'delete', 'truncate'].map((op) => [`${t}.${t}_public_change_${op}`, notify])));
}

/** The write-once triggers of drizzle/0022 on `tables`: nothing to check for inserted rows. */
function updateOnlyGuards(tables: readonly string[]): Record<string, SetBasedTrigger> {
  const none: SetBasedTrigger = {
    kind: 'check',
    enforces: 'a decided outcome is written once (nothing to do for rows a load inserts)',
    async check() {},
  };
  return Object.fromEntries(tables.map((t) => [`${t}.${t}_write_once`, none]));
}

/** Whether a trigger name is one of drizzle/0016's public-change notifications. */
export const isPublicChangeTrigger = (name: string): boolean => /\.[a-z_]+_public_change_(insert|update|delete|truncate)$/.test(name);

function recordNumberDerivation(table: string, letter: string, regionArgs: string, at: string): Record<string, SetBasedTrigger> {
  return {
    [`${table}.${table}_record_number`]: {
      kind: 'derive',
      fills: table,
      async derive(tx, load) {
        if (load.numberedWhole.has(table)) return;
        await tx.unsafe(`UPDATE ${table} SET record_number = record_number_next('${letter}', record_number_region(${regionArgs}), ${at}) WHERE record_number = ''`);
      },
    },
  };
}

export const setBasedChecks = (names: readonly string[]): TriggerCheck[] =>
  names.map((n) => SET_BASED_TRIGGERS[n]!).filter((t): t is TriggerCheck => t.kind === 'check');

export const setBasedDerivations = (names: readonly string[]): TriggerDerivation[] =>
  names.map((n) => SET_BASED_TRIGGERS[n]!).filter((t): t is TriggerDerivation => t.kind === 'derive');

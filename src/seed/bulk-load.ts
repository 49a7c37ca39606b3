/**
 * A bulk load into empty PostgreSQL tables, the way large loads are done: in ONE transaction,
 * the tables' foreign keys, unique constraints and secondary indexes are dropped, the rows are
 * COPied in with row triggers off (session_replication_role = replica), and then the indexes
 * and constraints are re-created from their own catalog definitions — which validates every
 * foreign key and uniqueness over the whole table at once — and each bypassed trigger is run
 * as one set-based query (./trigger-checks.ts): a check over the loaded rows, or a derivation
 * that fills its table (the name search index) before that table's indexes are built.
 * Building an index once after the load is far cheaper than maintaining it row by row, as is
 * one anti-join against per-row lookups.
 *
 * Because it is one transaction, a failure anywhere (a violated constraint, a lost connection,
 * a killed process) leaves the database exactly as it was: DDL is transactional in PostgreSQL.
 * CHECK constraints, NOT NULL and primary keys are never dropped; they are checked row by row.
 * Readers of the loaded tables wait for the commit (ALTER TABLE takes an exclusive lock).
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type postgres from 'postgres';
import { NUMBERED_AT_COPY, RecordNumbering } from './record-numbering';
import { SET_BASED_TRIGGERS, setBasedChecks, setBasedDerivations } from './trigger-checks';

type Sql = postgres.Sql;
type Tx = postgres.TransactionSql;

export interface BulkLoadReport {
  /** Indexes and constraints dropped for the load and re-created after it. */
  readonly rebuilt: readonly string[];
  /** Row triggers that did not fire during COPY; their set-based equivalents ran instead. */
  readonly triggersReplaced: readonly string[];
  /** Why row triggers fired during COPY after all (empty when they were bypassed). */
  readonly triggersKept: string;
}

export interface BulkCopy {
  /**
   * COPYs pre-formatted UTF-8 lines (./copy-text.ts) into `table`'s `columns`. `rows`, when
   * given, is how many lines the pieces hold: with it the load can tell that `numbering`
   * numbered every row of a table, and skip that table's numbering pass.
   */
  copy(table: string, columns: readonly string[], pieces: readonly Buffer[], rows?: number): Promise<void>;
  /**
   * Present when the numbering triggers are off: gives rows of NUMBERED_AT_COPY's tables their
   * 记录编号 before they are formatted, so no UPDATE rewrites the loaded table afterwards.
   */
  readonly numbering?: RecordNumbering;
}

/** Thrown before anything is written when the tables are not empty: bulk load needs a clean slate. */
export class BulkLoadUnavailable extends Error {}

interface Rebuild {
  readonly name: string;
  readonly drop: string;
  readonly create: string;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Runs `load` inside the bulk-load transaction over `tables` (all of them empty) and commits.
 * Memory for the rebuilds: maintenance_work_mem is raised for this transaction only.
 */
export async function bulkLoad(pg: Sql, loaded: readonly string[], load: (copy: BulkCopy) => Promise<void>): Promise<BulkLoadReport> {
  // Tables the loaded tables' triggers write are loaded too: locked, empty, indexes rebuilt.
  const derived = setBasedDerivations(Object.keys(SET_BASED_TRIGGERS).filter((name) => loaded.includes(name.split('.')[0]!)));
  const tables = [...loaded, ...derived.map((d) => d.fills).filter((t) => !loaded.includes(t))];
  return pg.begin(async (tx) => {
    const list = tables.map(quote).join(', ');
    await tx.unsafe(`LOCK TABLE ${list} IN ACCESS EXCLUSIVE MODE`);
    const [occupied] = await tx.unsafe(tables.map((t) => `SELECT '${t.replace(/'/g, "''")}' AS t WHERE EXISTS (SELECT FROM ${quote(t)})`).join(' UNION ALL '));
    if (occupied) throw new BulkLoadUnavailable(`table ${occupied.t} already has rows`);
    await tx.unsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
    const triggers = await bypassTriggers(tx, tables);
    const rebuilds = await secondaryStructures(tx, tables);
    for (const r of rebuilds) await tx.unsafe(r.drop);
    const numbered = Object.keys(NUMBERED_AT_COPY).some((t) => triggers.bypassed.includes(`${t}.${t}_record_number`));
    const numbering = numbered ? await RecordNumbering.open(tx) : undefined;
    // Rows copied per table, as the caller counted them; NaN once a COPY came without a count.
    const copied = new Map<string, number>();
    await load({
      async copy(table, columns, pieces, rows) {
        if (pieces.length === 0) return;
        copied.set(table, (copied.get(table) ?? 0) + (rows ?? NaN));
        const statement = `COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN`;
        await writeAll(await tx.unsafe(statement).writable(), pieces);
      },
      ...(numbering ? { numbering } : {}),
    });
    // Before the derivations below, which draw from the same sequence.
    await numbering?.finish();
    // Derived tables are filled before their indexes exist, as the loaded ones were. A table
    // whose every copied row the loader numbered needs no numbering pass: at ten million
    // records that pass is a full scan that finds nothing.
    const numberedWhole = new Set([...copied].filter(([table, rows]) => numbering?.numbered(table) === rows).map(([table]) => table));
    for (const d of setBasedDerivations(triggers.bypassed)) await d.derive(tx, { numberedWhole });
    // Indexes and unique constraints first, so that the foreign keys re-created last can use them.
    for (const r of [...rebuilds].reverse()) await tx.unsafe(r.create);
    for (const c of setBasedChecks(triggers.bypassed)) await c.check(tx);
    return { rebuilt: rebuilds.map((r) => r.name), triggersReplaced: triggers.bypassed, triggersKept: triggers.kept };
  }) as Promise<BulkLoadReport>;
}

/**
 * Hands every piece to the COPY stream at once instead of one per 'drain': the socket then
 * takes as much as it can at every turn of the event loop, which the generator yields often,
 * so PostgreSQL keeps loading while the next chunk is generated. Memory is bounded by the chunk.
 */
async function writeAll(stream: Writable, pieces: readonly Buffer[]): Promise<void> {
  for (const piece of pieces) stream.write(piece);
  stream.end();
  await finished(stream);
}

/**
 * Turns row triggers off for this transaction when every trigger on the tables has a
 * set-based equivalent in SET_BASED_TRIGGERS and the role may set session_replication_role;
 * otherwise leaves them on (correct, only slower) and says why.
 */
async function bypassTriggers(tx: Tx, tables: readonly string[]): Promise<{ bypassed: string[]; kept: string }> {
  const rows = await tx.unsafe<Array<{ name: string; enabled: string }>>(
    `SELECT c.relname || '.' || t.tgname AS name, t.tgenabled AS enabled
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE t.tgrelid = ANY($1::regclass[]) AND NOT t.tgisinternal AND t.tgenabled <> 'D' ORDER BY 1`,
    [tables.map(quote) as never],
  );
  // 'O' fires in origin mode only: those are the ones replica mode skips. 'A' fires always
  // (nothing to do); 'R' fires only in replica mode, which would change what the load does.
  if (rows.some((r) => r.enabled === 'R')) return { bypassed: [], kept: 'a trigger fires only in replica mode' };
  // Replica mode skips rewrite rules too; none is expected, and none may be skipped unseen.
  const [rule] = await tx.unsafe<Array<{ name: string }>>(
    `SELECT rulename AS name FROM pg_rewrite WHERE ev_class = ANY($1::regclass[]) AND rulename <> '_RETURN' LIMIT 1`,
    [tables.map(quote) as never],
  );
  if (rule) return { bypassed: [], kept: `replica mode would skip rule ${rule.name}` };
  const bypassed = rows.filter((r) => r.enabled === 'O').map((r) => r.name);
  const unknown = bypassed.filter((name) => !(name in SET_BASED_TRIGGERS));
  if (unknown.length) return { bypassed: [], kept: `no set-based equivalent for trigger(s) ${unknown.join(', ')}` };
  await tx.unsafe('SAVEPOINT replica_mode');
  try {
    await tx.unsafe('SET LOCAL session_replication_role = replica');
    await tx.unsafe('RELEASE SAVEPOINT replica_mode');
  } catch (err) {
    await tx.unsafe('ROLLBACK TO SAVEPOINT replica_mode');
    return { bypassed: [], kept: `cannot set session_replication_role (${(err as Error).message})` };
  }
  return { bypassed, kept: '' };
}

/**
 * Foreign keys and unique constraints declared on the tables, and their indexes that back no
 * constraint — except what another table's foreign key relies on. Dropped in this order and
 * re-created in the reverse one, each from its own catalog definition.
 */
async function secondaryStructures(tx: Tx, tables: readonly string[]): Promise<Rebuild[]> {
  return tx.unsafe<Rebuild[]>(
    `WITH loaded AS (SELECT unnest($1::regclass[]) AS rel),
     relied_on AS (SELECT conindid FROM pg_constraint WHERE contype = 'f' AND conrelid NOT IN (SELECT rel FROM loaded))
     SELECT name, drop, "create" FROM (
       SELECT CASE c.contype WHEN 'f' THEN 1 ELSE 2 END AS step, c.conname::text AS name,
              format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
              format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS "create"
         FROM pg_constraint c
        WHERE c.conrelid IN (SELECT rel FROM loaded) AND c.contype IN ('f', 'u')
          AND NOT (c.contype = 'u' AND c.conindid IN (SELECT conindid FROM relied_on))
       UNION ALL
       SELECT 3, i.indexrelid::regclass::text, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
         FROM pg_index i
        WHERE i.indrelid IN (SELECT rel FROM loaded) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
          AND i.indexrelid NOT IN (SELECT conindid FROM relied_on)
     ) s ORDER BY step, name`,
    [tables.map(quote) as never],
  );
}

/**
 * Keyset paging in SQL. A list's order is a row of columns sorted all one way and ending in a
 * unique id, so it is total: a page is "the rows after this key" (a row comparison, which a
 * B-tree on those columns serves), not "skip n rows" — rows inserted or removed before the
 * page's start no longer shift it, and no row is skipped or repeated.
 *
 * Timestamps in keys are compared at the precision a JavaScript Date holds (milliseconds): every
 * timestamp of a paged column is written from one (ctx.now, a parsed input), never by now().
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** How a key value is written in a cursor: an integer, an ISO date, or an ISO timestamp. */
export type KeyType = 'int' | 'date' | 'timestamp';
export type KeyValue = string | number;

export interface KeysetOrder {
  readonly columns: readonly { readonly column: AnyColumn | SQL; readonly type: KeyType }[];
  readonly direction: 'asc' | 'desc';
}

/** Where a page starts: after `after` (null: at the beginning), `limit` rows. */
export interface Seek {
  readonly after: readonly KeyValue[] | null;
  readonly limit: number;
}

export const keysetOrder = (direction: KeysetOrder['direction'], ...columns: KeysetOrder['columns']): KeysetOrder => ({ columns, direction });

export const keyTypes = (order: KeysetOrder): KeyType[] => order.columns.map((c) => c.type);

const CAST: Record<KeyType, SQL> = { int: sql.raw('bigint'), date: sql.raw('date'), timestamp: sql.raw('timestamptz') };

const rowOf = (order: KeysetOrder) => sql`(${sql.join(order.columns.map((c) => c.column), sql`, `)})`;
const keyOf = (order: KeysetOrder, key: readonly KeyValue[]) =>
  sql`(${sql.join(order.columns.map((c, i) => sql`${key[i]}::${CAST[c.type]}`), sql`, `)})`;

/** The ORDER BY of the list. */
export function keysetOrderBy(order: KeysetOrder): SQL[] {
  return order.columns.map((c) => (order.direction === 'desc' ? sql`${c.column} desc` : sql`${c.column} asc`));
}

/** Rows that come after `key` in the list's order; undefined on the first page. */
export function keysetAfter(order: KeysetOrder, key: readonly KeyValue[] | null): SQL | undefined {
  if (!key) return undefined;
  return order.direction === 'desc' ? sql`${rowOf(order)} < ${keyOf(order, key)}` : sql`${rowOf(order)} > ${keyOf(order, key)}`;
}

/**
 * How many rows of the list come up to and including `key` (0 on the first page): the page's
 * hasPreviousPage, counted by the list's count statement rather than a statement of its own.
 */
export function countThrough(order: KeysetOrder, key: readonly KeyValue[] | null): SQL<number> {
  if (!key) return sql<number>`0`.mapWith(Number);
  const through = order.direction === 'desc' ? sql`${rowOf(order)} >= ${keyOf(order, key)}` : sql`${rowOf(order)} <= ${keyOf(order, key)}`;
  return sql<number>`count(*) filter (where ${through})`.mapWith(Number);
}

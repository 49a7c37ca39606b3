/**
 * Relay-style connections, paged forward with `first`/`after`; `first` is capped so that no
 * request can ask for an unbounded page. A cursor is the sealed sort key of its item
 * (cursor.ts): the next page is the items after that key, so items arriving or leaving
 * meanwhile never make a page skip or repeat one. Keys are compared only within the list the
 * policy has already filtered, so even a crafted cursor (were one possible) would reveal nothing about
 * rows the viewer cannot see.
 *
 * Paging is forward only (`last`/`before` are not offered). `hasPreviousPage` still says
 * whether the list holds items up to the `after` cursor — counted by the statement that
 * counts the list, so it costs no statement of its own.
 */
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import type { KeyType, KeyValue, Seek } from '../db/keyset';
import { appError } from '../errors';
import { CountOfDisclosed, Open } from '../shield/field-tags';
import { openCursor, sealCursor, type CursorKey } from './cursor';
import { ReadsParent } from './field-reads';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

@ObjectType({ description: 'Paging state of a connection (forward paging: `first`/`after`).' })
@Open()
export class PageInfo {
  // Computed from the page the list's field built (keysetPage): nothing read (field-reads.ts).
  @ReadsParent()
  @Field(() => Boolean, { description: 'Whether more items follow the last one returned.' })
  hasNextPage!: boolean;

  @ReadsParent()
  @Field(() => Boolean, {
    description: 'Whether the list holds items up to the `after` cursor (false on the first page). Paging is forward only: to read them, start again without `after`.',
  })
  hasPreviousPage!: boolean;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: 'Cursor of the first item returned (null when the page is empty).' })
  startCursor!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: 'Cursor of the last item returned; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE, description: `Page size, 1 to ${MAX_PAGE}.` })
  @Min(1)
  @Max(MAX_PAGE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (endCursor of the previous page, or any cursor of this list).' })
  after?: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

const VALID: Record<KeyType, (v: KeyValue) => boolean> = {
  int: (v) => Number.isSafeInteger(v),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
};

/**
 * Where a page of `list` starts: the key inside `after` (checked against the list's key types),
 * and one row more than the page, which tells whether another follows. `list` names the list
 * and whatever narrows it (a cursor of one list is refused by every other).
 */
export function seekAfter(list: string, types: readonly KeyType[], page: PageArgs): Seek {
  return { after: page.after ? decodeKey(list, types, page.after) : null, limit: page.first + 1 };
}

function decodeKey(list: string, types: readonly KeyType[], cursor: string): KeyValue[] {
  const key = openCursor(list, cursor);
  if (!key || key.length !== types.length || !key.every((v, i) => VALID[types[i]!](v))) {
    throw appError('BAD_USER_INPUT', 'after: not a cursor of this list (use a cursor this list returned, such as pageInfo.endCursor; offset cursors of earlier releases are no longer accepted)');
  }
  return [...key];
}

/** A list with nothing in it (a filter that matches nothing, before any query). */
export const emptyPage = <T>(): Page<T> => ({
  edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0,
});

/** A key value as a cursor holds it: a Date as its ISO timestamp. */
export const keyValue = (v: number | string | Date): KeyValue => (v instanceof Date ? v.toISOString() : v);

/**
 * A page from rows fetched with `seek` (up to first + 1, in the list's order). `nodes` are the
 * rows presented, one per row of the page, null where presentation withholds the row: the
 * next page still starts after it.
 */
export function keysetPage<R, T>(args: {
  list: string;
  seek: Seek;
  rows: readonly R[];
  keyOf: (row: R) => readonly (number | string | Date)[];
  nodes: readonly (T | null)[];
  totalCount: number;
  /** Rows up to the `after` key (countThrough in db/keyset.ts). */
  throughAfter: number;
}): Page<T> {
  const first = args.seek.limit - 1;
  const rows = args.rows.slice(0, first);
  // Sealed when first read, once per row (the last edge's cursor is also the endCursor).
  const sealed: string[] = [];
  const cursorAt = (i: number) => () => (sealed[i] ??= sealCursor(args.list, args.keyOf(rows[i]!).map(keyValue) satisfies CursorKey));
  const edges = rows.flatMap((_row, i) => {
    const node = args.nodes[i];
    return node === null || node === undefined ? [] : [new SealedOnReadEdge(node, cursorAt(i))];
  });
  // The page ends after its last row, shown or not, so a withheld row is not fetched again.
  const endCursor = rows.length === 0 ? () => null : cursorAt(rows.length - 1);
  return {
    edges,
    pageInfo: new SealedOnReadPageInfo(args.rows.length > first, args.seek.after !== null && args.throughAfter > 0, () => edges[0]?.cursor ?? null, endCursor),
    totalCount: args.totalCount,
  };
}

/**
 * Cursors are sealed when read, not when the page is built: sealing is cryptography
 * (cursor.ts), and a query that selects no cursor — a portal's profile showing the first page
 * of each section — would otherwise pay for it on every edge. The value is the same either way.
 */
class SealedOnReadEdge<T> {
  constructor(readonly node: T, private readonly seal: () => string) {}
  get cursor(): string {
    return this.seal();
  }
}

class SealedOnReadPageInfo implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly sealStart: () => string | null,
    private readonly sealEnd: () => string | null,
  ) {}
  get startCursor(): string | null {
    return this.sealStart();
  }
  get endCursor(): string | null {
    return this.sealEnd();
  }
}

/**
 * Pages a list already filtered and held in memory, in the order `keyOf` sorts `direction`
 * (ending in a unique id). Same cursors and semantics as a page from the database.
 */
export function paginate<T>(
  list: string, items: readonly T[], order: { types: readonly KeyType[]; direction: 'asc' | 'desc'; keyOf: (item: T) => readonly (number | string | Date)[] }, page: PageArgs,
): Page<T> {
  const seek = seekAfter(list, order.types, page);
  const sign = order.direction === 'desc' ? -1 : 1;
  // > 0: the item comes after the key in the list's order.
  const afterKey = (item: T) => sign * compareKeys(order.keyOf(item).map(keyValue), seek.after!);
  const start = seek.after ? items.findIndex((item) => afterKey(item) > 0) : 0;
  const rest = start < 0 ? [] : items.slice(start);
  const rows = rest.slice(0, seek.limit);
  return keysetPage({
    list, seek, rows, keyOf: order.keyOf, nodes: rows,
    totalCount: items.length,
    throughAfter: seek.after ? items.length - rest.length : 0,
  });
}

function compareKeys(a: readonly KeyValue[], b: readonly KeyValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    // Same-typed per position: ids compare as numbers, ISO dates and timestamps as strings.
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Declares `<Name>Connection` and `<Name>Edge` types for a node type. */
export function connectionOf<T extends object>(node: ClassType<T> | Function, name: string) {
  // Every field is a property of the page its list's field built: the walk of the public cache
  // (field-reads.ts) goes on into the node's type, whose fields decide.
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  @Open()
  class Edge {
    @ReadsParent()
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @ReadsParent()
    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  @Open()
  class Connection {
    @ReadsParent()
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @ReadsParent()
    @Field(() => PageInfo, { description: 'Whether and where the next page starts, and whether items precede this one.' })
    pageInfo!: PageInfo;

    @ReadsParent()
    @Field(() => Int, { description: 'How many items the whole list has (only items you may see are counted).' })
    @CountOfDisclosed()
    totalCount!: number;
  }
  return Connection;
}

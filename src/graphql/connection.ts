/**
 * Relay-style connections. Every list is paged with `first`/`after`; `first` is capped so
 * that no request can ask for an unbounded page. Cursors are opaque offsets into a list the
 * policy has already filtered, so they reveal nothing about rows the viewer cannot see.
 */
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { appError } from '../errors';
import { CountOfDisclosed, Open } from '../shield/field-tags';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

@ObjectType({ description: 'Paging state of a connection.' })
@Open()
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow the last one returned.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item returned; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE, description: `Page size, 1 to ${MAX_PAGE}.` })
  @Min(1)
  @Max(MAX_PAGE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (endCursor of the previous page).' })
  after?: string | null;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

const encode = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

export function decodeOffset(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw appError('BAD_USER_INPUT', 'after: not a cursor this API issued; use pageInfo.endCursor of the previous page');
  return Number(match[1]);
}

/** Pages an already-filtered list. */
export function paginate<T>(items: readonly T[], { first, after }: PageArgs): Page<T> {
  const start = after ? decodeOffset(after) + 1 : 0;
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, i) => ({ cursor: encode(start + i), node }));
  return {
    edges,
    pageInfo: { hasNextPage: start + first < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}

/** A page fetched from the database at `offset`, with the total the query counted. */
export function pageAt<T>(nodes: readonly T[], offset: number, total: number): Page<T> {
  const edges = nodes.map((node, i) => ({ cursor: encode(offset + i), node }));
  return {
    edges,
    pageInfo: { hasNextPage: offset + nodes.length < total, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: total,
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` types for a node type. */
export function connectionOf<T extends object>(node: ClassType<T> | Function, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  @Open()
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  @Open()
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether and where the next page starts.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has (only items you may see are counted).' })
    @CountOfDisclosed()
    totalCount!: number;
  }
  return Connection;
}

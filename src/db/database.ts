/**
 * The database handle: one drizzle API over either PGlite (embedded, in-process) or
 * PostgreSQL through postgres.js. Everything above this file sees only `Db`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, type Extension } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm/logger';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { appError } from '../errors';
import { noDelaySocket } from './no-delay-socket';
import { lockDataDir } from './pglite-lock';
import type { ReplicaStatus } from './replica-lag';
import * as schema from './schema';

// The contrib entry point ships as ESM types only; its CommonJS build is what require() loads.
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What a repository is built on: the database, or a transaction spanning several repositories. */
export type Queryable = Db | Tx;

export type DatabaseTarget =
  | {
      kind: 'postgres'; url: string; poolSize: number; prepare?: boolean;
      /** statement_timeout of the connections serving requests (LIMIT_EXECUTION_MS; see connectPostgres). */
      statementTimeoutMs?: number;
    }
  | { kind: 'pglite'; dataDir: string | undefined };

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly db: Db;
  /** Runs a raw multi-statement SQL script (bulk loading, maintenance); not for request paths. */
  exec(sqlText: string): Promise<void>;
  /** The postgres.js client, for COPY; undefined on PGlite. */
  readonly pg: postgres.Sql | undefined;
  /** DATABASE_READ_URL: the read replica's health and lag, when one is attached (read-routing.ts). */
  readonly readReplica?: { status(): ReplicaStatus };
  /**
   * LISTEN on `channel`: `onNotify` gets each payload, in commit order; `onListen` is called each
   * time the listening connection is (re)established — notifications sent while it was down are
   * lost, so a listener that must miss nothing starts afresh there. Resolves to `unlisten`.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * The logical unit a statement belongs to (a request, a test step), set with
 * `statementCounter.run({ count: 0 }, fn)`. Statements issued outside any unit are not
 * counted. This is how the N+1 guard and the benchmarks read "statements per request".
 *
 * `deadline` (epoch ms), while set, refuses any further statement of the unit once passed:
 * how an operation that has run too long is stopped (src/http/execution-guards.ts) without
 * a check on every field — work that issues no SQL is bounded by the operation limits.
 */
export interface StatementUnit {
  count: number;
  deadline?: number;
  /** Set when a statement was refused for the deadline. */
  timedOut?: boolean;
}

export const statementCounter = new AsyncLocalStorage<StatementUnit>();
const countingLogger: Logger = {
  logQuery() {
    const unit = statementCounter.getStore();
    if (!unit) return;
    if (unit.deadline !== undefined && Date.now() >= unit.deadline) {
      unit.timedOut = true;
      // drizzle logs a statement just before sending it: throwing here means it is never sent.
      throw appError('TIMEOUT', 'execution deadline passed');
    }
    unit.count += 1;
  },
};

/**
 * A postgres.js pool and its drizzle handle, configured as every PostgreSQL connection of
 * the server is (the primary's, and the read replica's in read-routing.ts).
 *
 * With `statementTimeoutMs`, statements issued inside a statement unit (a request: see
 * src/http/graphql-handler.ts) run on a second pool whose connections carry
 * `statement_timeout`, so PostgreSQL itself cancels a request's statement that runs longer
 * than the execution limit — the deadline in `countingLogger` only stops statements from
 * starting. Statements outside any unit (migrations, seeding, VACUUM, the CLIs, start-up)
 * keep the unbounded pool: a migration on a large table may rightly take minutes. That pool
 * closes its connections after a minute idle, so a serving process holds few of them.
 */
export function connectPostgres(
  url: string,
  poolSize: number,
  extra: Pick<postgres.Options<Record<string, never>>, 'connection' | 'connect_timeout'> = {},
  prepare = true,
  statementTimeoutMs?: number,
): { client: postgres.Sql; db: Db } {
  const open = (more: Pick<postgres.Options<Record<string, never>>, 'connection' | 'idle_timeout'>) => postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // TCP_NODELAY: without it every COPY waited ~48 ms for its last segment (no-delay-socket.ts).
    // A documented postgres.js option its type declarations omit.
    ...({ socket: noDelaySocket } as object),
    // Dates stay strings ('YYYY-MM-DD'): a legal date has no time zone.
    types: { date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x } },
    ...extra,
    ...more,
  });
  const bounded = statementTimeoutMs === undefined ? undefined : open({
    connection: { ...extra.connection, statement_timeout: statementTimeoutMs },
  });
  const client = open(bounded ? { idle_timeout: 60 } : {});
  const routed = bounded ? routeByUnit(client, bounded) : client;
  const db = drizzlePostgres({ client: prepare ? preparing(routed) : routed, schema, logger: countingLogger }) as unknown as Db;
  if (bounded) {
    // drizzle registered its type parsers on the client it was given (the router reads `options` from `client`).
    Object.assign(bounded.options.parsers, client.options.parsers);
    Object.assign(bounded.options.serializers, client.options.serializers);
    const end = client.end.bind(client);
    // Closing the handle closes both pools.
    (client as { end: postgres.Sql['end'] }).end = async (options) => { await Promise.all([end(options), bounded.end(options)]); };
  }
  return { client, db };
}

/** Sends what drizzle issues inside a statement unit to `bounded`, everything else to `client`. */
function routeByUnit(client: postgres.Sql, bounded: postgres.Sql): postgres.Sql {
  const pick = () => (statementCounter.getStore() ? bounded : client);
  const routed = {
    unsafe: (...args: Parameters<postgres.Sql['unsafe']>) => pick().unsafe(...args),
    begin: (...args: unknown[]) => (pick().begin as (...a: unknown[]) => unknown)(...args),
    reserve: () => pick().reserve(),
  } as Record<string | symbol, unknown>;
  return new Proxy(client, {
    get: (target, prop, receiver) => (prop in routed ? routed[prop] : Reflect.get(target, prop, receiver)),
  });
}

/**
 * drizzle asks postgres.js for an unnamed statement on every query, so PostgreSQL parses and
 * plans each request's SQL again — for the policy's WHERE clause that was most of the
 * statement's time. postgres.js can instead keep a named prepared statement per connection
 * and query text; the texts come from a bounded set of shapes (the policy's clause is the
 * same for a role and catalog), so this cache stays small. Raw scripts (`exec`) and COPY use
 * the client directly and are never prepared. DATABASE_PREPARE=false turns it off (a
 * connection pooler in transaction mode that does not track prepared statements).
 */
function preparing(client: postgres.Sql): postgres.Sql {
  const unsafe: postgres.Sql['unsafe'] = (query, params, options) => client.unsafe(query, params, { ...options, prepare: true });
  return new Proxy(client, { get: (target, prop, receiver) => (prop === 'unsafe' ? unsafe : Reflect.get(target, prop, receiver)) });
}

/** Opens the database the configuration names. Does not migrate (see migrate.ts). */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const { client, db } = connectPostgres(target.url, target.poolSize, {}, target.prepare ?? true, target.statementTimeoutMs);
    return {
      kind: 'postgres',
      db,
      pg: client,
      exec: async (text) => { await client.unsafe(text); },
      // postgres.js listens on a connection of its own and reconnects by itself, calling onListen again.
      listen: async (channel, onNotify, onListen) => {
        const subscription = await client.listen(channel, onNotify, onListen);
        return () => subscription.unlisten();
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const release = target.dataDir ? lockDataDir(target.dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: target.dataDir,
      extensions: { pg_trgm },
    });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite({ client, schema, logger: countingLogger }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pg: undefined,
    exec: async (text) => { await client.exec(text); },
    // In process: the connection never drops, so onListen is called once.
    listen: async (channel, onNotify, onListen) => {
      const unlisten = await client.listen(channel, onNotify);
      onListen();
      return () => unlisten();
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * DATABASE_READ_URL: the public read path served by a streaming read replica.
 *
 * Repositories hold one `Db`. With a replica attached, that `Db` is a router: each call picks
 * the primary or the replica from the request it runs in (an AsyncLocalStorage scope):
 *
 * - only a request marked read-routable may read the replica — the HTTP layer marks public
 *   (unauthenticated) queries, never mutations and never a token holder's reads (partner
 *   reads check consents and write the access log; a subject expects to see what it has just
 *   filed): see src/http/read-routing-plugin.ts;
 * - the first write of the request (insert, update, delete, transaction, raw execute — which
 *   may call a function with side effects, such as the access-log append) goes to the
 *   primary and pins the rest of the request there: reads that follow a write see it;
 * - the choice is made once per request and kept, so one response is not stitched from two
 *   servers, and only while the replica is provably within DATABASE_READ_MAX_LAG_MS of the
 *   primary (replica-lag.ts); otherwise — lagging, unreachable, not a standby — the primary
 *   serves. A revocation or repair committed on the primary thus leaves the public view
 *   within the bound, replica or not.
 *
 * Outside any request (start-up, catalog reloads, CLI tools) everything goes to the primary.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { connectPostgres, type Database, type Db } from './database';
import { ReplicaMonitor, type ReplicaStatus } from './replica-lag';

interface ReadScope {
  /** Set by the HTTP layer once it knows the operation and the caller. */
  routable: boolean;
  /** Decided at the request's first statement and kept. */
  target: 'replica' | 'primary' | undefined;
}

const readScope = new AsyncLocalStorage<ReadScope>();

/** Runs one request in its own routing scope; its statements go to the primary unless marked. */
export function inReadScope<T>(fn: () => T): T {
  return readScope.run({ routable: false, target: undefined }, fn);
}

/** Runs `fn` outside any request's routing scope: its statements go to the primary (outside-request.ts). */
export function outsideReadScope<T>(fn: () => T): T {
  return readScope.exit(fn);
}

/**
 * Lets the current request read the replica. Called before the request's first statement;
 * later calls cannot move a request that has already chosen.
 */
export function markReadRoutable(): void {
  const scope = readScope.getStore();
  if (scope) scope.routable = true;
}

/** Asked of a routing `Db`: the concrete `Db` that serves this request's reads. */
const READ_TARGET = Symbol('readTarget');

/**
 * The concrete database a read through `db` runs on now: for a routing `Db`, the primary or
 * the replica as chosen for this request; any other `Db` (or transaction) is itself. For
 * what is built once and bound to one database, such as a prepared query.
 */
export function readTarget<T extends object>(db: T): T {
  return ((db as Record<symbol, unknown>)[READ_TARGET] as T | undefined) ?? db;
}

/** Query builders that only read: served by the request's chosen server. */
const READS = new Set<PropertyKey>(['select', 'selectDistinct', 'selectDistinctOn', '$count', 'query']);

/**
 * A `Db` that sends each call to `primary` or `replica` as described above. Everything that
 * is not a known read — writes, transactions, raw SQL, drizzle internals — goes to the
 * primary and pins the request there.
 */
export function routingDb(primary: Db, replica: Db, replicaUsable: () => boolean): Db {
  const pick = (prop: PropertyKey): Db => {
    const scope = readScope.getStore();
    if (!scope || !scope.routable) return primary;
    if (!READS.has(prop)) {
      scope.target = 'primary';
      return primary;
    }
    scope.target ??= replicaUsable() ? 'replica' : 'primary';
    return scope.target === 'replica' ? replica : primary;
  };
  return new Proxy(primary, {
    get(_target, prop) {
      // The database a read of this request goes to (and the choice made, as a read makes it).
      if (prop === READ_TARGET) return pick('select');
      const db = pick(prop);
      const value = Reflect.get(db, prop, db) as unknown;
      return typeof value === 'function' ? value.bind(db) : value;
    },
  });
}

export interface ReadReplicaOptions {
  url: string;
  poolSize: number;
  maxLagMs: number;
  /** statement_timeout of the replica's request reads (LIMIT_EXECUTION_MS), as on the primary. */
  statementTimeoutMs?: number;
  probeIntervalMs?: number;
  onStateChange?: (status: ReplicaStatus, previous: string) => void;
}

/**
 * The primary's Database with its `db` routed as above. Waits for the first probe, so the
 * replica's state is known when serving starts; an unreachable replica does not stop
 * start-up (reads stay on the primary and /readyz says why). close() closes both.
 */
export async function attachReadReplica(primary: Database, opts: ReadReplicaOptions): Promise<Database> {
  if (!primary.pg) throw new Error('a read replica needs DATABASE_URL (PostgreSQL); the embedded database has none');
  const replica = connectPostgres(opts.url, opts.poolSize, {
    // Seen in pg_stat_activity on the replica; and a dead replica fails reads fast.
    connection: { application_name: 'credit-api-read' },
    connect_timeout: 5,
  }, true, opts.statementTimeoutMs);
  const monitor = new ReplicaMonitor({
    primary: primary.pg, replica: replica.client, maxLagMs: opts.maxLagMs,
    probeIntervalMs: opts.probeIntervalMs, onStateChange: opts.onStateChange,
  });
  await monitor.start();
  return {
    ...primary,
    db: routingDb(primary.db, replica.db, () => monitor.usable()),
    readReplica: monitor,
    close: async () => {
      monitor.stop();
      await replica.client.end({ timeout: 5 });
      await primary.close();
    },
  };
}

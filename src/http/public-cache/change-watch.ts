/**
 * Knows how fresh this instance's view of the database's changes is. Every committed write the
 * public could see sends a notification on `credit_public_change` (drizzle/0016); this watch
 * listens for them and hands each to the cache. To know it is not missing any, it sends a
 * heartbeat through the same channel every `heartbeatMs`: notifications arrive in commit order,
 * so once the heartbeat sent at T is back, every change committed before T has been seen.
 * `freshUntil()` is therefore T + the staleness bound; past it (listening connection down,
 * database unreachable, notifications delayed) the cache must stop answering. A reconnect of
 * the listening connection may have lost notifications: the cache is emptied then.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { outsideRequest } from '../../db/outside-request';

export const PUBLIC_CHANGE_CHANNEL = 'credit_public_change';
const HEARTBEAT = 'hb:';

export interface ChangeWatchOptions {
  /** The staleness bound: an answer may reflect the database as it was at most this long ago. */
  maxStalenessMs: number;
  /**
   * Send a heartbeat as soon as a change arrives (at most one waiting): answers computed after
   * it can then be anchored after the change (change-stream.ts) instead of a heartbeat later.
   */
  beatOnChange?: boolean;
  /** Wall clock (ms); injectable for tests. */
  now?: () => number;
}

export interface ChangeListener {
  /**
   * A change: the codes of the subjects touched, `'*'` for everything, `''` for lists and counts
   * only, or REGISTRATIONS (response-cache.ts) for subjects' registration (the subjects table
   * written), sent beside the codes.
   */
  onChange(payload: string): void;
  /** Notifications may have been lost (the listening connection was re-established): drop everything. */
  onReset(): void;
  /** A heartbeat of any instance came through: a point in the commit order every listener shares (change-stream.ts). */
  onHeartbeat?(id: string): void;
}

export class ChangeWatch {
  private readonly instance = randomUUID();
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  /** Sent-at of heartbeats on their way, by sequence number. */
  private readonly inFlight = new Map<number, number>();
  /** Waiting for a heartbeat: resolved when it (or a later one) is back. */
  private readonly waiters = new Map<number, () => void>();
  private sequence = 0;
  private confirmedSentAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private listens = 0;
  private beatQueued = false;

  constructor(private readonly database: Pick<Database, 'db' | 'listen'>, private readonly listener: ChangeListener, private readonly opts: ChangeWatchOptions) {
    this.now = opts.now ?? Date.now;
    // Several heartbeats per bound, so one lost or slow heartbeat does not end freshness at once.
    this.heartbeatMs = Math.max(50, Math.floor(opts.maxStalenessMs / 4));
  }

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(PUBLIC_CHANGE_CHANNEL, (payload) => this.received(payload), () => {
      // The first listen starts from an empty cache; any later one follows a reconnect.
      if (this.listens++ > 0) this.listener.onReset();
      void this.beat();
    });
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
    this.timer.unref();
  }

  /** Until when (ms) answers built from what this instance has seen are within the bound. */
  freshUntil(): number {
    return this.confirmedSentAt + this.opts.maxStalenessMs;
  }

  isFresh(): boolean {
    return this.now() < this.freshUntil();
  }

  /**
   * Resolves once every change committed before the call has reached this instance — a
   * heartbeat sent now has come back — or after the staleness bound at most. The handler awaits
   * it after a mutation, so that the writer's next public read on this instance sees its write.
   */
  caughtUp(): Promise<void> {
    if (!this.unlisten) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.opts.maxStalenessMs);
      const n = this.sequence + 1;
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.set(n, done);
      void this.beat();
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const done of this.waiters.values()) done();
    this.waiters.clear();
    await this.unlisten?.().catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const n = ++this.sequence;
    this.inFlight.set(n, this.now());
    // Beats lost with a broken connection are forgotten after a while; freshness simply lapses.
    for (const [k, at] of this.inFlight) if (this.now() - at > 10 * this.opts.maxStalenessMs) this.inFlight.delete(k);
    // Outside the request that asked for it (a writer's caughtUp): not queued behind the
    // requests' statements in their pool, not one of the writer's, not under its deadline.
    await outsideRequest(async () => {
      await this.database.db.execute(sql`SELECT pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${`${HEARTBEAT}${this.instance}:${n}`})`);
    }).catch(() => undefined);
  }

  private received(payload: string): void {
    if (!payload.startsWith(HEARTBEAT)) {
      this.listener.onChange(payload);
      if (this.opts.beatOnChange && !this.beatQueued && this.timer) {
        this.beatQueued = true;
        setImmediate(() => {
          this.beatQueued = false;
          void this.beat();
        });
      }
      return;
    }
    this.listener.onHeartbeat?.(payload.slice(HEARTBEAT.length));
    const [instance, n] = payload.slice(HEARTBEAT.length).split(':');
    if (instance !== this.instance) return;
    const sentAt = this.inFlight.get(Number(n));
    if (sentAt === undefined) return;
    this.inFlight.delete(Number(n));
    if (sentAt > this.confirmedSentAt) this.confirmedSentAt = sentAt;
    for (const [k, done] of this.waiters) {
      if (k > Number(n)) continue;
      this.waiters.delete(k);
      done();
    }
  }
}

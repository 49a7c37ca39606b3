/**
 * How stale the read replica is, measured so that the answer is a guarantee, not an estimate.
 *
 * Every probe notes the wall-clock time t, then reads the primary's flushed WAL position L(t)
 * (every transaction committed before t has its commit record at or before L(t)), then the
 * replica's replayed position R. Once R ≥ L(t), the replica holds everything the primary had
 * committed at t: `freshAsOf` becomes t, and the replica is at most `now − freshAsOf` behind.
 *
 * This holds whatever the cause of the lag (slow replay, replay paused, the WAL stream cut:
 * a replica that stops hearing from its primary does not know it is behind, so its own
 * `pg_last_xact_replay_timestamp()` cannot tell), and the bound keeps growing between probes
 * and while a probe hangs, so a stuck probe turns reads back to the primary by itself.
 * Sampling costs precision: a replica that is keeping up reads as up to one probe interval
 * behind.
 */
import type postgres from 'postgres';

export type ReplicaState =
  /** No probe has answered yet. */
  | 'starting'
  /** Replaying, within the lag bound: public reads go to it. */
  | 'streaming'
  /** Further behind than the bound: reads go to the primary until it catches up. */
  | 'lagging'
  /** The last probe failed (replica or primary unreachable, query error). */
  | 'unavailable'
  /** The server answers but is not a standby of this primary (promoted, or another cluster). */
  | 'not-a-replica';

export interface ReplicaStatus {
  state: ReplicaState;
  /** Where read-routable requests go right now. */
  serving: 'replica' | 'primary';
  /** Upper bound of the replica's staleness in ms (includes the sampling interval); null before the first match. */
  lagMs: number | null;
  maxLagMs: number;
  /** The last probe's failure, for operators (/readyz). */
  error?: string;
}

export interface ReplicaMonitorOptions {
  primary: postgres.Sql;
  replica: postgres.Sql;
  /** DATABASE_READ_MAX_LAG_MS: a replica further behind than this is not read. */
  maxLagMs: number;
  /** Default: a tenth of maxLagMs, between 50 ms and 1 s. */
  probeIntervalMs?: number;
  /** Told when the state changes (logging). */
  onStateChange?: (status: ReplicaStatus, previous: ReplicaState) => void;
  clock?: () => number;
}

/** A WAL position ('16/B374D848') as a number that compares. */
export function parseLsn(text: string): bigint {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!m) throw new Error(`not a WAL position: ${JSON.stringify(text)}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** Oldest primary samples are dropped beyond this; dropping only makes the bound more conservative. */
const MAX_SAMPLES = 10_000;

export class ReplicaMonitor {
  private state: ReplicaState = 'starting';
  private error: string | undefined;
  /** The replica held everything the primary had committed at this time (ms); undefined: never shown. */
  private freshAsOf: number | undefined;
  /** Primary positions not yet replayed, oldest first. */
  private samples: Array<{ at: number; lsn: bigint }> = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly interval: number;
  private readonly clock: () => number;

  constructor(private readonly opts: ReplicaMonitorOptions) {
    this.interval = opts.probeIntervalMs ?? Math.min(1000, Math.max(50, Math.floor(opts.maxLagMs / 10)));
    this.clock = opts.clock ?? Date.now;
  }

  /** Probes once (awaited, so the first status is known) and keeps probing until stop(). */
  async start(): Promise<void> {
    await this.probe();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** True when the replica may serve a read: a standby of this primary, proven within the bound. */
  usable(): boolean {
    const lag = this.lagMs();
    return (this.state === 'streaming' || this.state === 'lagging') && lag !== null && lag <= this.opts.maxLagMs;
  }

  status(): ReplicaStatus {
    return {
      // The bound grows between probes: the state is read at the time of asking, not of probing.
      state: this.state === 'streaming' || this.state === 'lagging' ? (this.usable() ? 'streaming' : 'lagging') : this.state,
      serving: this.usable() ? 'replica' : 'primary',
      lagMs: this.lagMs(),
      maxLagMs: this.opts.maxLagMs,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  private lagMs(): number | null {
    return this.freshAsOf === undefined ? null : Math.max(0, this.clock() - this.freshAsOf);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.probe().finally(() => this.schedule());
    }, this.interval);
    // The monitor never keeps the process alive on its own.
    this.timer.unref();
  }

  /** One sample: primary position first, then the replica's; never throws. */
  async probe(): Promise<void> {
    const previous = this.state;
    try {
      const at = this.clock();
      const [p] = await this.opts.primary<{ lsn: string; system: string }[]>`
        SELECT pg_current_wal_flush_lsn()::text AS lsn, (SELECT system_identifier FROM pg_control_system())::text AS system`;
      this.samples.push({ at, lsn: parseLsn(p.lsn) });
      if (this.samples.length > MAX_SAMPLES) this.samples.shift();
      const [r] = await this.opts.replica<{ standby: boolean; lsn: string | null; system: string }[]>`
        SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn,
               (SELECT system_identifier FROM pg_control_system())::text AS system`;
      if (!r.standby || r.lsn === null || r.system !== p.system) {
        this.state = 'not-a-replica';
        this.error = !r.standby ? 'the read database is not in recovery (not a standby)'
          : r.system !== p.system ? 'the read database belongs to another cluster (system identifier differs)'
          : 'the read database has replayed no WAL';
        this.freshAsOf = undefined;
        this.samples = [];
      } else {
        this.advance(parseLsn(r.lsn));
        this.error = undefined;
        this.state = this.usable() ? 'streaming' : 'lagging';
      }
    } catch (err) {
      this.state = 'unavailable';
      this.error = err instanceof Error ? err.message : String(err);
    }
    if (this.state !== previous) this.opts.onStateChange?.(this.status(), previous);
  }

  /** Moves freshAsOf to the newest sample the replica has replayed past, and forgets older ones. */
  private advance(replayed: bigint): void {
    let newest = -1;
    for (let i = 0; i < this.samples.length && this.samples[i].lsn <= replayed; i++) newest = i;
    if (newest < 0) return;
    const at = this.samples[newest].at;
    this.freshAsOf = this.freshAsOf === undefined ? at : Math.max(this.freshAsOf, at);
    this.samples = this.samples.slice(newest + 1);
  }
}

/**
 * The order of what this instance has received on the change channel, as a clock every
 * instance shares without comparing wall clocks. PostgreSQL delivers the notifications of
 * `credit_public_change` to every listener in one order, the commit order; the heartbeats of
 * every instance (change-watch.ts) travel in it too and each has a unique id. So "after
 * heartbeat X" means the same thing on every instance that received X.
 *
 * The shared tier (shared-tier.ts) uses it for exactness across instances: an answer computed
 * by instance A is stored with an anchor — the last heartbeat A had received before the data
 * it read (its start, less the replica's lag bound). Every change the answer may lack was
 * committed after the data was read, hence after the anchor in the stream. Instance B accepts
 * the answer only if it received the anchor itself and no change touching the answer's tags
 * since (a reset — notifications possibly lost — touches everything), while its own watch is
 * fresh: then the answer is what B would compute from everything it has seen.
 */
import type { CacheTags, Change, Ticket as Mark } from './response-cache';

export interface ChangeStreamOptions {
  /** How long (ms) received heartbeats and changes are remembered; an older anchor is unknown. */
  memoryMs: number;
  /** At most this many of each are remembered. */
  maxElements?: number;
  now?: () => number;
}

export class ChangeStream {
  private seq = 0;
  /** Heartbeats by id, in arrival order (a Map keeps insertion order). */
  private readonly marks = new Map<string, Mark>();
  /** The same ids, oldest first (a forgotten one is removed from the front in `forget`). */
  private order: string[] = [];
  private changes: Change[] = [];
  private readonly now: () => number;
  private readonly maxElements: number;

  constructor(private readonly opts: ChangeStreamOptions) {
    this.now = opts.now ?? Date.now;
    this.maxElements = opts.maxElements ?? 50_000;
  }

  /** A heartbeat (any instance's) came through. */
  heartbeat(id: string): void {
    const at = this.now();
    if (this.marks.has(id)) return; // delivered once; never moved
    this.marks.set(id, { seq: ++this.seq, at });
    this.order.push(id);
    this.forget(at);
  }

  /** A change notification's payload: codes separated by commas, REGISTRATIONS, `'*'`, or `''` (lists and counts only). */
  change(payload: string): void {
    const at = this.now();
    this.changes.push({ seq: ++this.seq, at, codes: payload === '*' ? null : new Set(payload.split(',').filter(Boolean)) });
    this.forget(at);
  }

  /** The listening connection was re-established: what came meanwhile is unknown. */
  reset(): void {
    const at = this.now();
    this.changes.push({ seq: ++this.seq, at, codes: null });
    this.forget(at);
  }

  /** The last heartbeat received at or before `at` (ms), if one is remembered. Searched from the newest: taken on every miss. */
  anchor(at: number): string | undefined {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const id = this.order[i]!;
      const mark = this.marks.get(id);
      if (!mark) break; // forgotten, and so is everything before it
      if (mark.at <= at) return id;
    }
    return undefined;
  }

  /** Has nothing touching `tags` been received since heartbeat `anchor` (which must have been received here)? */
  unchangedSince(anchor: string, tags: CacheTags): boolean {
    const mark = this.marks.get(anchor);
    if (!mark) return false;
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const c = this.changes[i]!;
      if (c.seq < mark.seq) break;
      if (c.codes === null || tags === null || tags.some((code) => c.codes!.has(code))) return false;
    }
    return true;
  }

  /** Forgets from the oldest end only, so whatever follows a remembered heartbeat is remembered too. */
  private forget(now: number): void {
    const horizon = now - this.opts.memoryMs;
    if (this.changes.length > this.maxElements) {
      const dropped = this.changes.splice(0, this.changes.length - this.maxElements);
      // A heartbeat before a forgotten change can no longer be checked: it goes too.
      const lastDropped = dropped[dropped.length - 1]!.seq;
      for (const [id, mark] of this.marks) {
        if (mark.seq > lastDropped) break;
        this.marks.delete(id);
      }
    }
    for (const [id, mark] of this.marks) {
      if (mark.at >= horizon && this.marks.size <= this.maxElements) break;
      this.marks.delete(id);
    }
    const gone = this.order.length - this.marks.size;
    if (gone > 0) this.order.splice(0, gone);
    // Changes before the oldest remembered heartbeat can no longer matter to any check.
    const first = this.marks.values().next().value as Mark | undefined;
    const keepFrom = first?.seq ?? this.seq + 1;
    if (this.changes.length > 0 && this.changes[0]!.seq < keepFrom) {
      const i = this.changes.findIndex((c) => c.seq >= keepFrom);
      this.changes.splice(0, i < 0 ? this.changes.length : i);
    }
  }
}

/**
 * The public response cache: answers to the public (no token) kept in process, bounded by
 * memory (LRU, `maxBytes`), each tagged with what it depends on — the codes of the subjects it
 * is about; REGISTRATIONS, for a search that reads subjects' registration only; or "across
 * subjects" (a list, a count, a search reaching records, anything else). A change (see
 * change-watch.ts) evicts exactly the entries tagged with what it names — the codes of the
 * subjects it touched, and REGISTRATIONS when it wrote subjects — and every across-subjects
 * entry; `'*'` (catalog, agencies, or too many subjects) evicts everything.
 *
 * An answer computed while a change it depends on was being committed must not be stored:
 * each computation takes a ticket (the change sequence number and time when it began), and
 * `store` refuses the answer if a change touching its tags arrived since — or, when answers
 * may come from a read replica lagging up to `replicaLagMs`, arrived that long before it began.
 * Nothing is served while the change watch is not fresh (the staleness bound).
 */
import { LRUCache } from 'lru-cache';

export interface CachedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly etag: string;
}

/**
 * What an answer depends on: the subjects' codes and REGISTRATIONS (any of them changed ends
 * it), or null for "across subjects" (any change ends it).
 */
export type CacheTags = readonly string[] | null;

/**
 * The tag of answers that depend on subjects' registration (the subjects table and its name
 * index) and not on credit records; also the payload the database sends when a statement
 * writes subjects (drizzle/0023), beside the subjects' codes. No code can be it (a code has no '@').
 */
export const REGISTRATIONS = '@registrations';

export interface Ticket {
  readonly seq: number;
  readonly at: number;
}

/** A change as an instance received it: its place in the order, when, and the subjects it touched. */
export interface Change {
  readonly seq: number;
  readonly at: number;
  /** null: everything (a `'*'` change, or a reset). */
  readonly codes: ReadonlySet<string> | null;
}

interface Entry {
  readonly response: CachedResponse;
  readonly tags: CacheTags;
}

export interface ResponseCacheOptions {
  maxBytes: number;
  /** DATABASE_READ_MAX_LAG_MS when public reads may go to a replica; 0 otherwise. */
  replicaLagMs: number;
  /** Is the change watch within its staleness bound now? */
  isFresh: () => boolean;
  now?: () => number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Lookups refused because the change watch was not fresh. */
  bypassed: number;
  stored: number;
  /** Answers not stored because a change they depend on arrived while they were computed. */
  refused: number;
  evicted: number;
}

/** How long changes are remembered for `store`'s check; a ticket older than that is refused. */
const CHANGE_MEMORY_MS = 60_000;
const CHANGE_MEMORY_MAX = 10_000;

export class PublicResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly bySubject = new Map<string, Set<string>>();
  private readonly acrossSubjects = new Set<string>();
  private changes: Change[] = [];
  private seq = 0;
  private readonly now: () => number;
  readonly stats: CacheStats = { hits: 0, misses: 0, bypassed: 0, stored: 0, refused: 0, evicted: 0 };

  constructor(private readonly opts: ResponseCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.entries = new LRUCache<string, Entry>({
      maxSize: opts.maxBytes,
      // UTF-16 body plus key and bookkeeping: a conservative estimate of the heap it holds.
      sizeCalculation: (entry, key) => 2 * (entry.response.body.length + key.length) + 256,
      dispose: (entry, key) => this.untag(key, entry.tags),
    });
  }

  lookup(key: string): CachedResponse | undefined {
    if (!this.opts.isFresh()) {
      this.stats.bypassed += 1;
      return undefined;
    }
    const entry = this.entries.get(key);
    if (entry) this.stats.hits += 1;
    else this.stats.misses += 1;
    return entry?.response;
  }

  /** Taken before an answer is computed; `store` checks the changes that arrived since. */
  ticket(): Ticket {
    return { seq: this.seq, at: this.now() };
  }

  store(ticket: Ticket, key: string, response: CachedResponse, tags: CacheTags): boolean {
    if (!this.opts.isFresh() || this.changedSince(ticket, tags)) {
      this.stats.refused += 1;
      return false;
    }
    return this.keep(key, response, tags);
  }

  /**
   * Keeps an answer the caller has just found current with everything this instance has
   * received (the shared tier's, checked against the change stream in the same turn of the
   * event loop): a change arriving later evicts it like any other.
   */
  keep(key: string, response: CachedResponse, tags: CacheTags): boolean {
    this.entries.set(key, { response, tags });
    if (!this.entries.has(key)) return false; // larger than the whole cache
    if (tags === null) this.acrossSubjects.add(key);
    else for (const code of tags) {
      let keys = this.bySubject.get(code);
      if (!keys) this.bySubject.set(code, (keys = new Set()));
      keys.add(key);
    }
    this.stats.stored += 1;
    return true;
  }

  /** A change notification's payload: codes (and REGISTRATIONS) separated by commas, `'*'`, or `''`. */
  change(payload: string): void {
    const codes = payload === '*' ? null : new Set(payload.split(',').filter(Boolean));
    this.remember(codes);
    if (codes === null) {
      this.clear();
      return;
    }
    for (const key of [...this.acrossSubjects]) this.evict(key);
    for (const code of codes) for (const key of [...(this.bySubject.get(code) ?? [])]) this.evict(key);
  }

  /** Everything goes (notifications may have been lost). */
  reset(): void {
    this.remember(null);
    this.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(codes: ReadonlySet<string> | null): void {
    this.seq += 1;
    const at = this.now();
    this.changes.push({ seq: this.seq, at, codes });
    if (this.changes.length > CHANGE_MEMORY_MAX || this.changes[0]!.at < at - CHANGE_MEMORY_MS) {
      this.changes = this.changes.filter((c, i) => c.at >= at - CHANGE_MEMORY_MS && i >= this.changes.length - CHANGE_MEMORY_MAX);
    }
  }

  private changedSince(ticket: Ticket, tags: CacheTags): boolean {
    const lag = this.opts.replicaLagMs;
    // Changes that may be missing from the answer: those that arrived after it began and, when it
    // may have been read from a replica, those that arrived within the replica's lag before.
    const relevant = (c: Change) => c.seq > ticket.seq || (lag > 0 && c.at >= ticket.at - lag);
    const oldest = this.changes[0];
    // Older changes are forgotten: an answer begun that long ago cannot be checked, so it is not kept.
    if (oldest && oldest.seq > 1 && relevant({ seq: oldest.seq - 1, at: oldest.at, codes: null })) return true;
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const c = this.changes[i]!;
      if (!relevant(c)) break;
      if (c.codes === null || tags === null || tags.some((code) => c.codes!.has(code))) return true;
    }
    return false;
  }

  private evict(key: string): void {
    if (this.entries.delete(key)) this.stats.evicted += 1;
  }

  private clear(): void {
    this.stats.evicted += this.entries.size;
    this.entries.clear();
    this.bySubject.clear();
    this.acrossSubjects.clear();
  }

  private untag(key: string, tags: CacheTags): void {
    if (tags === null) {
      this.acrossSubjects.delete(key);
      return;
    }
    for (const code of tags) {
      const keys = this.bySubject.get(code);
      keys?.delete(key);
      if (keys && keys.size === 0) this.bySubject.delete(code);
    }
  }
}

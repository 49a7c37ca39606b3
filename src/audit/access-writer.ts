/**
 * Writes requests' access entries to the chained log: this instance seals them into its
 * writer stream (MACs under a key the database never sees, src/audit/log-stream.ts), and the
 * database links them into the global chain (drizzle/0010: one statement per append, chained
 * and serialised under an advisory lock held to commit).
 *
 * Appending one request at a time would make each partner request wait for every other's
 * commit in turn — the lock is held through the commit's WAL flush. So appends are grouped:
 * while one append runs, the entries of requests arriving meanwhile gather, and go in the
 * next append, together, in one statement and one commit (group commit). Each request still
 * answers only after its own rows are committed (fail closed): a failed append fails every
 * request whose rows it carried, and none of them is answered with data.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { AccessEntry } from './access-entry';
import { appendMessage } from './append-message';
import type { LogStream } from './log-stream';

/**
 * One statement: the database chains the sealed rows in the order given. What a request's rows
 * share goes once (append-message.ts): a third of the bytes to send and parse.
 */
export async function appendAccessLog(db: Db, entries: readonly AccessEntry[], stream: LogStream): Promise<void> {
  if (entries.length === 0) return;
  const batch = stream.seal(entries);
  try {
    await db.execute(sql`SELECT append_access_log_grouped(${JSON.stringify(appendMessage(batch.entries))}::jsonb)`);
  } catch (err) {
    batch.abandoned();
    throw err;
  }
  batch.committed();
}

interface Batch {
  entries: AccessEntry[];
  waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }>;
}

export class AccessLogWriter {
  private pending: Batch | undefined;
  private running: Promise<void> | undefined;

  /** `onAppended`: told how many rows each committed append carried (the checkpointer counts them). */
  constructor(
    private readonly db: () => Db,
    private readonly stream: LogStream,
    private readonly onAppended?: (rows: number) => void,
  ) {}

  /** Resolves once these entries are committed to the log; rejects if their append failed. */
  append(entries: readonly AccessEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const batch = (this.pending ??= { entries: [], waiters: [] });
      batch.entries.push(...entries);
      batch.waiters.push({ resolve, reject });
      if (!this.running) this.drain();
    });
  }

  /** Resolves when nothing is waiting or being written (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private drain(): void {
    const batch = this.pending;
    this.pending = undefined;
    if (!batch) {
      this.running = undefined;
      return;
    }
    this.running = appendAccessLog(this.db(), batch.entries, this.stream).then(
      () => {
        batch.waiters.forEach((w) => w.resolve());
        this.onAppended?.(batch.entries.length);
      },
      (err: unknown) => batch.waiters.forEach((w) => w.reject(err)),
    ).finally(() => this.drain());
  }
}

/**
 * One writer stream of the access log: the rows one AccessLogWriter appends, MAC-chained
 * among themselves. The writer appends one batch at a time, so it knows its stream's last MAC
 * without asking the database — which is what keeps the key out of the database and the
 * append one statement, with any number of server instances (each has its own streams).
 *
 * A batch whose append fails may still have been committed (a connection lost after COMMIT),
 * so after any failure the stream is not continued: the next batch starts a new stream. The
 * verifier accepts a stream that ends early; it refuses one that skips or repeats a row.
 */
import { randomBytes } from 'node:crypto';
import type { AccessEntry } from './access-entry';
import { canonicalText, canonicalTime, GENESIS, rowMac, type SealedEntry } from './hash-chain';
import type { MacKey } from './log-keys';

export interface SealedBatch {
  readonly entries: readonly SealedEntry[];
  /** The batch is committed: the stream continues after it. */
  committed(): void;
  /** The batch's fate is unknown or it failed: the stream ends here. */
  abandoned(): void;
}

export class LogStream {
  private writer = newWriterId();
  private seq = 0;
  private lastMac = GENESIS;
  private outstanding = false;

  constructor(private readonly key: MacKey) {}

  seal(entries: readonly AccessEntry[]): SealedBatch {
    // Two batches in flight would both link to the same predecessor: a fork the verifier refuses.
    if (this.outstanding) throw new Error('LogStream.seal: the previous batch is still being written');
    this.outstanding = true;
    let prev = this.lastMac;
    let seq = this.seq;
    const writer = this.writer;
    const sealed = entries.map((entry): SealedEntry => {
      seq += 1;
      const fields = { ...entry, writer, writerSeq: seq, keyId: this.key.id };
      const mac = rowMac(this.key.key, prev, canonicalText(timeOf(entry.at), fields));
      prev = mac;
      return { ...fields, mac };
    });
    return {
      entries: sealed,
      committed: () => {
        this.outstanding = false;
        this.seq = seq;
        this.lastMac = prev;
      },
      abandoned: () => {
        this.outstanding = false;
        this.writer = newWriterId();
        this.seq = 0;
        this.lastMac = GENESIS;
      },
    };
  }
}

/** The canonical time of an entry's `at`; the writer's own ISO form (milliseconds, Z) without a Date round trip. */
function timeOf(at: string): string {
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at)) return `${at.slice(0, 23)}000Z`;
  const date = new Date(at);
  return canonicalTime(date, date.getUTCMilliseconds() * 1000);
}

function newWriterId(): string {
  return `w${randomBytes(8).toString('hex')}`;
}

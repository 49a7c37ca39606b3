import type { Db } from '../db/database';
import type { AccessEntry } from './access-entry';
import { AccessLogWriter } from './access-writer';
import { entriesOfMessage, type AppendMessage } from './append-message';
import type { SealedEntry } from './hash-chain';
import { macKeyOf } from './log-keys';
import { LogStream } from './log-stream';

const stream = () => new LogStream(macKeyOf(Buffer.alloc(32, 7)));

const entry = (requestId: string): AccessEntry => ({
  at: '2026-11-29T00:00:00.000Z', requestId, principal: 'p', role: 'PARTNER', agencyCode: 'JS_PRTC', purpose: 'X',
  clientRequestId: null, operation: 'query Q', subjectId: 1, itemCode: '03-02-001', fieldPath: 'subject{name}', decision: 'ALLOW', reason: 'SHARE',
});

/** A database whose appends take until released, recording what each carried. */
function slowDb() {
  const appends: { requestIds: string[]; sealed: SealedEntry[]; release: (err?: Error) => void }[] = [];
  const db = {
    execute: (query: { queryChunks: unknown[] }) =>
      new Promise<void>((resolve, reject) => {
        const param = query.queryChunks.find((c): c is string => typeof c === 'string' && c.startsWith('{'));
        const sealed = param ? entriesOfMessage(JSON.parse(param) as AppendMessage) : [];
        appends.push({ requestIds: sealed.map((e) => e.requestId), sealed, release: (err) => (err ? reject(err) : resolve()) });
      }),
  } as unknown as Db;
  return { db, appends };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('AccessLogWriter (group commit)', () => {
  it('appends the entries of requests that arrive during an append together, in arrival order', async () => {
    const { db, appends } = slowDb();
    const writer = new AccessLogWriter(() => db, stream());
    const first = writer.append([entry('a')]);
    await tick();
    const later = [writer.append([entry('b')]), writer.append([entry('c'), entry('d')]), writer.append([])];
    await tick();
    expect(appends.map((a) => a.requestIds)).toEqual([['a']]);
    appends[0]!.release();
    await first;
    await tick();
    expect(appends.map((a) => a.requestIds)).toEqual([['a'], ['b', 'c', 'd']]);
    appends[1]!.release();
    await Promise.all(later);
    await writer.idle();
  });

  it('fails every request whose entries a failed append carried, and only those', async () => {
    const { db, appends } = slowDb();
    const writer = new AccessLogWriter(() => db, stream());
    const a = writer.append([entry('a')]);
    await tick();
    const b = writer.append([entry('b')]);
    const c = writer.append([entry('c')]);
    appends[0]!.release();
    await a;
    await tick();
    appends[1]!.release(new Error('disk full'));
    await expect(b).rejects.toThrow('disk full');
    await expect(c).rejects.toThrow('disk full');
    const d = writer.append([entry('d')]);
    await tick();
    expect(appends[2]!.requestIds).toEqual(['d']);
    appends[2]!.release();
    await expect(d).resolves.toBeUndefined();
  });

  it('continues one writer stream across committed appends, and starts a new one after a failed append', async () => {
    const { db, appends } = slowDb();
    const writer = new AccessLogWriter(() => db, stream());
    const a = writer.append([entry('a'), entry('b')]);
    await tick();
    appends[0]!.release();
    await a;
    const c = writer.append([entry('c')]);
    await tick();
    appends[1]!.release(new Error('connection lost'));
    await expect(c).rejects.toThrow('connection lost');
    const d = writer.append([entry('d')]);
    await tick();
    appends[2]!.release();
    await d;
    const [first, second, third] = appends.map((x) => x.sealed);
    expect(first!.map((e) => e.writerSeq)).toEqual([1, 2]);
    expect(second![0]).toMatchObject({ writer: first![0]!.writer, writerSeq: 3 });
    // The failed batch may have been committed: continuing after it could fork the stream.
    expect(third![0]!.writer).not.toBe(first![0]!.writer);
    expect(third![0]!.writerSeq).toBe(1);
    expect(new Set(appends.flatMap((x) => x.sealed.map((e) => e.mac))).size).toBe(4);
  });
});

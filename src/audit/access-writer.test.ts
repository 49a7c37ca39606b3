import type { Db } from '../db/database';
import type { AccessEntry } from './access-entry';
import { AccessLogWriter } from './access-writer';

const entry = (requestId: string): AccessEntry => ({
  at: '2026-11-29T00:00:00.000Z', requestId, principal: 'p', role: 'PARTNER', agencyCode: 'JS_PRTC', purpose: 'X',
  operation: 'query Q', subjectId: 1, itemCode: '03-02-001', fieldPath: 'subject{name}', decision: 'ALLOW', reason: 'SHARE',
});

/** A database whose appends take until released, recording what each carried. */
function slowDb() {
  const appends: { requestIds: string[]; release: (err?: Error) => void }[] = [];
  const db = {
    execute: (query: { queryChunks: unknown[] }) =>
      new Promise<void>((resolve, reject) => {
        const param = query.queryChunks.find((c): c is string => typeof c === 'string' && c.startsWith('['));
        const requestIds = (JSON.parse(param ?? '[]') as AccessEntry[]).map((e) => e.requestId);
        appends.push({ requestIds, release: (err) => (err ? reject(err) : resolve()) });
      }),
  } as unknown as Db;
  return { db, appends };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('AccessLogWriter (group commit)', () => {
  it('appends the entries of requests that arrive during an append together, in arrival order', async () => {
    const { db, appends } = slowDb();
    const writer = new AccessLogWriter(() => db);
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
    const writer = new AccessLogWriter(() => db);
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
});

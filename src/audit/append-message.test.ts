/**
 * The grouped append message (append-message.ts) carries every sealed entry whole: rebuilt,
 * the entries are those sealed, in their order, whatever runs of requests a batch holds.
 */
import fc from 'fast-check';
import type { AccessEntry } from './access-entry';
import { appendMessage, entriesOfMessage } from './append-message';
import { macKeyOf } from './log-keys';
import { LogStream } from './log-stream';

const requestMeta = fc.record({
  at: fc.constantFrom('2026-12-07T05:00:00.000Z', '2026-12-07T05:00:00.001Z'),
  requestId: fc.constantFrom('r1', 'r2', 'r3'),
  clientRequestId: fc.option(fc.constantFrom('c1', 'c2'), { nil: null }),
  principal: fc.constantFrom('p1', 'p2'),
  role: fc.constantFrom('PARTNER', 'DEPARTMENT'),
  agencyCode: fc.option(fc.constantFrom('JS_PRTC', 'SAMR'), { nil: null }),
  purpose: fc.option(fc.constantFrom('PUBLIC_RESOURCE_TRADING', 'AUDIT'), { nil: null }),
  operation: fc.constantFrom('query A', 'query B'),
});
const rowPart = fc.record({
  subjectId: fc.option(fc.nat(), { nil: null }),
  itemCode: fc.option(fc.constantFrom('01-01-001', '03-02-001'), { nil: null }),
  fieldPath: fc.string(),
  decision: fc.constantFrom('ALLOW', 'MASK', 'DENY') as fc.Arbitrary<AccessEntry['decision']>,
  reason: fc.string(),
});
/** Runs of rows per request, a request's meta repeated for each of its rows (as the buffer writes them). */
const batch = fc.array(fc.tuple(requestMeta, fc.array(rowPart, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 6 })
  .map((runs) => runs.flatMap(([meta, rows]) => rows.map((row): AccessEntry => ({ ...meta, ...row }))));

describe('appendMessage', () => {
  it('rebuilds to exactly the sealed entries, in order', () => {
    fc.assert(fc.property(batch, (entries) => {
      const sealed = new LogStream(macKeyOf(Buffer.alloc(32, 3))).seal(entries).entries;
      const message = JSON.parse(JSON.stringify(appendMessage(sealed)));
      expect(entriesOfMessage(message)).toEqual(sealed.map((e) => JSON.parse(JSON.stringify(e))));
    }));
  });

  it('sends what a request\'s rows share once per run of them', () => {
    const meta = { at: '2026-12-07T05:00:00.000Z', requestId: 'r', clientRequestId: null, principal: 'p', role: 'PARTNER', agencyCode: 'A', purpose: 'P', operation: 'query Q' };
    const rows = Array.from({ length: 5 }, (_, i): AccessEntry => ({ ...meta, subjectId: i, itemCode: null, fieldPath: `f${i}`, decision: 'ALLOW', reason: 'COUNT' }));
    const message = appendMessage(new LogStream(macKeyOf(Buffer.alloc(32, 3))).seal([...rows, { ...rows[0]!, requestId: 's' }]).entries);
    expect(message.requests.map((r) => [r.requestId, r.rows.length])).toEqual([['r', 5], ['s', 1]]);
  });
});

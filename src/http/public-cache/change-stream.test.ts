/** The change stream on its own: anchors, what counts as a change since one, and what it forgets. */
import { ChangeStream } from './change-stream';
import { REGISTRATIONS } from './response-cache';

function streamAt(opts: { memoryMs?: number; maxElements?: number } = {}) {
  let t = 1_000_000;
  const stream = new ChangeStream({ memoryMs: opts.memoryMs ?? 60_000, maxElements: opts.maxElements, now: () => t });
  return { stream, advance: (ms: number) => { t += ms; }, now: () => t };
}

describe('ChangeStream', () => {
  it('judges an answer by the changes received after its anchor: the subjects it names, anything for one across subjects', () => {
    const { stream } = streamAt();
    stream.heartbeat('x:1');
    stream.change('CODE_A');
    stream.heartbeat('y:1');
    expect(stream.unchangedSince('x:1', ['CODE_A'])).toBe(false);
    expect(stream.unchangedSince('x:1', ['CODE_B'])).toBe(true);
    expect(stream.unchangedSince('x:1', null)).toBe(false);
    expect(stream.unchangedSince('y:1', ['CODE_A'])).toBe(true);
    expect(stream.unchangedSince('y:1', null)).toBe(true);
    stream.change(''); // lists and counts only
    expect(stream.unchangedSince('y:1', ['CODE_A'])).toBe(true);
    expect(stream.unchangedSince('y:1', null)).toBe(false);
    stream.change('*');
    expect(stream.unchangedSince('y:1', ['CODE_B'])).toBe(false);
  });

  it('judges a search of registrations by registration changes only', () => {
    const { stream } = streamAt();
    stream.heartbeat('x:1');
    stream.change('CODE_A');
    stream.change('');
    expect(stream.unchangedSince('x:1', [REGISTRATIONS])).toBe(true);
    stream.change(REGISTRATIONS);
    expect(stream.unchangedSince('x:1', [REGISTRATIONS])).toBe(false);
    expect(stream.unchangedSince('x:1', ['CODE_B'])).toBe(true);
    stream.heartbeat('y:1');
    stream.change('*');
    expect(stream.unchangedSince('y:1', [REGISTRATIONS])).toBe(false);
  });

  it('refuses an anchor it never received, and every anchor before a reset', () => {
    const { stream } = streamAt();
    expect(stream.unchangedSince('other-database:7', ['CODE_A'])).toBe(false);
    stream.heartbeat('x:1');
    stream.reset();
    stream.heartbeat('x:2');
    expect(stream.unchangedSince('x:1', ['CODE_A'])).toBe(false);
    expect(stream.unchangedSince('x:2', ['CODE_A'])).toBe(true);
  });

  it('anchors at the last heartbeat received by the given time (a computation\'s start, less a replica\'s lag)', () => {
    const { stream, advance, now } = streamAt();
    expect(stream.anchor(now())).toBeUndefined();
    stream.heartbeat('x:1');
    advance(1000);
    stream.heartbeat('y:1');
    advance(1000);
    stream.heartbeat('x:2');
    expect(stream.anchor(now())).toBe('x:2');
    expect(stream.anchor(now() - 1500)).toBe('x:1');
    expect(stream.anchor(now() - 5000)).toBeUndefined();
  });

  it('forgets the oldest heartbeats by age and by count, and never a change after a heartbeat it still knows', () => {
    const { stream, advance } = streamAt({ memoryMs: 10_000, maxElements: 3 });
    stream.heartbeat('old');
    advance(11_000);
    stream.heartbeat('new');
    expect(stream.unchangedSince('old', ['CODE_A'])).toBe(false); // forgotten: cannot be judged
    expect(stream.unchangedSince('new', ['CODE_A'])).toBe(true);
    stream.change('CODE_A');
    stream.change('CODE_B');
    stream.change('CODE_C');
    stream.change('CODE_D'); // the first change is dropped by count, and 'new', which preceded it, with it
    expect(stream.unchangedSince('new', ['CODE_E'])).toBe(false);
  });
});

/** The cache's bookkeeping on its own: exact eviction by tag, and the store check against changes in flight. */
import { PublicResponseCache, REGISTRATIONS, type CachedResponse } from './response-cache';

const answer = (body: string): CachedResponse => ({ status: 200, contentType: 'application/json', body, etag: `"${body}"` });

function cacheAt(opts: { replicaLagMs?: number; fresh?: () => boolean } = {}) {
  let t = 1_000_000;
  const cache = new PublicResponseCache({ maxBytes: 1 << 20, replicaLagMs: opts.replicaLagMs ?? 0, isFresh: opts.fresh ?? (() => true), now: () => t });
  return { cache, advance: (ms: number) => { t += ms; } };
}

describe('PublicResponseCache', () => {
  it('evicts the entries of the subjects a change names and every entry across subjects, nothing else', () => {
    const { cache } = cacheAt();
    cache.store(cache.ticket(), 'A', answer('a'), ['CODE_A']);
    cache.store(cache.ticket(), 'B', answer('b'), ['CODE_B']);
    cache.store(cache.ticket(), 'AB', answer('ab'), ['CODE_A', 'CODE_B']);
    cache.store(cache.ticket(), 'search', answer('s'), null);
    cache.change('CODE_A');
    expect(['A', 'B', 'AB', 'search'].map((k) => cache.lookup(k)?.body)).toEqual([undefined, 'b', undefined, undefined]);
    cache.change('');
    expect(cache.lookup('B')?.body).toBe('b');
    cache.change('*');
    expect(cache.size).toBe(0);
  });

  it('keeps a search of registrations through changes to records (codes, ""), and evicts it with a registration change', () => {
    const { cache } = cacheAt();
    cache.store(cache.ticket(), 'search', answer('s'), [REGISTRATIONS]);
    cache.store(cache.ticket(), 'list', answer('l'), null);
    cache.store(cache.ticket(), 'A', answer('a'), ['CODE_A']);
    cache.change('CODE_A');
    cache.change('');
    expect(['search', 'list', 'A'].map((k) => cache.lookup(k)?.body)).toEqual(['s', undefined, undefined]);
    cache.store(cache.ticket(), 'A', answer('a'), ['CODE_A']);
    // A statement writing subjects: the codes, then REGISTRATIONS (drizzle/0023).
    cache.change('CODE_B');
    expect(cache.lookup('search')?.body).toBe('s');
    cache.change(REGISTRATIONS);
    expect(['search', 'A'].map((k) => cache.lookup(k)?.body)).toEqual([undefined, 'a']);
    // And an answer computed meanwhile is refused.
    const ticket = cache.ticket();
    cache.change(REGISTRATIONS);
    expect(cache.store(ticket, 'search', answer('s'), [REGISTRATIONS])).toBe(false);
    expect(cache.store(ticket, 'A', answer('a'), ['CODE_A'])).toBe(true);
  });

  it('refuses an answer computed while a change it depends on arrived, and keeps one a change elsewhere did not touch', () => {
    const { cache } = cacheAt();
    const t1 = cache.ticket();
    const t2 = cache.ticket();
    cache.change('CODE_A');
    expect(cache.store(t1, 'A', answer('a'), ['CODE_A'])).toBe(false);
    expect(cache.store(t2, 'B', answer('b'), ['CODE_B'])).toBe(true);
    expect(cache.store(t2, 'search', answer('s'), null)).toBe(false);
    expect(cache.store(cache.ticket(), 'A', answer('a2'), ['CODE_A'])).toBe(true);
  });

  it('with a read replica, also refuses an answer begun within the replica\'s lag after a change it depends on', () => {
    const { cache, advance } = cacheAt({ replicaLagMs: 500 });
    cache.change('CODE_A');
    advance(200);
    expect(cache.store(cache.ticket(), 'A', answer('a'), ['CODE_A'])).toBe(false);
    expect(cache.store(cache.ticket(), 'B', answer('b'), ['CODE_B'])).toBe(true);
    advance(400);
    expect(cache.store(cache.ticket(), 'A', answer('a'), ['CODE_A'])).toBe(true);
  });

  it('answers nothing and keeps nothing while it is not fresh', () => {
    let fresh = true;
    const { cache } = cacheAt({ fresh: () => fresh });
    cache.store(cache.ticket(), 'A', answer('a'), ['CODE_A']);
    fresh = false;
    expect(cache.lookup('A')).toBeUndefined();
    expect(cache.store(cache.ticket(), 'B', answer('b'), ['CODE_B'])).toBe(false);
    expect(cache.stats).toMatchObject({ bypassed: 1, refused: 1 });
  });

  it('stays within its memory bound, dropping the least recently used and their tags', () => {
    const cache = new PublicResponseCache({ maxBytes: 10_000, replicaLagMs: 0, isFresh: () => true });
    for (let i = 0; i < 50; i++) cache.store(cache.ticket(), `k${i}`, answer('x'.repeat(1000)), [`C${i}`]);
    expect(cache.size).toBeLessThan(5);
    expect(cache.lookup('k49')).toBeDefined();
    expect(cache.lookup('k0')).toBeUndefined();
  });
});

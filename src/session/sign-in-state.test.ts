import { randomBytes } from 'node:crypto';
import { openState, returnPath, sealState } from './sign-in-state';

describe('the sealed sign-in state', () => {
  const key = randomBytes(32);
  const state = { state: 's', nonce: 'n', verifier: 'v'.repeat(43), returnTo: '/subject/x' };
  const now = new Date('2026-06-01T00:00:00Z');

  it('opens with its key within ten minutes, and hides the verifier', async () => {
    const sealed = await sealState(key, state, now);
    expect(sealed).not.toContain('vvvv');
    expect(Buffer.from(sealed.split('.')[3] ?? '', 'base64url').toString()).not.toContain('vvvv');
    expect(await openState(key, sealed, new Date(now.getTime() + 599_000))).toEqual(state);
  });

  it('does not open late, with another key, or altered', async () => {
    const sealed = await sealState(key, state, now);
    expect(await openState(key, sealed, new Date(now.getTime() + 601_000))).toBeUndefined();
    expect(await openState(randomBytes(32), sealed, now)).toBeUndefined();
    const parts = sealed.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await openState(key, parts.join('.'), now)).toBeUndefined();
    expect(await openState(key, undefined, now)).toBeUndefined();
  });

  it('returns only to a path on this server', () => {
    expect(returnPath('/subject/91320100748204660Q')).toBe('/subject/91320100748204660Q');
    for (const bad of [null, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      expect(returnPath(bad)).toBe('/');
    }
  });
});

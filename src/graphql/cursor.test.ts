/** Sealed cursors: they round-trip, say nothing readable, and open only for their list and key. */
import { randomBytes } from 'node:crypto';
import { openCursor, sealCursor, useCursorSecret } from './cursor';

describe('connection cursors', () => {
  beforeAll(() => useCursorSecret(Buffer.alloc(32, 7)));

  it('round-trip the key, deterministically, without showing it', () => {
    const key = ['2026-11-20T04:00:00.000Z', 123456];
    const cursor = sealCursor('myConsents:42', key);
    expect(openCursor('myConsents:42', cursor)).toEqual(key);
    expect(sealCursor('myConsents:42', key)).toBe(cursor);
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toMatch(/2026|123456/);
  });

  it('open only for the list they were sealed for', () => {
    const cursor = sealCursor('myConsents:42', [1]);
    expect(openCursor('myConsents:43', cursor)).toBeUndefined();
    expect(openCursor('myObjections:42', cursor)).toBeUndefined();
  });

  it('refuse any altered byte, a truncation, garbage, and another deployment\'s key', () => {
    const cursor = sealCursor('l', [5, 'x']);
    const raw = Buffer.from(cursor, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const altered = Buffer.from(raw);
      altered[i]! ^= 1;
      expect(openCursor('l', altered.toString('base64url'))).toBeUndefined();
    }
    expect(openCursor('l', cursor.slice(0, -2))).toBeUndefined();
    expect(openCursor('l', 'b2Zmc2V0OjE')).toBeUndefined(); // offset:1, an earlier release's cursor
    expect(openCursor('l', '!!!')).toBeUndefined();
    useCursorSecret(randomBytes(32));
    expect(openCursor('l', cursor)).toBeUndefined();
  });
});

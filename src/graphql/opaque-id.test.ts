/**
 * Opaque ids: they round-trip for every type, are accepted only for their own type, refuse any
 * alteration, guess or earlier-release id, and show nothing of the row order.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { decodeId, encodeId, encodeIds, OpaqueIdBatch, OPAQUE_TYPES, tryDecodeId, useOpaqueIdSecret } from './opaque-id';

const SECRET = Buffer.alloc(32, 7);
const ROW_IDS = [0, 1, 2, 255, 256, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER];
const type = fc.constantFrom(...OPAQUE_TYPES);
const rowId = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const legacy = (text: string) => Buffer.from(text).toString('base64url');

/** A second implementation of the format, [type code][row id, big-endian][seven zero bytes] under AES-256: any block, valid or not. */
function encipher(block: Buffer, secret = SECRET): string {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'graphql opaque id v1', 32));
  return createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(block).toString('base64url');
}
const blockOf = (code: number, id: bigint) => {
  const block = Buffer.alloc(16);
  block[0] = code;
  block.writeBigUInt64BE(id, 1);
  return block;
};

describe('opaque ids', () => {
  beforeEach(() => useOpaqueIdSecret(SECRET));

  it('round-trip every row id of every type, as 22 base64url characters, the same every time', () => {
    for (const t of OPAQUE_TYPES) {
      for (const id of ROW_IDS) {
        const value = encodeId(t, id);
        expect(value).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(tryDecodeId(t, value)).toBe(id);
        expect(decodeId(t, value, 'id')).toBe(id);
        expect(encodeId(t, id)).toBe(value);
      }
    }
    fc.assert(fc.property(type, rowId, (t, id) => tryDecodeId(t, encodeId(t, id)) === id), { numRuns: 2000, seed: 11 });
  });

  it('are AES-256 of [type code][row id, big-endian][seven zero bytes] under the HKDF key, so every instance and release issues the same', () => {
    // A change to the codec that changed the ids already issued fails here.
    const expected = encipher(blockOf(1, 123456789n));
    expect(encodeId('CreditRecord', 123456789)).toBe(expected);
    expect(encodeId('CreditRecord', 123456789)).toBe('JxaujLMTFgjmR3unYoElow');
    useOpaqueIdSecret(Buffer.from(SECRET));
    expect(encodeId('CreditRecord', 123456789)).toBe(expected);
  });

  it('enciphered many in one call are exactly the ids enciphered one by one, and a batch reads each as encodeId', () => {
    fc.assert(fc.property(type, fc.array(rowId, { maxLength: 40 }), (t, ids) => {
      expect(encodeIds(t, ids)).toEqual(ids.map((id) => encodeId(t, id)));
    }), { numRuns: 300, seed: 12 });
    const batch = new OpaqueIdBatch('CreditRecord');
    const first = [7, 123456789, 0].map((id) => batch.add(id));
    expect(first[1]!()).toBe(encodeId('CreditRecord', 123456789));
    // A row added after the first read is enciphered at its own first read, the others unchanged.
    const late = batch.add(42);
    expect([...first, late].map((read) => read())).toEqual([7, 123456789, 0, 42].map((id) => encodeId('CreditRecord', id)));
    expect(() => batch.add(-1)).toThrow(RangeError);
    expect(() => encodeIds('Consent', [1, 2 ** 53])).toThrow(RangeError);
  });

  it('are accepted for their own type only', () => {
    for (const a of OPAQUE_TYPES) {
      for (const b of OPAQUE_TYPES) {
        if (a !== b) for (const id of ROW_IDS) expect(tryDecodeId(b, encodeId(a, id))).toBeUndefined();
      }
    }
    expect(() => decodeId('Consent', encodeId('Objection', 5), 'id')).toThrow('id: not a Consent id this API issued (use the id field of a Consent)');
  });

  it('refuse every altered bit, every other character, a truncation or extension, and a non-canonical spelling', () => {
    const value = encodeId('Objection', 42);
    const raw = Buffer.from(value, 'base64url');
    for (let bit = 0; bit < 128; bit++) {
      const altered = Buffer.from(raw);
      altered[bit >> 3]! ^= 1 << (bit & 7);
      expect(tryDecodeId('Objection', altered.toString('base64url'))).toBeUndefined();
    }
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < value.length; i++) {
      for (const c of ALPHABET) {
        if (c !== value[i]) expect(tryDecodeId('Objection', value.slice(0, i) + c + value.slice(i + 1))).toBeUndefined();
      }
    }
    for (const bad of [value.slice(0, -1), value.slice(1), `${value}A`, `${value}==`, ` ${value}`, value.toLowerCase(), '', '!'.repeat(22)]) {
      expect(tryDecodeId('Objection', bad)).toBeUndefined();
    }
  });

  it('refuse a block of the right type whose padding is not zero, or whose row id is beyond a safe integer', () => {
    expect(tryDecodeId('CreditRecord', encipher(blockOf(1, 77n)))).toBe(77);
    for (let at = 9; at < 16; at++) {
      const block = blockOf(1, 77n);
      block[at] = 1;
      expect(tryDecodeId('CreditRecord', encipher(block))).toBeUndefined();
    }
    expect(tryDecodeId('CreditRecord', encipher(blockOf(1, BigInt(Number.MAX_SAFE_INTEGER))))).toBe(Number.MAX_SAFE_INTEGER);
    expect(tryDecodeId('CreditRecord', encipher(blockOf(1, BigInt(Number.MAX_SAFE_INTEGER) + 1n)))).toBeUndefined();
    expect(tryDecodeId('CreditRecord', encipher(blockOf(1, 2n ** 64n - 1n)))).toBeUndefined();
    for (const code of [0, 10, 255]) expect(OPAQUE_TYPES.map((t) => tryDecodeId(t, encipher(blockOf(code, 77n))))).toEqual(OPAQUE_TYPES.map(() => undefined));
  });

  it('refuse the ids of earlier releases (`<Type>:<row id>` in base64url), even the ones 16 bytes long', () => {
    // 'CreditRecord:123' is 16 bytes: 22 characters, the length of an id of this release.
    expect(legacy('CreditRecord:123')).toHaveLength(22);
    for (const text of ['CreditRecord:123', 'CreditRecord:1', 'CreditRecord:-1', 'Consent:1', 'Objection:4200', 'SeriousListEntry:7']) {
      for (const t of OPAQUE_TYPES) expect(tryDecodeId(t, legacy(text))).toBeUndefined();
    }
    expect(() => decodeId('CreditRecord', legacy('CreditRecord:123'), 'creditRecordId')).toThrow('creditRecordId: not a CreditRecord id this API issued');
  });

  it('refuse random 22-character strings, and the ids of another deployment', () => {
    const chars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    const guess = fc.tuple(fc.string({ unit: chars, minLength: 21, maxLength: 21 }), fc.constantFrom('A', 'Q', 'g', 'w')).map(([s, last]) => s + last);
    fc.assert(fc.property(type, guess, (t, value) => tryDecodeId(t, value) === undefined), { numRuns: 20_000, seed: 5 });
    const ours = ROW_IDS.map((id) => encodeId('CreditRecord', id));
    useOpaqueIdSecret(randomBytes(32));
    for (const [i, value] of ours.entries()) {
      expect(tryDecodeId('CreditRecord', value)).toBeUndefined();
      expect(encodeId('CreditRecord', ROW_IDS[i]!)).not.toBe(value);
    }
  });

  it('show no order: the ids of consecutive rows are not sorted, share no prefix, and spread over the alphabet', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => encodeId('CreditRecord', 1000 + i));
    const ascending = ids.slice(1).filter((id, i) => id > ids[i]!).length / (ids.length - 1);
    expect(ascending).toBeGreaterThan(0.45);
    expect(ascending).toBeLessThan(0.55);
    const shared = (a: string, b: string) => [...a].findIndex((c, i) => c !== b[i]);
    expect(Math.max(...ids.slice(1).map((id, i) => shared(id, ids[i]!)))).toBeLessThan(4);
    for (let at = 0; at < 21; at++) expect(new Set(ids.map((id) => id[at])).size).toBe(64);
    fc.assert(fc.property(type, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1 }), (t, id) => {
      const [a, b] = [encodeId(t, id), encodeId(t, id + 1)];
      return a !== b && shared(a, b) < 6;
    }), { numRuns: 2000, seed: 3 });
  });

  it('are issued only for non-negative safe integers', () => {
    for (const bad of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity]) {
      expect(() => encodeId('CreditRecord', bad)).toThrow(RangeError);
    }
  });
});

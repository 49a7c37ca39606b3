import { createHmac } from 'node:crypto';
import { createIdNumberVault, parseKey } from './id-number-vault';

const HMAC_KEY = Buffer.alloc(32, 0x11);
const ENC_KEY = Buffer.alloc(32, 0x22);
const OTHER_KEY = Buffer.alloc(32, 0x33);
const ID = '11010519491231002X';

const vault = createIdNumberVault({ hmacKey: HMAC_KEY, encryptionKey: ENC_KEY });

describe('lookupHash', () => {
  it('is the HMAC-SHA256 of the normalised number', () => {
    const expected = createHmac('sha256', HMAC_KEY).update(ID).digest();
    expect(vault.lookupHash(ID)).toEqual(expected);
    expect(vault.lookupHash(ID)).toHaveLength(32);
  });

  it('is deterministic and ignores surrounding spaces and the case of x', () => {
    expect(vault.lookupHash(ID)).toEqual(vault.lookupHash(ID));
    expect(vault.lookupHash(` ${ID.toLowerCase()}\n`)).toEqual(vault.lookupHash(ID));
  });

  it('differs for a different number and under a different hmacKey', () => {
    const other = createIdNumberVault({ hmacKey: OTHER_KEY, encryptionKey: ENC_KEY });
    expect(vault.lookupHash('110101199003074477')).not.toEqual(vault.lookupHash(ID));
    expect(other.lookupHash(ID)).not.toEqual(vault.lookupHash(ID));
  });

  it('refuses an empty number', () => {
    expect(() => vault.lookupHash('  ')).toThrow('ID number is empty');
  });
});

describe('encrypt and decrypt', () => {
  it('round-trips the normalised number', () => {
    expect(vault.decrypt(vault.encrypt(ID))).toBe(ID);
    expect(vault.decrypt(vault.encrypt(' 11010519491231002x '))).toBe(ID);
  });

  it('lays out version || 12-byte IV || ciphertext || 16-byte tag, with no clear text', () => {
    const blob = vault.encrypt(ID);
    expect(blob).toHaveLength(1 + 12 + ID.length + 16);
    expect(blob[0]).toBe(1);
    expect(blob.includes(Buffer.from(ID))).toBe(false);
  });

  it('gives a different blob each time for the same number', () => {
    expect(vault.encrypt(ID)).not.toEqual(vault.encrypt(ID));
  });

  it('rejects a blob with any single byte altered', () => {
    const blob = vault.encrypt(ID);
    for (let i = 0; i < blob.length; i++) {
      const tampered = Buffer.from(blob);
      tampered[i]! ^= 0x01;
      expect(() => vault.decrypt(tampered)).toThrow(/failed authentication|key version/);
    }
  });

  it('rejects a blob encrypted under another key, without revealing key material', () => {
    const other = createIdNumberVault({ hmacKey: HMAC_KEY, encryptionKey: OTHER_KEY });
    let message = '';
    try {
      other.decrypt(vault.encrypt(ID));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('encrypted ID number failed authentication: wrong encryption key, or the data was altered');
    for (const key of [ENC_KEY, OTHER_KEY]) {
      expect(message).not.toContain(key.toString('hex').slice(0, 8));
      expect(message).not.toContain(key.toString('base64').slice(0, 8));
    }
  });

  it('rejects a truncated blob', () => {
    expect(() => vault.decrypt(vault.encrypt(ID).subarray(0, 29))).toThrow(
      'encrypted ID number is malformed: need at least 30 bytes, got 29 bytes',
    );
  });

  it('decrypts blobs from before a key rotation using the retired key', () => {
    const old = vault.encrypt(ID);
    const rotated = createIdNumberVault({
      hmacKey: HMAC_KEY,
      encryptionKey: OTHER_KEY,
      keyVersion: 2,
      retiredEncryptionKeys: { 1: ENC_KEY },
    });
    expect(rotated.decrypt(old)).toBe(ID);
    expect(rotated.encrypt(ID)[0]).toBe(2);
    expect(() => vault.decrypt(rotated.encrypt(ID))).toThrow(
      'encrypted ID number uses key version 2, but this vault holds versions 1',
    );
  });
});

describe('createIdNumberVault', () => {
  it('refuses keys that are not 32-byte Buffers', () => {
    expect(() => createIdNumberVault({ hmacKey: Buffer.alloc(31), encryptionKey: ENC_KEY })).toThrow(
      'hmacKey must be a 32-byte Buffer, got 31 bytes',
    );
    expect(() => createIdNumberVault({ hmacKey: HMAC_KEY, encryptionKey: 'secret' as unknown as Buffer })).toThrow(
      'encryptionKey must be a 32-byte Buffer, got string',
    );
  });

  it('refuses the same key for hashing and encryption', () => {
    expect(() => createIdNumberVault({ hmacKey: ENC_KEY, encryptionKey: Buffer.from(ENC_KEY) })).toThrow(
      'hmacKey and encryptionKey must be different keys',
    );
  });

  it('refuses key versions outside 1..255', () => {
    expect(() => createIdNumberVault({ hmacKey: HMAC_KEY, encryptionKey: ENC_KEY, keyVersion: 0 })).toThrow(/1\.\.255/);
    expect(() => createIdNumberVault({ hmacKey: HMAC_KEY, encryptionKey: ENC_KEY, keyVersion: 256 })).toThrow(
      /1\.\.255/,
    );
  });

  it('is unaffected by later changes to the caller’s key buffers', () => {
    const key = Buffer.from(ENC_KEY);
    const v = createIdNumberVault({ hmacKey: HMAC_KEY, encryptionKey: key });
    const blob = v.encrypt(ID);
    key.fill(0);
    expect(v.decrypt(blob)).toBe(ID);
  });
});

describe('parseKey', () => {
  const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 250));

  it('accepts 64 hex digits in either case', () => {
    expect(parseKey(key.toString('hex'), 'K')).toEqual(key);
    expect(parseKey(key.toString('hex').toUpperCase(), 'K')).toEqual(key);
  });

  it('accepts base64 with or without padding, and url-safe base64', () => {
    expect(parseKey(key.toString('base64'), 'K')).toEqual(key);
    expect(parseKey(key.toString('base64').replace(/=$/, ''), 'K')).toEqual(key);
    expect(parseKey(key.toString('base64url'), 'K')).toEqual(key);
    expect(parseKey(`  ${key.toString('base64')}\n`, 'K')).toEqual(key);
  });

  it.each([
    ['31 bytes of base64', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes of base64', Buffer.alloc(33, 1).toString('base64')],
    ['63 hex digits', 'a'.repeat(63)],
    ['an empty string', ''],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses %s with a message that does not echo it', (_, value) => {
    expect(() => parseKey(value, 'ID_HMAC_KEY')).toThrow(new Error('ID_HMAC_KEY must be 32 bytes as base64 or hex'));
  });
});

/**
 * Connection cursors: the sort key of an item (the values of its list's ORDER BY, ending in a
 * unique id), sealed with AES-256-GCM so that a client can neither read the key (internal row
 * ids, a subject's place in the search order) nor craft or alter one. The list's name is the
 * associated data: a cursor of one list is refused by every other.
 *
 * Deterministic (SIV-style): the nonce is an HMAC of the list and the key, so the same item
 * always has the same cursor, and a nonce repeats only with the same plaintext.
 *
 * The key is derived from ID_HMAC_KEY, which every instance of a deployment shares, so a cursor
 * one instance issued is honoured by the others and after a restart. Until a server sets it
 * (`useCursorSecret`, in createServer), a random key of this process.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';

/** One value of a sort key: an id, a position, an ISO date or timestamp. */
export type CursorValue = string | number;
export type CursorKey = readonly CursorValue[];

let keys = deriveKeys(randomBytes(32));

function deriveKeys(secret: Buffer) {
  const okm = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'graphql connection cursor v1', 64));
  // KeyObjects, not Buffers: Node 24 checks a Buffer key by catching a failed KeyObject brand
  // check, ~10 µs a call against ~1.5 µs — and every edge of every page seals a cursor.
  return { enc: createSecretKey(okm.subarray(0, 32)), nonce: createSecretKey(okm.subarray(32)) };
}

/** Derives the cursor keys from the deployment's secret (config.keys.idHmac). */
export function useCursorSecret(secret: Buffer): void {
  keys = deriveKeys(secret);
}

const NONCE = 12;
const TAG = 16;

export function sealCursor(list: string, key: CursorKey): string {
  const plain = Buffer.from(JSON.stringify(key));
  const aad = Buffer.from(list);
  const nonce = createHmac('sha256', keys.nonce).update(aad).update('\0').update(plain).digest().subarray(0, NONCE);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** The key inside a cursor of `list`; undefined when it is not one (malformed, altered, or another list's). */
export function openCursor(list: string, cursor: string): CursorKey | undefined {
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length <= NONCE + TAG) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.enc, raw.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(list));
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    const plain = Buffer.concat([decipher.update(raw.subarray(NONCE, raw.length - TAG)), decipher.final()]);
    const key: unknown = JSON.parse(plain.toString('utf8'));
    if (!Array.isArray(key) || !key.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
    return key as CursorValue[];
  } catch {
    return undefined;
  }
}

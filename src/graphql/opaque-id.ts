/**
 * Opaque ids: the type and row id of an object under a keyed pseudo-random permutation, so an id
 * says nothing a client could use — not the row id, not the order of rows nor how many there
 * are — and nobody without the key can make the id of a row they were never shown (no
 * enumeration). An id of one type is never accepted where another is expected. The one codec
 * every module uses.
 *
 * One 16-byte block, [type code][row id, 8 bytes big-endian][7 zero bytes], enciphered with
 * AES-256 (one block: ECB is exactly the block cipher, a PRP), in base64url: 22 characters.
 * Deterministic, as a client cache needs: the same row always has the same id. Decoding checks
 * the type code and the seven zero bytes (64 bits a forger cannot set without the key): a
 * guessed or altered id passes for a given type with probability below 2^-64, and would then
 * name a random row, which the caller's policy still decides on like any other.
 *
 * The key is derived from ID_HMAC_KEY, which every instance of a deployment shares, so ids are
 * the same on every instance and after a restart; rotating that key changes every id. Until a
 * server sets it (`useOpaqueIdSecret`, in createServer beside the cursor key), a random key of
 * this process.
 */
import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type Cipher, type Decipher } from 'node:crypto';
import { appError } from '../errors';

/**
 * The code each type carries inside its ids. Fixed forever: changing or reusing a code would
 * make an issued id name another type's row.
 */
const TYPE_CODES = {
  CreditRecord: 1,
  SeriousListEntry: 2,
  SeriousListing: 3,
  MeasureApplication: 4,
  Objection: 5,
  CreditRepairApplication: 6,
  Consent: 7,
  AccessLogEntry: 8,
  Attachment: 9,
} as const;

export type OpaqueType = keyof typeof TYPE_CODES;
export const OPAQUE_TYPES = Object.keys(TYPE_CODES) as readonly OpaqueType[];

const BLOCK = 16;
const ROW_AT = 1;
const PAD_AT = ROW_AT + 8;
/** 16 bytes in base64url; the last character carries 2 bits, so only A, Q, g, w end a canonical one. */
const ID_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;
const TWO_32 = 2 ** 32;
/** The high 32 bits of Number.MAX_SAFE_INTEGER. */
const MAX_HIGH = 2 ** 21 - 1;

/** Names this id scheme (the HKDF label below); what a cached answer's ids were written in. */
export const OPAQUE_ID_SCHEME = 'graphql opaque id v1';

/**
 * One enciphering and one deciphering object for the process, reused for every id: without
 * padding, ECB keeps no state between whole blocks, so each update() of 16 bytes is one block
 * permuted. A cipher made per call cost Node 24 ~2.5–3.5 µs an id; reused, ~1–1.5 µs.
 */
interface Codec { readonly enc: Cipher; readonly dec: Decipher }

let codec = codecFor(randomBytes(32));

function codecFor(secret: Buffer): Codec {
  const key = createSecretKey(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), OPAQUE_ID_SCHEME, 32)));
  const enc = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const dec = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return { enc, dec };
}

/** Derives the id key from the deployment's secret (config.keys.idHmac). */
export function useOpaqueIdSecret(secret: Buffer): void {
  codec = codecFor(secret);
}

function checkRowId(type: OpaqueType, id: number): void {
  if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`${type} row id ${id} is not a non-negative safe integer`);
}

/** Writes the plaintext block of (type, id) at `at`; the buffer's other bytes are zero. */
function writeBlock(blocks: Buffer, at: number, type: OpaqueType, id: number): void {
  blocks[at] = TYPE_CODES[type];
  blocks.writeUInt32BE(Math.floor(id / TWO_32), at + ROW_AT);
  blocks.writeUInt32BE(id % TWO_32, at + ROW_AT + 4);
}

export function encodeId(type: OpaqueType, id: number): string {
  checkRowId(type, id);
  const block = Buffer.alloc(BLOCK);
  writeBlock(block, 0, type, id);
  return codec.enc.update(block).toString('base64url');
}

/**
 * The ids of many rows of one type, in one call of the cipher: ECB permutes each block on its
 * own, so the ids are exactly encodeId's, and the call (~1 µs), not the block, is the cost.
 */
export function encodeIds(type: OpaqueType, ids: readonly number[]): string[] {
  const blocks = Buffer.alloc(BLOCK * ids.length);
  ids.forEach((id, i) => {
    checkRowId(type, id);
    writeBlock(blocks, i * BLOCK, type, id);
  });
  const out = ids.length ? codec.enc.update(blocks) : blocks;
  return ids.map((_, i) => out.toString('base64url', i * BLOCK, (i + 1) * BLOCK));
}

/**
 * Ids of rows loaded together (a profile's records), enciphered together when the first of
 * them is read: a profile shows ten or more records, each id read once.
 */
export class OpaqueIdBatch {
  private readonly ids: number[] = [];
  private encoded: string[] = [];

  constructor(private readonly type: OpaqueType) {}

  /** Adds a row (its id checked now) and returns what reads its opaque id. */
  add(id: number): () => string {
    checkRowId(this.type, id);
    const at = this.ids.push(id) - 1;
    return () => {
      // Rows added after a first read are enciphered with the rest at their own first read.
      if (at >= this.encoded.length) this.encoded = encodeIds(this.type, this.ids);
      return this.encoded[at]!;
    };
  }
}

/**
 * Id of an object of published reference data (catalog items, measures, list types, purposes),
 * from its type and its natural key within the published catalog (e.g. version and code): a
 * cache key only, never decoded — these objects are found by their codes, which are public, so
 * it hides nothing and needs no key.
 */
export const referenceId = (type: string, ...key: readonly string[]): string => Buffer.from(`${type}:${key.join('/')}`).toString('base64url');

/** The row id inside an opaque id of `type`, or undefined when it is not one. */
export function tryDecodeId(type: OpaqueType, value: string): number | undefined {
  if (!ID_PATTERN.test(value)) return undefined;
  const block = codec.dec.update(Buffer.from(value, 'base64url'));
  if (block.length !== BLOCK || block[0] !== TYPE_CODES[type]) return undefined;
  for (let i = PAD_AT; i < BLOCK; i++) if (block[i] !== 0) return undefined;
  const high = block.readUInt32BE(ROW_AT);
  return high > MAX_HIGH ? undefined : high * TWO_32 + block.readUInt32BE(ROW_AT + 4);
}

/** The row id inside an opaque id of `type`; BAD_USER_INPUT naming `field` otherwise. */
export function decodeId(type: OpaqueType, value: string, field: string): number {
  const id = tryDecodeId(type, value);
  if (id === undefined) throw appError('BAD_USER_INPUT', `${field}: not a ${type} id this API issued (use the id field of a ${type})`);
  return id;
}

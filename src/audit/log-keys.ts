/**
 * The access log's two keys, neither of which ever enters the database:
 * - MAC keys (ACCESS_LOG_KEY, and ACCESS_LOG_PREVIOUS_KEYS after a rotation): every row carries
 *   an HMAC-SHA256 under the current key, so a holder of the database credentials alone cannot
 *   forge a row or re-link rows after removing some. Each row names its key by an id derived
 *   from the key (a one-way hash: the id reveals nothing of the key).
 * - The Ed25519 signing key (ACCESS_LOG_SIGNING_KEY): signs checkpoints, which anyone holding
 *   the public key can check without being able to forge a row's MAC.
 */
import { createHash, createPublicKey, createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface MacKey {
  /** 16 hex characters: sha256 of a domain tag and the key. */
  readonly id: string;
  readonly secret: Buffer;
  /** The secret imported once: an HMAC under a raw Buffer re-imports the key on every call (6× slower). */
  readonly key: KeyObject;
}

export interface AccessLogKeys {
  /** The first MACs new rows; all of them verify (older rows keep the key they were written under). */
  readonly mac: readonly MacKey[];
  /** Signs checkpoints; absent on an auditor's machine that only verifies. */
  readonly signing: KeyObject | undefined;
  /** Verifies checkpoints: the signing key's public half, or ACCESS_LOG_VERIFY_KEY. */
  readonly verifying: KeyObject | undefined;
}

export function macKeyOf(secret: Buffer): MacKey {
  const id = createHash('sha256').update('access-log-mac-key\x1f').update(secret).digest('hex').slice(0, 16);
  return { id, secret, key: createSecretKey(secret) };
}

/** The id a checkpoint names its signing key by: sha256 of the public key's DER, 16 hex. */
export function signingKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

// The SPKI DER prefix of an Ed25519 public key (RFC 8410), before its 32 raw bytes. Keys are
// parsed from the environment by src/config.ts (the only reader of process.env).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The public key as 64 hex characters (what receipts carry so a subject can check a signature later). */
export function rawPublicKeyHex(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).subarray(ED25519_SPKI_PREFIX.length).toString('hex');
}

export function accessLogKeys(macSecrets: readonly Buffer[], signing: KeyObject | undefined, verifying?: KeyObject): AccessLogKeys {
  if (macSecrets.length === 0) throw new Error('the access log needs a MAC key');
  return { mac: macSecrets.map(macKeyOf), signing, verifying: verifying ?? (signing ? createPublicKey(signing) : undefined) };
}

/** Fresh keys, for servers built without a Config (tests) and for embedded mode's dev-keys file. */
export function generateAccessLogKeys(): AccessLogKeys {
  return accessLogKeys([randomBytes(32)], generateKeyPairSync('ed25519').privateKey);
}

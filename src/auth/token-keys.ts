/**
 * What tokens are checked against: the roles that carry tokens, their lifetimes and the key
 * material. src/config.ts builds a TokenKeys from the environment, src/auth/tokens.ts verifies
 * with it; this file imports nothing of the application but the role list, so that config
 * stays a leaf.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { ROLES, type Role } from './principal';

export type TokenRole = Exclude<Role, 'PUBLIC'>;
export const TOKEN_ROLES = ROLES.filter((r): r is TokenRole => r !== 'PUBLIC');

/**
 * TOKEN_MAX_TTL_SECONDS defaults: a working day for people (a subject, a catalog
 * administrator, an auditor), a day-and-night shift for agencies' systems.
 */
export const DEFAULT_TOKEN_MAX_TTL: Readonly<Record<TokenRole, number>> = Object.freeze({
  SUBJECT: 8 * 3600,
  PARTNER: 12 * 3600,
  DEPARTMENT: 12 * 3600,
  CATALOG_ADMIN: 8 * 3600,
  AUDITOR: 8 * 3600,
});

/**
 * Lifetime of the dev tokens `npm start` prints in embedded mode with generated keys, and the
 * default limit there: whoever holds the dev-keys file can mint any token anyway, so a
 * shorter limit would protect nothing and only break the printed tokens.
 */
export const DEV_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
export const DEV_TOKEN_MAX_TTL: Readonly<Record<TokenRole, number>> = Object.freeze(
  Object.fromEntries(TOKEN_ROLES.map((r) => [r, DEV_TOKEN_TTL_SECONDS])) as Record<TokenRole, number>,
);

/** An identity provider's public key (JWT_PUBLIC_KEY) and the one algorithm it verifies. */
export interface PublicKeySpec {
  key: KeyObject;
  alg: 'RS256' | 'ES256';
}

/** What tokens this server accepts (src/config.ts builds it; tests build their own). */
export interface TokenKeys {
  /** HS256 key (JWT_SECRET or the dev key); undefined: HS256 tokens are refused. */
  secret: Buffer | undefined;
  /** JWT_PUBLIC_KEY. */
  publicKey?: PublicKeySpec;
  /** JWT_JWKS_URL. */
  jwksUrl?: URL;
  /** JWT_ISSUER / JWT_AUDIENCE: what the identity provider's tokens must say. */
  issuer?: string;
  audience?: string;
  /** Least time between two fetches of the JWKS for a `kid` not in it (default 30 s; tests set 0). */
  jwksCooldownMs?: number;
  /** TOKEN_MAX_TTL_SECONDS per role; DEFAULT_TOKEN_MAX_TTL when absent. */
  maxTtlSeconds?: Readonly<Record<TokenRole, number>>;
}

/** Reads a PEM public key and the algorithm it is for: RSA → RS256, EC P-256 → ES256. Throws a plain Error naming the problem. */
export function publicKeyFromPem(pem: string): PublicKeySpec {
  let key: KeyObject;
  try {
    key = createPublicKey(pem.replace(/\\n/g, '\n'));
  } catch (err) {
    throw new Error(`not a PEM public key (${(err as Error).message})`);
  }
  if (key.asymmetricKeyType === 'rsa') {
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error('an RSA key must have at least 2048 bits');
    return { key, alg: 'RS256' };
  }
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { key, alg: 'ES256' };
  throw new Error(`a ${key.asymmetricKeyType} key is not accepted: use an RSA (RS256) or EC P-256 (ES256) key`);
}

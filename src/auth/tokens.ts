/**
 * Bearer tokens (JWT, verified with `jose`). A token binds a role to an agency or a subject;
 * the server trusts nothing else in it. Verification failures are reported as
 * UNAUTHENTICATED with the reason — never silently downgraded to the public view.
 *
 * Two kinds of key, each accepting only its own algorithms:
 * - HS256 with JWT_SECRET (or the embedded dev key): tokens this server's operators mint
 *   (`npm run token`), issuer and audience `public-credit-api`;
 * - RS256 / ES256 from a province's identity service: JWT_PUBLIC_KEY (one PEM key) and/or
 *   JWT_JWKS_URL (its key set, fetched and refreshed by jose, chosen by `kid`, so the
 *   service can rotate keys), issuer JWT_ISSUER and audience JWT_AUDIENCE.
 * Anything else — `alg: none`, an HMAC token presented to an RSA key, an algorithm no key
 * is configured for — is refused before a signature is looked at.
 *
 * Every token ends: `exp` is required, its lifetime (exp − iat, and exp − now) is at most
 * the role's TOKEN_MAX_TTL_SECONDS, and `iat` / `nbf` may not lie more than CLOCK_SKEW_SECONDS
 * in the future.
 */
import {
  createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, SignJWT,
  type JWTPayload, type JWTVerifyGetKey, type ProtectedHeaderParameters,
} from 'jose';
import type { KeyObject } from 'node:crypto';
import { appError } from '../errors';
import { ROLES, type Principal, type Role } from './principal';
import { DEFAULT_TOKEN_MAX_TTL, type TokenKeys, type TokenRole } from './token-keys';

/** Re-exported for the token tests, which read a key the way config does. */
export { publicKeyFromPem } from './token-keys';

const ISSUER = 'public-credit-api';
const AUDIENCE = 'public-credit-api';

/** Tolerated difference between the issuer's clock and ours, for `iat`, `nbf` and `exp`. */
export const CLOCK_SKEW_SECONDS = 60;

export interface TokenClaims {
  role: TokenRole;
  /** Who the token was issued to (a person's account, a partner's client id). */
  sub: string;
  agency?: string;
  subject?: number;
  /** Narrows the purposes this token may declare to these (its agency's agreements still decide). */
  purposes?: readonly string[];
}

export async function issueToken(secret: Buffer, claims: TokenClaims, ttlSeconds = 8 * 3600): Promise<string> {
  const body: Record<string, unknown> = { role: claims.role };
  if (claims.agency) body.agency = claims.agency;
  if (claims.subject !== undefined) body.subject = claims.subject;
  if (claims.purposes) body.purposes = [...claims.purposes];
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

const unauthenticated = (reason: string) => appError('UNAUTHENTICATED', reason);
const aRole = (role: string) => `${/^[AEIOU]/.test(role) ? 'an' : 'a'} ${role}`;

function reasonOf(err: unknown, accepted: string): string {
  if (err instanceof errors.JWTExpired) return 'token expired; request a new one';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature is not valid for this server';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'exp' && err.reason === 'missing') return 'token has no expiry (exp); every token must end';
    if (err.claim === 'nbf' && err.reason === 'check_failed') return `token is not valid yet (nbf is more than ${CLOCK_SKEW_SECONDS} s ahead)`;
    return `token claim "${err.claim}" is not valid (${err.reason})`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return `token algorithm is not accepted (accepted: ${accepted})`;
  if (err instanceof errors.JWKSNoMatchingKey) return 'token key id (kid) is not among the identity provider\'s keys';
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return 'the identity provider\'s keys cannot be read right now; try again shortly';
  return 'token is malformed';
}

/**
 * Verifies bearer tokens against the configured keys. One per server (the JWKS cache lives
 * in it); `verify` is all a caller needs.
 */
export class TokenVerifier {
  private readonly jwks: JWTVerifyGetKey | undefined;
  private readonly maxTtl: Readonly<Record<TokenRole, number>>;
  /** Algorithms some configured key verifies, HS256 first. */
  readonly algorithms: readonly string[];

  constructor(private readonly keys: TokenKeys) {
    this.jwks = keys.jwksUrl
      ? createRemoteJWKSet(keys.jwksUrl, { timeoutDuration: 5000, cooldownDuration: keys.jwksCooldownMs ?? 30_000, cacheMaxAge: 10 * 60_000 })
      : undefined;
    this.maxTtl = keys.maxTtlSeconds ?? DEFAULT_TOKEN_MAX_TTL;
    const algs = new Set<string>();
    if (keys.secret) algs.add('HS256');
    if (keys.publicKey) algs.add(keys.publicKey.alg);
    if (this.jwks) { algs.add('RS256'); algs.add('ES256'); }
    this.algorithms = [...algs];
  }

  /** The longest lifetime a token of this role may have. */
  maxTtlFor(role: TokenRole): number {
    return this.maxTtl[role];
  }

  /** Verifies a bearer token and returns the principal it names; throws UNAUTHENTICATED. */
  async verify(token: string, now: Date = new Date()): Promise<Principal> {
    const accepted = this.algorithms.join(', ') || 'none configured';
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated('token is malformed');
    }
    const alg = typeof header.alg === 'string' ? header.alg : '(none)';
    if (!this.algorithms.includes(alg)) throw unauthenticated(`token algorithm ${alg} is not accepted (accepted: ${accepted})`);
    const own = alg === 'HS256';
    const key: Uint8Array | KeyObject | JWTVerifyGetKey = own ? this.keys.secret! : this.asymmetricKey(header);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as KeyObject, {
        issuer: own ? ISSUER : (this.keys.issuer ?? ISSUER),
        audience: own ? AUDIENCE : (this.keys.audience ?? AUDIENCE),
        // Pinned to the header's algorithm, already checked against this key's kind.
        algorithms: [alg],
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: now,
      }));
    } catch (err) {
      // Not jose's verdict on the token: the JWKS could not be fetched (refused, reset, not JSON).
      if (!own && !(err instanceof errors.JOSEError)) throw unauthenticated('the identity provider\'s keys cannot be read right now; try again shortly');
      throw unauthenticated(reasonOf(err, accepted));
    }
    return this.principalOf(payload, Math.floor(now.getTime() / 1000));
  }

  /** JWKS when the token names its key (kid) or no PEM key fits; the PEM key otherwise. */
  private asymmetricKey(header: ProtectedHeaderParameters): KeyObject | JWTVerifyGetKey {
    const pem = this.keys.publicKey;
    if (this.jwks && (header.kid !== undefined || !pem || pem.alg !== header.alg)) return this.jwks;
    if (pem && pem.alg === header.alg) return pem.key;
    throw unauthenticated(`token algorithm ${header.alg} is not accepted (accepted: ${this.algorithms.join(', ')})`);
  }

  private principalOf(payload: JWTPayload, nowSeconds: number): Principal {
    const role = payload.role as Role;
    if (!ROLES.includes(role) || role === 'PUBLIC') throw unauthenticated('token names no known role');
    const exp = payload.exp!;
    if (payload.iat !== undefined && payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) {
      throw unauthenticated(`token issued in the future (iat is more than ${CLOCK_SKEW_SECONDS} s ahead)`);
    }
    const max = this.maxTtl[role];
    if (payload.iat !== undefined && exp - payload.iat > max) {
      throw unauthenticated(`token lifetime of ${exp - payload.iat} s exceeds the ${max} s ${aRole(role)} token may have (TOKEN_MAX_TTL_SECONDS)`);
    }
    if (exp - nowSeconds > max + CLOCK_SKEW_SECONDS) {
      throw unauthenticated(`token expires ${exp - nowSeconds} s from now, beyond the ${max} s ${aRole(role)} token may have (TOKEN_MAX_TTL_SECONDS)`);
    }
    const agency = typeof payload.agency === 'string' ? payload.agency : undefined;
    const subject = typeof payload.subject === 'number' && Number.isSafeInteger(payload.subject) ? payload.subject : undefined;
    if (role === 'SUBJECT' && subject === undefined) throw unauthenticated('a SUBJECT token must name its subject');
    if (role !== 'SUBJECT' && !agency) throw unauthenticated(`a ${role} token must name its agency`);
    if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('token names no holder (sub)');
    const purposes = payload.purposes;
    if (purposes !== undefined && !(Array.isArray(purposes) && purposes.every((p) => typeof p === 'string'))) {
      throw unauthenticated('token claim "purposes" must be a list of purpose codes');
    }
    return { role, id: payload.sub, agencyCode: agency, subjectId: subject, ...(purposes ? { purposes: purposes as string[] } : {}) };
  }
}

const secretVerifiers = new WeakMap<Buffer, TokenVerifier>();

/** Verifies an HS256 token with the default lifetime limits (servers use a configured TokenVerifier). */
export async function verifyToken(secret: Buffer, token: string): Promise<Principal> {
  let verifier = secretVerifiers.get(secret);
  if (!verifier) {
    verifier = new TokenVerifier({ secret });
    secretVerifiers.set(secret, verifier);
  }
  return verifier.verify(token);
}

/** Extracts the token from `Authorization: Bearer …`; undefined when no header was sent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw appError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  return match[1];
}

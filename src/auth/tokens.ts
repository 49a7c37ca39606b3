/**
 * Bearer tokens (JWT, HS256, verified with `jose`). A token binds a role to an agency or a
 * subject; the server trusts nothing else in it. Verification failures are reported as
 * UNAUTHENTICATED with the reason — never silently downgraded to the public view.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { appError } from '../errors';
import { ROLES, type Principal, type Role } from './principal';

const ISSUER = 'public-credit-api';
const AUDIENCE = 'public-credit-api';

export interface TokenClaims {
  role: Exclude<Role, 'PUBLIC'>;
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

function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token expired; request a new one';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature is not valid for this server';
  if (err instanceof errors.JWTClaimValidationFailed) return `token claim "${err.claim}" is not valid (${err.reason})`;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not accepted (HS256 only)';
  return 'token is malformed';
}

/** Verifies a bearer token and returns the principal it names; throws UNAUTHENTICATED. */
export async function verifyToken(secret: Buffer, token: string): Promise<Principal> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
  } catch (err) {
    throw appError('UNAUTHENTICATED', reasonOf(err));
  }
  const role = payload.role as Role;
  if (!ROLES.includes(role) || role === 'PUBLIC') throw appError('UNAUTHENTICATED', 'token names no known role');
  const agency = typeof payload.agency === 'string' ? payload.agency : undefined;
  const subject = typeof payload.subject === 'number' ? payload.subject : undefined;
  if (role === 'SUBJECT' && subject === undefined) throw appError('UNAUTHENTICATED', 'a SUBJECT token must name its subject');
  if (role !== 'SUBJECT' && !agency) throw appError('UNAUTHENTICATED', `a ${role} token must name its agency`);
  const purposes = payload.purposes;
  if (purposes !== undefined && !(Array.isArray(purposes) && purposes.every((p) => typeof p === 'string'))) {
    throw appError('UNAUTHENTICATED', 'token claim "purposes" must be a list of purpose codes');
  }
  return { role, id: String(payload.sub ?? 'unknown'), agencyCode: agency, subjectId: subject, ...(purposes ? { purposes: purposes as string[] } : {}) };
}

/** Extracts the token from `Authorization: Bearer …`; undefined when no header was sent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw appError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  return match[1];
}

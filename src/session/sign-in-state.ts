/**
 * What /auth/login must remember until /auth/callback — state, nonce, PKCE verifier, where to
 * return — kept in the browser, sealed (JWE, dir + A256GCM with SESSION_KEY): the browser can
 * neither read the verifier nor change a value, and the server keeps nothing for a sign-in that
 * is never finished (anyone may start one). It lives ten minutes and is cleared by the callback.
 */
import { EncryptJWT, jwtDecrypt } from 'jose';

export const SIGN_IN_STATE_SECONDS = 600;

export interface SignInState {
  state: string;
  nonce: string;
  verifier: string;
  /** A path on this server (validated by returnPath). */
  returnTo: string;
}

export async function sealState(key: Buffer, s: SignInState, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new EncryptJWT({ s: s.state, n: s.nonce, v: s.verifier, r: s.returnTo })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + SIGN_IN_STATE_SECONDS)
    .encrypt(key);
}

/** The sealed state, or undefined when it is absent, altered, sealed with another key or expired. */
export async function openState(key: Buffer, sealed: string | undefined, now: Date): Promise<SignInState | undefined> {
  if (!sealed) return undefined;
  try {
    const { payload: p } = await jwtDecrypt(sealed, key, { currentDate: now, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    if ([p.s, p.n, p.v, p.r].every((v) => typeof v === 'string')) {
      return { state: p.s as string, nonce: p.n as string, verifier: p.v as string, returnTo: p.r as string };
    }
  } catch {
    // Falls through: any failure is "no usable sign-in state".
  }
  return undefined;
}

/** `?return=` of /auth/login: a path on this server, never another origin (`//host`, `/\host`, a scheme). */
export function returnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 512) return '/';
  return value;
}

/**
 * Turns the Authorization header into a principal. No header: the public. A header that
 * does not verify: UNAUTHENTICATED (HTTP 401) — never the public view, so a client with a
 * broken token learns it at once instead of silently seeing less.
 */
import type { IncomingMessage } from 'node:http';
import { PUBLIC_PRINCIPAL, type Principal } from '../auth/principal';
import { bearerToken } from '../auth/tokens';
import { appError } from '../errors';
import type { Services } from '../services';

export async function authenticate(req: IncomingMessage, services: Services): Promise<Principal> {
  const token = bearerToken(req.headers.authorization);
  if (token === undefined) return PUBLIC_PRINCIPAL;
  const principal = await services.tokens.principalOf(token);
  if (principal.agencyCode && !services.agencies.get(principal.agencyCode)) {
    throw appError('UNAUTHENTICATED', `token names agency ${principal.agencyCode}, which this deployment does not know`);
  }
  return principal;
}

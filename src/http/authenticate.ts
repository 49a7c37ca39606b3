/**
 * Turns the Authorization header into a principal. No header: the public. A header that
 * does not verify: UNAUTHENTICATED (HTTP 401) — never the public view, so a client with a
 * broken token learns it at once instead of silently seeing less.
 *
 * Without a header, a sign-in session cookie (src/modules/session/) names the principal — only
 * with the session's CSRF token in X-CSRF-Token (CSRF_TOKEN_INVALID, HTTP 403, otherwise): the
 * browser attaches the cookie to any request, a forged one included. A bearer token wins over
 * a cookie, which is then not looked at.
 *
 * The one exception: the report pages (a link the portal follows, which cannot send a header)
 * accept the cookie alone. They run only the server's own read-only operation for a GET, so a
 * forged navigation can neither change anything nor read the answer, which goes to the victim's
 * own browser.
 */
import type { IncomingMessage } from 'node:http';
import { PUBLIC_PRINCIPAL, type Principal } from '../auth/principal';
import { bearerToken } from '../auth/tokens';
import { appError } from '../errors';
import { cookieValue } from '../modules/session/session-cookie';
import type { Services } from '../services';

/** Whether a session cookie needs its CSRF token: always, except for the server's own read-only pages. */
export type SessionCsrf = 'token required' | 'read-only page';

async function sessionPrincipal(req: IncomingMessage, services: Services, now: Date, csrf: SessionCsrf): Promise<Principal> {
  const sessions = services.sessions;
  const id = sessions && cookieValue(req.headers.cookie, sessions.cookie.name);
  if (!sessions || id === undefined) return PUBLIC_PRINCIPAL;
  const sent = req.headers['x-csrf-token'];
  return sessions.principalOf(id, csrf === 'read-only page' ? { required: false } : { required: true, sent: Array.isArray(sent) ? sent[0] : sent }, now);
}

export async function authenticate(req: IncomingMessage, services: Services, now = new Date(), csrf: SessionCsrf = 'token required'): Promise<Principal> {
  const token = bearerToken(req.headers.authorization);
  if (token === undefined) return sessionPrincipal(req, services, now, csrf);
  const principal = await services.tokens.principalOf(token);
  if (principal.agencyCode && !services.agencies.get(principal.agencyCode)) {
    throw appError('UNAUTHENTICATED', `token names agency ${principal.agencyCode}, which this deployment does not know`);
  }
  return principal;
}

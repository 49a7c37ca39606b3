/**
 * The session cookie's name and attributes. Over https (any real deployment: OIDC_REDIRECT_URI
 * must be https outside loopback) it is `__Host-credit-session`: Secure, Path=/, no Domain, so
 * neither plain http nor a sibling subdomain can set or overwrite it (session fixation). Over
 * plain http on a developer's loopback address it is `credit-session` without Secure: browsers
 * other than Chromium and Firefox (and command-line clients) neither store nor send a Secure
 * cookie over http, and a `__Host-` cookie must be Secure. Both HttpOnly (no script reads it)
 * and SameSite=Lax (not sent on cross-site POSTs or subresource requests; sent on the top-level
 * navigation back from the identity service).
 */
export interface SessionCookie {
  name: string;
  secure: boolean;
}

export function sessionCookie(secure: boolean): SessionCookie {
  return { name: secure ? '__Host-credit-session' : 'credit-session', secure };
}

/** The sign-in state cookie (state, nonce, PKCE verifier), named by the same rule. */
export function signInStateCookie(secure: boolean): SessionCookie {
  return { name: secure ? '__Host-credit-sign-in' : 'credit-sign-in', secure };
}

/** A Set-Cookie value; `maxAgeSeconds` 0 deletes the cookie. */
export function setCookie(cookie: SessionCookie, value: string, maxAgeSeconds: number): string {
  return [
    `${cookie.name}=${value}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Lax',
    ...(cookie.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The value of cookie `name` in a Cookie header; undefined when absent. The first wins, as browsers send the most specific first. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

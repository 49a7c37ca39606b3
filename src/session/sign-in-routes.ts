/**
 * /auth/login, /auth/callback, /auth/logout and /auth/session: a subject's sign-in through the
 * identity service, ending in a server-side session (src/modules/session/) whose cookie the
 * GraphQL endpoint accepts as the SUBJECT principal together with the session's CSRF token.
 *
 * - login (GET): fresh state, nonce and PKCE verifier, sealed into a short-lived cookie; a 303
 *   to the identity service.
 * - callback (GET): the sealed state must be present and match; the code is exchanged with the
 *   verifier and the ID token verified (openid-client); the identity claim is mapped to a
 *   subject (src/modules/session/sign-in-identity.ts); a session starts; a 303 back.
 * - logout (POST, with the CSRF token as form field `csrf` or X-CSRF-Token): the session ends.
 * - session (GET): whether this browser is signed in, and the CSRF token for its requests. Only
 *   the page's own origin can read it (no CORS headers), so a third-party site cannot learn it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import type { SignInConfig } from '../config';
import { AppError } from '../errors';
import { BodyError, readBody } from '../http/body';
import type { PageRoute } from '../http/app';
import type { Logger } from '../logger';
import { cookieValue, setCookie, signInStateCookie } from '../modules/session/session-cookie';
import type { Services } from '../services';
import type { RelyingParty } from './relying-party';
import { signInFailure } from './relying-party';
import { openState, returnPath, sealState, SIGN_IN_STATE_SECONDS } from './sign-in-state';

export interface SignInRouteOptions {
  config: SignInConfig;
  services: Services;
  logger: Logger;
  /** The relying party; undefined until the server knows its address (the embedded provider's issuer). */
  relyingParty: () => RelyingParty | undefined;
  now?: () => Date;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(JSON.stringify(body));
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page for the browser that followed the flow here. */
function sendPage(res: ServerResponse, status: number, title: string, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${escape(title)}</title><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/auth/login">重新登录 · Sign in again</a> · <a href="/">首页 · Home</a></p></html>`);
}

function redirect(res: ServerResponse, location: string, cookies: string[]): void {
  res.statusCode = 303;
  res.setHeader('location', location);
  res.setHeader('cache-control', 'no-store');
  if (cookies.length) res.setHeader('set-cookie', cookies);
  res.end();
}

export function signInRoutes(opts: SignInRouteOptions): PageRoute {
  const { config, services } = opts;
  const sessions = services.sessions!;
  const identities = services.signInIdentities!;
  const stateCookie = signInStateCookie(sessions.cookie.secure);
  const now = () => opts.now?.() ?? new Date();
  const clearState = setCookie(stateCookie, '', 0);

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rp = opts.relyingParty();
    if (!rp) return sendPage(res, 503, '登录暂不可用 · Sign-in unavailable', 'the server is still starting; try again shortly');
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    let target: URL;
    try {
      target = await rp.authorizationUrl(checks);
    } catch (err) {
      opts.logger.warn({ err }, 'sign-in: the identity service\'s metadata could not be read');
      return sendPage(res, 503, '登录暂不可用 · Sign-in unavailable', signInFailure(err));
    }
    const sealed = await sealState(config.stateKey, { ...checks, returnTo: returnPath(url.searchParams.get('return')) }, now());
    redirect(res, target.href, [setCookie(stateCookie, sealed, SIGN_IN_STATE_SECONDS)]);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rp = opts.relyingParty();
    if (!rp) return sendPage(res, 503, '登录暂不可用 · Sign-in unavailable', 'the server is still starting; try again shortly');
    const at = now();
    const state = await openState(config.stateKey, cookieValue(req.headers.cookie, stateCookie.name), at);
    // Without it, the callback was not started by this browser (or too long ago): a code injected
    // into someone else's browser goes no further.
    if (!state) {
      res.setHeader('set-cookie', clearState);
      return sendPage(res, 400, '登录失败 · Sign-in failed', 'this sign-in was not started in this browser, or took longer than ten minutes; start again');
    }
    let identity;
    try {
      const { issuer, claims } = await rp.claimsOf(url.search, state, [config.claims.person, config.claims.company]);
      identity = await identities.resolve(issuer, claims, config.claims, at);
    } catch (err) {
      res.setHeader('set-cookie', clearState);
      const reason = err instanceof AppError ? err.message : signInFailure(err);
      opts.logger.warn({ reason }, 'sign-in refused');
      return sendPage(res, 400, '登录失败 · Sign-in failed', reason);
    }
    // A session already in this browser is replaced, never extended (no fixation across sign-ins).
    const previous = cookieValue(req.headers.cookie, sessions.cookie.name);
    if (previous) await sessions.end(previous);
    const { id } = await sessions.create(identity, at);
    opts.logger.info({ principal: identity.principalId, kind: identity.kind, subject: identity.subjectId }, 'signed in');
    redirect(res, state.returnTo, [clearState, setCookie(sessions.cookie, id, sessions.lifetimes.maxSeconds)]);
  }

  async function logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: 'sign out with POST /auth/logout, sending the CSRF token as form field "csrf" or X-CSRF-Token' });
    }
    const id = cookieValue(req.headers.cookie, sessions.cookie.name);
    const session = id === undefined ? undefined : await sessions.find(id, now());
    if (id !== undefined && session) {
      const header = req.headers['x-csrf-token'];
      const sent = (Array.isArray(header) ? header[0] : header) ?? new URLSearchParams(await readBody(req, 4096)).get('csrf') ?? undefined;
      if (!sessions.csrfMatches(session, sent)) {
        return sendJson(res, 403, { errors: [{ message: 'sign-out needs the session\'s CSRF token (form field "csrf" or X-CSRF-Token)', extensions: { code: 'CSRF_TOKEN_INVALID' } }] });
      }
      await sessions.end(id);
    }
    redirect(res, '/', [setCookie(sessions.cookie, '', 0)]);
  }

  async function status(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = cookieValue(req.headers.cookie, sessions.cookie.name);
    const session = id === undefined ? undefined : await sessions.find(id, now());
    // A dead session's cookie is dropped here, so the page's next request is simply public.
    if (id !== undefined && !session) res.setHeader('set-cookie', setCookie(sessions.cookie, '', 0));
    if (!session) return sendJson(res, 200, { signedIn: false, login: '/auth/login' });
    sendJson(res, 200, {
      signedIn: true,
      kind: session.kind,
      // False: the identity service vouched for someone of whom this platform holds nothing.
      recordsHeld: session.subjectId !== null,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
      idleUntil: session.idleUntil.toISOString(),
      logout: '/auth/logout',
    });
  }

  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    '/auth/login': login, '/auth/callback': callback, '/auth/logout': logout, '/auth/session': status,
  };
  return {
    matches: (pathname) => Object.hasOwn(handlers, pathname),
    async handle(req, res, url) {
      if (url.pathname !== '/auth/logout' && req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET');
        return sendJson(res, 405, { error: `${url.pathname} answers GET` });
      }
      try {
        await handlers[url.pathname]!(req, res, url);
      } catch (err) {
        if (err instanceof BodyError) return sendJson(res, err.status, { error: err.message });
        throw err;
      }
    },
  };
}

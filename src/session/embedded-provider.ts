/**
 * The in-process OpenID provider of embedded development (`npm start` without DATABASE_URL or
 * OIDC_ISSUER), so sign-in works on a fresh machine and in the tests: oidc-provider at /oidc,
 * with a handful of seeded test accounts (printed at start-up), a password form of its own, and
 * the same flow a real identity service runs — code with PKCE, signed ID tokens, a client secret.
 *
 * Never in production: config.ts gives no embedded sign-in when NODE_ENV=production or
 * DATABASE_URL is set, and this module (and oidc-provider with it) is only imported when it does
 * (src/session/index.ts), so its routes do not exist there (404).
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import type { PageRoute } from '../http/app';
import { readBody } from '../http/body';

export const EMBEDDED_PROVIDER_PATH = '/oidc';

/** A test account of the embedded provider: who signs in, and the claim it carries. */
export interface EmbeddedAccount {
  login: string;
  password: string;
  name: string;
  /** What the account is for, printed at start-up. */
  note: string;
  /** A person's resident ID number (the person claim). */
  idNumber?: string;
  /** The company the account's holder is agent for (the company claim). */
  uscc?: string;
}

export interface EmbeddedProviderOptions {
  /** This server's origin, e.g. http://127.0.0.1:4000. */
  origin: string;
  clientId: string;
  clientSecret: string;
  accounts: readonly EmbeddedAccount[];
  claims: { person: string; company: string };
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(res: ServerResponse, uid: string, problem?: string): void {
  res.statusCode = problem ? 401 : 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>测试身份认证 · Embedded test identity service</title>
<main><h1>测试身份认证 · Embedded test identity service</h1>
<p>Development only: the accounts are listed in the server's start-up output.</p>
${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="${EMBEDDED_PROVIDER_PATH}/interaction/${escape(uid)}">
<label>Account <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录 · Sign in</button></form></main></html>`);
}

export function createEmbeddedProvider(opts: EmbeddedProviderOptions): { route: PageRoute; issuer: URL; redirectUri: URL } {
  const issuer = new URL(`${opts.origin}${EMBEDDED_PROVIDER_PATH}`);
  const redirectUri = new URL(`${opts.origin}/auth/callback`);
  const accounts = new Map(opts.accounts.map((a) => [a.login, a]));
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const scopeClaims = ['name', opts.claims.person, opts.claims.company];
  const configuration: Configuration = {
    clients: [{
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
      redirect_uris: [redirectUri.href],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    // PKCE even for this confidential client, as the province's service is asked to require it.
    pkce: { required: () => true },
    jwks: { keys: [{ ...signingKey, kid: 'embedded-dev', use: 'sig', alg: 'RS256' } as never] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: scopeClaims },
    // The identity claims in the ID token itself, as identity services commonly put them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${EMBEDDED_PROVIDER_PATH}/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id, name: account.name,
          ...(account.idNumber ? { [opts.claims.person]: account.idNumber } : {}),
          ...(account.uscc ? { [opts.claims.company]: account.uscc } : {}),
        }),
      };
    },
    // First-party client: no consent screen; the grant covers what the server asks for.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile');
      grant.addOIDCClaims(scopeClaims);
      await grant.save();
      return grant;
    },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, IdToken: 600, AccessToken: 600 },
  };
  const provider = new Provider(issuer.href, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method !== 'POST') return loginPage(res, uid);
    const form = new URLSearchParams(await readBody(req, 4096));
    const account = accounts.get(form.get('login') ?? '');
    if (!account || !same(account.password, form.get('password') ?? '')) return loginPage(res, uid, 'unknown account or wrong password');
    await provider.interactionFinished(req, res, { login: { accountId: account.login } }, { mergeWithLastSubmission: false });
  }

  const route: PageRoute = {
    matches: (pathname) => pathname === EMBEDDED_PROVIDER_PATH || pathname.startsWith(`${EMBEDDED_PROVIDER_PATH}/`),
    async handle(req, res, url) {
      const own = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
      if (own) {
        try {
          return await interaction(req, res, own[1]!);
        } catch {
          res.statusCode = 400;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
          return void res.end('this sign-in has expired or belongs to another browser; start again at /auth/login');
        }
      }
      // Mounted below /oidc: oidc-provider reads its mount path from originalUrl (as under Express).
      const r = req as IncomingMessage & { originalUrl?: string };
      r.originalUrl = req.url;
      req.url = req.url!.slice(EMBEDDED_PROVIDER_PATH.length) || '/';
      await callback(req, res);
    },
  };
  return { route, issuer, redirectUri };
}

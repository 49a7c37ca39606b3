/**
 * Sign-in for subjects, wired for one server: the /auth routes, and in embedded development the
 * in-process provider at /oidc. The embedded provider's issuer and the redirect URI contain the
 * server's port, so it starts when the server listens (`start`); oidc-provider is imported only
 * then, and never when the configuration names a real identity service or none.
 */
import { randomBytes } from 'node:crypto';
import type { SignInConfig } from '../config';
import type { PageRoute } from '../http/app';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { EmbeddedAccount } from './embedded-provider';
import { RelyingParty } from './relying-party';
import { signInRoutes } from './sign-in-routes';

export type { EmbeddedAccount } from './embedded-provider';

export interface SignIn {
  /** /auth/*, then /oidc/* once an embedded provider runs (answered 404 until then, and always without one). */
  readonly routes: readonly PageRoute[];
  /** Called once the server listens at `origin` (http://host:port). */
  start(origin: string): Promise<void>;
  /** The embedded provider's issuer, when one runs. */
  readonly embeddedIssuer: URL | undefined;
}

export function createSignIn(config: SignInConfig, services: Services, logger: Logger, accounts: readonly EmbeddedAccount[], now?: () => Date): SignIn {
  let relyingParty: RelyingParty | undefined = config.provider.kind === 'external'
    ? new RelyingParty({ ...config.provider, scopes: config.scopes })
    : undefined;
  let embedded: PageRoute | undefined;
  let embeddedIssuer: URL | undefined;
  const auth = signInRoutes({ config, services, logger, relyingParty: () => relyingParty, now });
  const provider: PageRoute = {
    matches: (pathname) => embedded?.matches(pathname) ?? false,
    handle: (req, res, url) => embedded!.handle(req, res, url),
  };
  return {
    routes: [auth, provider],
    get embeddedIssuer() { return embeddedIssuer; },
    async start(origin) {
      if (config.provider.kind !== 'embedded' || embedded) return;
      // Loaded here and only here: a server without the embedded provider never loads oidc-provider.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createEmbeddedProvider } = require('./embedded-provider') as typeof import('./embedded-provider');
      const clientId = 'credit-portal-dev';
      const clientSecret = randomBytes(24).toString('base64url');
      const made = createEmbeddedProvider({ origin, clientId, clientSecret, accounts, claims: config.claims });
      embedded = made.route;
      embeddedIssuer = made.issuer;
      relyingParty = new RelyingParty({ issuer: made.issuer, clientId, clientSecret, redirectUri: made.redirectUri, scopes: config.scopes });
    },
  };
}

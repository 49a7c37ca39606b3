/**
 * This server as an OpenID Connect relying party (openid-client): authorization code flow with
 * PKCE (S256), state and nonce. The identity service's metadata is discovered on first use and
 * kept; a failed discovery is retried on the next sign-in rather than stopping the server.
 */
import * as oidc from 'openid-client';

export interface RelyingPartySettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
  scopes: string;
}

export class RelyingParty {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(readonly settings: RelyingPartySettings) {}

  private configuration(): Promise<oidc.Configuration> {
    const s = this.settings;
    this.discovered ??= oidc.discovery(s.issuer, s.clientId, undefined, oidc.ClientSecretBasic(s.clientSecret), {
      // http:// is accepted by config only on a loopback address (the embedded provider, a local test service).
      execute: s.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    }).catch((err: unknown) => {
      this.discovered = undefined;
      throw err;
    });
    return this.discovered;
  }

  /** The identity service's authorization URL for a fresh state, nonce and verifier. */
  async authorizationUrl(checks: { state: string; nonce: string; verifier: string }): Promise<URL> {
    return oidc.buildAuthorizationUrl(await this.configuration(), {
      redirect_uri: this.settings.redirectUri.href,
      scope: this.settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
  }

  /**
   * Exchanges the callback's code (the verifier proves this browser started the flow), validates
   * the ID token (signature, issuer, audience, expiry, nonce) and returns its claims, completed
   * from the userinfo endpoint when the ID token does not carry them.
   */
  async claimsOf(callbackSearch: string, checks: { state: string; nonce: string; verifier: string }, wanted: readonly string[]): Promise<{ issuer: string; claims: Record<string, unknown> }> {
    const config = await this.configuration();
    const current = new URL(this.settings.redirectUri);
    current.search = callbackSearch;
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    if (!wanted.some((name) => typeof claims[name] === 'string')) {
      claims = { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
    }
    return { issuer: config.serverMetadata().issuer, claims };
  }
}

/** What to tell the person whose sign-in failed: the library's words, never a claim's value. */
export function signInFailure(err: unknown): string {
  if (err instanceof oidc.AuthorizationResponseError) return `the identity service refused: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`;
  if (err instanceof oidc.ResponseBodyError) return `the identity service refused the code: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`;
  if (err instanceof oidc.ClientError) {
    // The library's summary, and its check that failed (e.g. unexpected "state" response parameter value).
    const detail = err.cause instanceof Error && err.cause.message !== err.message ? `: ${err.cause.message}` : '';
    return `the identity service's answer did not verify: ${err.message}${detail}`;
  }
  return 'the identity service could not be reached; try again shortly';
}

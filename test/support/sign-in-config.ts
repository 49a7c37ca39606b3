/**
 * The sign-in configuration the tests run with: the embedded OpenID provider
 * (src/session/embedded-provider.ts), its test accounts' claims, a fresh state key.
 */
import { randomBytes } from 'node:crypto';
import type { SignInConfig } from '../../src/config';

export function embeddedSignIn(overrides: Partial<SignInConfig> = {}): SignInConfig {
  return {
    provider: { kind: 'embedded' }, scopes: 'openid profile', claims: { person: 'id_number', company: 'uscc' },
    stateKey: randomBytes(32), maxSeconds: 3600, idleSeconds: 600, ...overrides,
  };
}

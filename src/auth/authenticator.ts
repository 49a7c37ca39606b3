/**
 * Bearer token → principal, for a server: the token verified (src/auth/tokens.ts), and a
 * SUBJECT token's subject confirmed to exist — a token for a subject that does not exist
 * names nobody, and is refused as UNAUTHENTICATED rather than failing later inside a
 * mutation. Subjects found are remembered for a while (bounded), so a subject's requests
 * cost one extra statement per interval, not one each.
 */
import { appError } from '../errors';
import type { Principal } from './principal';
import { TokenVerifier } from './tokens';
import type { TokenKeys } from './token-keys';

const KNOWN_FOR_MS = 5 * 60_000;
const KNOWN_MAX = 10_000;

export class BearerAuthenticator {
  readonly verifier: TokenVerifier;
  private readonly known = new Map<number, number>();

  constructor(keys: TokenKeys, private readonly subjectExists: (id: number) => Promise<boolean>) {
    this.verifier = new TokenVerifier(keys);
  }

  async principalOf(token: string): Promise<Principal> {
    const principal = await this.verifier.verify(token);
    if (principal.role === 'SUBJECT' && !(await this.exists(principal.subjectId!))) {
      throw appError('UNAUTHENTICATED', `token names subject #${principal.subjectId}, which does not exist here`);
    }
    return principal;
  }

  private async exists(id: number): Promise<boolean> {
    const now = Date.now();
    const until = this.known.get(id);
    if (until !== undefined && until > now) return true;
    if (!(await this.subjectExists(id))) {
      this.known.delete(id);
      return false;
    }
    if (this.known.size >= KNOWN_MAX) this.known.delete(this.known.keys().next().value!);
    this.known.delete(id);
    this.known.set(id, now + KNOWN_FOR_MS);
    return true;
  }
}

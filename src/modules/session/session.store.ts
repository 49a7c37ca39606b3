/**
 * Server-side sessions for subjects signed in through the identity service (src/session/).
 *
 * Why in the database rather than a sealed cookie: a session must end when its holder signs out,
 * everywhere at once, and a self-contained cookie stays valid until it expires unless every
 * instance consults a revocation list — which is a server-side store anyway. A row per session
 * also lets the idle limit slide without reissuing cookies.
 *
 * The cookie carries 32 random bytes; the table keeps their SHA-256 only. Each session has a
 * synchronizer CSRF token that every request authenticated by the cookie must echo, compared in
 * constant time: a forged cross-site request carries the cookie but cannot know the token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PUBLIC_PRINCIPAL, type Principal } from '../../auth/principal';
import { appError } from '../../errors';
import type { SessionRepo, SessionRow } from './session.repo';
import type { SessionCookie } from './session-cookie';

export type SessionKind = 'PERSON' | 'COMPANY';

/** A live session as its holder may see it. */
export interface Session {
  kind: SessionKind;
  subjectId: number | null;
  principalId: string;
  csrfToken: string;
  expiresAt: Date;
  idleUntil: Date;
}

export interface SessionLifetimes {
  maxSeconds: number;
  idleSeconds: number;
}

/** The idle deadline is moved at most this often, so a busy page costs no write per request. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SessionStore {
  constructor(private readonly repo: SessionRepo, readonly lifetimes: SessionLifetimes, readonly cookie: SessionCookie) {}

  /** Starts a session; returns the id for the cookie (never stored) and the session. Clears dead sessions first. */
  async create(who: { kind: SessionKind; subjectId: number | null; principalId: string }, now: Date): Promise<{ id: string; session: Session }> {
    await this.repo.deleteDead(now);
    const id = randomBytes(32).toString('base64url');
    const row: SessionRow = {
      idHash: hashOf(id),
      kind: who.kind,
      subjectId: who.subjectId,
      principalId: who.principalId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.lifetimes.maxSeconds * 1000),
      idleUntil: new Date(now.getTime() + Math.min(this.lifetimes.idleSeconds, this.lifetimes.maxSeconds) * 1000),
    };
    await this.repo.insert(row);
    return { id, session: sessionOf(row) };
  }

  /** The live session with this cookie id, its idle deadline moved on; undefined when unknown, ended or expired. */
  async find(id: string, now: Date): Promise<Session | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const row = await this.repo.find(hashOf(id));
    if (!row) return undefined;
    if (row.expiresAt <= now || row.idleUntil <= now) {
      await this.repo.delete(row.idHash);
      return undefined;
    }
    const idleUntil = new Date(Math.min(now.getTime() + this.lifetimes.idleSeconds * 1000, row.expiresAt.getTime()));
    if (idleUntil.getTime() - row.idleUntil.getTime() >= TOUCH_EVERY_MS) {
      await this.repo.touch(row.idHash, idleUntil);
      row.idleUntil = idleUntil;
    }
    return sessionOf(row);
  }

  /** Ends the session (sign-out): from now on its cookie names nobody. */
  async end(id: string): Promise<void> {
    await this.repo.delete(hashOf(id));
  }

  /** True when `sent` is the session's CSRF token. */
  csrfMatches(session: Session, sent: string | undefined): boolean {
    return sent !== undefined && sameToken(session.csrfToken, sent);
  }

  /**
   * The principal of a request carrying this session cookie: the SUBJECT the session names (the
   * public view for a session of someone of whom nothing is held). Refused with UNAUTHENTICATED
   * when the session has ended, and CSRF_TOKEN_INVALID without the session's token (not asked
   * for a read-only page of the server's own, src/http/authenticate.ts).
   */
  async principalOf(id: string, csrf: { required: true; sent: string | undefined } | { required: false }, now: Date): Promise<Principal> {
    const session = await this.find(id, now);
    if (!session) throw appError('UNAUTHENTICATED', 'the session has ended (signed out or expired); sign in again at /auth/login');
    if (csrf.required && !this.csrfMatches(session, csrf.sent)) {
      throw appError('CSRF_TOKEN_INVALID', 'a request signed in by session cookie must send the session\'s CSRF token in X-CSRF-Token (GET /auth/session gives it)');
    }
    if (session.subjectId === null) return PUBLIC_PRINCIPAL;
    return { role: 'SUBJECT', id: session.principalId, subjectId: session.subjectId };
  }
}

function sessionOf(row: SessionRow): Session {
  return {
    kind: row.kind as SessionKind,
    subjectId: row.subjectId,
    principalId: row.principalId,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    idleUntil: row.idleUntil,
  };
}

/**
 * Sign-in sessions of subjects (src/session/). The browser holds a random session id; the row
 * is keyed by its SHA-256, so a reader of this table cannot present a session. Deleting the row
 * ends the session (sign-out); a row past `expires_at` or `idle_until` is dead and deleted at the
 * next sign-in. Nothing here names a person: no ID number, no identity-service account.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { subjects } from './parties';

export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    /** The subject signed in; null: the identity service vouched for someone of whom nothing is held. */
    subjectId: bigint('subject_id', { mode: 'number' }).references(() => subjects.id, { onDelete: 'cascade' }),
    /** PERSON (an ID number) or COMPANY (an agent for a USCC). */
    kind: text('kind').notNull(),
    /** Pseudonymous id for the access log: a keyed hash of the identity service's issuer and `sub`. */
    principalId: text('principal_id').notNull(),
    /** Synchronizer token every cookie-authenticated request must echo (X-CSRF-Token, or a form's `csrf`). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    idleUntil: timestamp('idle_until', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('session_kind', sql`${t.kind} IN ('PERSON', 'COMPANY')`),
    check('session_ends_after_start', sql`${t.expiresAt} > ${t.createdAt}`),
    index('sessions_expires_at').on(t.expiresAt),
    // Deleting a subject cascades here: drizzle/0029.
    index('sessions_subject').on(t.subjectId).where(sql`${t.subjectId} IS NOT NULL`),
  ],
);

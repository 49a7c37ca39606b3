/**
 * Consents and the access log. A consent always has an expiry (49号 七(十四): no lifetime
 * grants). The access log is append-only — a trigger in the custom migration refuses
 * UPDATE, DELETE and TRUNCATE — and hash-chained so that tampering by someone who can
 * bypass the trigger is still detectable (src/audit).
 */
import { sql } from 'drizzle-orm';
import {
  bigint, check, index, pgTable, text, timestamp,
} from 'drizzle-orm/pg-core';
import { accessDecision } from './enums';
import { agencies, subjects } from './parties';

export const consents = pgTable(
  'consents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull().references(() => subjects.id),
    granteeAgencyCode: text('grantee_agency_code').notNull().references(() => agencies.code),
    purposes: text('purposes').array().notNull(),
    /** Catalog item codes the consent covers. */
    itemCodes: text('item_codes').array().notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    channel: text('channel').notNull(),
    evidence: text('evidence').notNull(),
  },
  (t) => [
    check('consent_expires_after_grant', sql`${t.expiresAt} > ${t.grantedAt}`),
    check('consent_has_purposes', sql`cardinality(${t.purposes}) > 0`),
    check('consent_has_items', sql`cardinality(${t.itemCodes}) > 0`),
    check('consent_revoked_after_grant', sql`${t.revokedAt} IS NULL OR ${t.revokedAt} >= ${t.grantedAt}`),
    index('consents_subject_grantee').on(t.subjectId, t.granteeAgencyCode),
  ],
);

export const accessLog = pgTable(
  'access_log',
  {
    // ALWAYS: no client chooses a log position.
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The server's request id (x-request-id response header, server log). */
    requestId: text('request_id').notNull(),
    /** The client's own X-Request-Id, kept as its reference: never the log's key. */
    clientRequestId: text('client_request_id'),
    principal: text('principal').notNull(),
    role: text('role').notNull(),
    agencyCode: text('agency_code'),
    purpose: text('purpose'),
    operation: text('operation').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }),
    itemCode: text('item_code'),
    fieldPath: text('field_path').notNull(),
    decision: accessDecision('decision').notNull(),
    reason: text('reason').notNull(),
    /** The writer stream (one server instance's appends) and the row's place in it (src/audit/log-stream.ts). */
    writer: text('writer'),
    writerSeq: bigint('writer_seq', { mode: 'number' }),
    /** Which ACCESS_LOG_KEY the MAC is under (a one-way id of the key, never the key). */
    keyId: text('key_id'),
    /** HMAC-SHA256 of the stream's previous MAC and the row; null only on rows written before keyed MACs. */
    mac: text('mac'),
    /** sha256 hex of the previous row's hash; the genesis row links to 64 zeros. */
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('access_log_subject').on(t.subjectId, t.at),
    index('access_log_request').on(t.requestId),
    // 64 lowercase hex digits, said as "64 characters, none outside 0-9a-f": the same test as
    // ~ '^[0-9a-f]{64}$', whose bounded repetition PostgreSQL's regex engine runs at ~6 µs a
    // value — three a row made the checks most of an append's INSERT (drizzle/0020).
    check('access_log_hash_shape', sql`char_length(${t.hash}) = 64 AND ${t.hash} !~ '[^0-9a-f]' AND char_length(${t.prevHash}) = 64 AND ${t.prevHash} !~ '[^0-9a-f]'`),
    check('access_log_seal_shape', sql`${t.mac} IS NULL OR (char_length(${t.mac}) = 64 AND ${t.mac} !~ '[^0-9a-f]' AND ${t.writer} IS NOT NULL AND ${t.writerSeq} >= 1 AND ${t.keyId} IS NOT NULL)`),
  ],
);

/**
 * Signed checkpoints of the access log (src/audit/checkpoint.ts): the chain head at a row,
 * and how many rows lead to it, signed with ACCESS_LOG_SIGNING_KEY. Also written outside the
 * database (a JSON Lines file and the structured log); the copy here is for convenience and
 * for subjects' receipts, and is append-only like the log.
 */
export const accessLogCheckpoints = pgTable(
  'access_log_checkpoints',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    head: text('head').notNull(),
    rowCount: bigint('row_count', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The signing key's id (sha256 of its public key, 16 hex). */
    keyId: text('key_id').notNull(),
    /** Ed25519 signature, base64, over the checkpoint's canonical JSON. */
    signature: text('signature').notNull(),
  },
  (t) => [index('access_log_checkpoints_last_seq').on(t.lastSeq)],
);

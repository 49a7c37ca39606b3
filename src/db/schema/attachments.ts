/**
 * Files a subject attaches to its own objection or credit-repair application (evidence: a paid
 * fine's receipt, a court ruling, a rectification report). The content is kept in the database
 * (bytea), so a backup, a replica and a restore carry it with the case it belongs to; the
 * limits (size, count, type by magic bytes) are src/modules/attachment/attachment.rules.ts,
 * the size and type also as CHECKs so nothing around the API stores more.
 *
 * The purge (src/modules/credit-record/record-history.service.ts) erases the content and the
 * file name (either may be personal data: an ID card's scan, 张三身份证.jpg) once the record
 * the case is about loses its personal data, and keeps the row as a tombstone: the case, type,
 * size, SHA-256 and upload time are the receipt the subject was shown and the evidence that
 * the procedure had this file before it, and say nothing about the person without the file.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { objections, repairApplications } from './lifecycle';
import { subjects } from './parties';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const attachments = pgTable(
  'attachments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull().references(() => subjects.id),
    objectionId: bigint('objection_id', { mode: 'number' }).references(() => objections.id),
    repairApplicationId: bigint('repair_application_id', { mode: 'number' }).references(() => repairApplications.id),
    /** The name the uploader gave, for display and download only (never a path); null once erased. */
    fileName: text('file_name'),
    /** The type the magic bytes showed, not the one declared. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** Hex SHA-256 of the content: shown to the subject as its receipt of what was filed. */
    sha256: text('sha256').notNull(),
    /** Null once erased. */
    content: bytea('content'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    /** When the purge erased the content and the file name; null while they are held. */
    contentErasedAt: timestamp('content_erased_at', { withTimezone: true }),
  },
  (t) => [
    check('attachment_one_case', sql`num_nonnulls(${t.objectionId}, ${t.repairApplicationId}) = 1`),
    check('attachment_type_allowed', sql`${t.contentType} IN ('application/pdf', 'image/jpeg', 'image/png')`),
    check('attachment_size_capped', sql`${t.size} > 0 AND ${t.size} <= 5242880 AND (${t.content} IS NULL OR octet_length(${t.content}) = ${t.size})`),
    // Held whole or erased whole: no row without content that does not say when it was erased.
    check('attachment_held_or_erased', sql`(${t.contentErasedAt} IS NULL AND ${t.content} IS NOT NULL AND ${t.fileName} IS NOT NULL)
      OR (${t.contentErasedAt} IS NOT NULL AND ${t.content} IS NULL AND ${t.fileName} IS NULL)`),
    index('attachments_objection').on(t.objectionId),
    index('attachments_repair_application').on(t.repairApplicationId),
    index('attachments_subject').on(t.subjectId),
  ],
);

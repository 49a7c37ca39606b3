/**
 * The register of issued credit reports (报告验证): one row per report rendered at /report (HTML
 * or PDF), holding only what verification needs — the number, the SHA-256 digest of the content
 * (its first 16 hex digits are the printed 校验码), when, which edition, in which form and to
 * which class of caller. No content, no subject: a leaked register says nothing about anyone.
 * Append-only (drizzle/0021): triggers refuse UPDATE, DELETE and TRUNCATE, and the application
 * role holds only INSERT and SELECT on it.
 */
import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const issuedReports = pgTable(
  'issued_reports',
  {
    reportNumber: text('report_number').primaryKey(),
    /** SHA-256 (hex) of the report's canonical JSON (src/report/report-digest.ts). */
    digest: text('digest').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** PUBLIC or FULL (ReportEdition). */
    edition: text('edition').notNull(),
    /** HTML or PDF. */
    format: text('format').notNull(),
    /** Who had it issued, as a class: the role, and the agency for agencies' callers; never the subject. */
    issuer: text('issuer').notNull(),
  },
  (t) => [
    check('issued_report_digest_hex', sql`${t.digest} ~ '^[0-9a-f]{64}$'`),
    check('issued_report_edition', sql`${t.edition} IN ('PUBLIC', 'FULL')`),
    check('issued_report_format', sql`${t.format} IN ('HTML', 'PDF')`),
  ],
);

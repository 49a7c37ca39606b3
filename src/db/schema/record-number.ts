/**
 * 记录编号: the human record number of credit records, list entries, objections and repair
 * applications, `<region>-<year>-<letter><10 digits>` (e.g. `320106-2026-R0462113597`).
 * Assigned by a BEFORE INSERT trigger (drizzle/0019_report_register_record_numbers.sql), so
 * every writer — the API, imports, the seeder, SQL outside the application — gets one; a value
 * given at insert is overwritten, and an UPDATE may not change it. The default '' only
 * satisfies NOT NULL for the moment before the trigger (a bulk load's derivation fills it).
 * The digits are a keyed permutation of one global sequence: unique, never reused, and saying
 * nothing about how many records (visible or not) a region holds.
 */
import { text } from 'drizzle-orm/pg-core';

export const recordNumberColumn = () => text('record_number').notNull().unique().default('');

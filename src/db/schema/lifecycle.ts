/**
 * The procedures of the guideline as rows whose CHECKs keep each state consistent:
 * serious-dishonesty-list entries (告知 → 异议 → 决定 → 移出), objections, punishment-measure
 * applications, credit-repair applications. There is deliberately no fee column anywhere:
 * repair is a free public service (49号 六(十二)).
 */
import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, date, foreignKey, index, pgTable, text, timestamp,
} from 'drizzle-orm/pg-core';
import {
  listEntryState, measureCategory, measureMode, objectionOutcome, objectionState,
  removalReason, repairState, repairTreatment,
} from './enums';
import { punishmentMeasures, seriousListTypes } from './catalog';
import { agencies, subjects } from './parties';
import { creditRecords, legalDocuments } from './records';
import { recordNumberColumn } from './record-number';

export const seriousListEntries = pgTable(
  'serious_list_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** 记录编号 (./record-number.ts). */
    recordNumber: recordNumberColumn(),
    listTypeCode: text('list_type_code').notNull().references(() => seriousListTypes.code),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull().references(() => subjects.id),
    agencyCode: text('agency_code').notNull().references(() => agencies.code),
    /** The officials (token subjects) who notified and who decided the listing; null before officials were recorded, or around the API. */
    notifiedByOfficial: text('notified_by_official'),
    decidedByOfficial: text('decided_by_official'),
    state: listEntryState('state').notNull().default('NOTIFIED'),
    // 告知: reasons, basis and the subject's rights, before any decision (49号 四(八)).
    noticeReasons: text('notice_reasons').notNull(),
    noticeBasis: text('notice_basis').notNull(),
    noticeRights: text('notice_rights').notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull(),
    objectionDeadline: date('objection_deadline', { mode: 'string' }).notNull(),
    /** Counted provisionally (next year's holiday notice not loaded): recounted at start-up once it is, never shortened. */
    objectionDeadlineProvisional: boolean('objection_deadline_provisional').notNull().default(false),
    // 决定: the document carrying reasons, basis, measures, removal conditions, remedies.
    decisionDocumentId: bigint('decision_document_id', { mode: 'number' }).references(() => legalDocuments.id),
    decisionReasons: text('decision_reasons'),
    decisionBasis: text('decision_basis'),
    measuresNotice: text('measures_notice'),
    removalConditions: text('removal_conditions'),
    removalProcedure: text('removal_procedure'),
    remedies: text('remedies'),
    listedAt: timestamp('listed_at', { withTimezone: true }),
    listedUntil: date('listed_until', { mode: 'string' }),
    /** The SERIOUS_LIST credit record created on listing: what portals and partners read. */
    creditRecordId: bigint('credit_record_id', { mode: 'number' }).references(() => creditRecords.id),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removalReason: removalReason('removal_reason'),
    /** The deciding agency's statement of why the entry was removed (which condition, which ruling). */
    removalNote: text('removal_note'),
    droppedAt: timestamp('dropped_at', { withTimezone: true }),
    /** Why the procedure ended without a listing (e.g. the objection showed the facts were wrong). */
    dropReason: text('drop_reason'),
  },
  (t) => [
    check(
      'entry_listed_has_decision',
      sql`${t.state} NOT IN ('LISTED', 'REMOVED') OR (${t.decisionDocumentId} IS NOT NULL
        AND ${t.decisionReasons} IS NOT NULL AND ${t.decisionBasis} IS NOT NULL
        AND ${t.measuresNotice} IS NOT NULL AND ${t.removalConditions} IS NOT NULL
        AND ${t.removalProcedure} IS NOT NULL AND ${t.remedies} IS NOT NULL
        AND ${t.listedAt} IS NOT NULL)`,
    ),
    check('entry_listed_after_deadline', sql`${t.listedAt} IS NULL OR ${t.listedAt} >= ${t.notifiedAt}`),
    check('entry_removed_has_reason', sql`(${t.state} = 'REMOVED') = (${t.removalReason} IS NOT NULL AND ${t.removedAt} IS NOT NULL)`),
    check('entry_dropped_has_date', sql`(${t.state} = 'DROPPED') = (${t.droppedAt} IS NOT NULL)`),
    index('serious_list_entries_subject').on(t.subjectId),
    index('serious_list_entries_type_state').on(t.listTypeCode, t.state),
    index('serious_list_entries_deadline_provisional').on(t.id).where(sql`${t.objectionDeadlineProvisional}`),
    // Foreign keys' referencing columns (drizzle/0029): a record's listing, a document's entries.
    index('serious_list_entries_credit_record').on(t.creditRecordId).where(sql`${t.creditRecordId} IS NOT NULL`),
    index('serious_list_entries_decision_document').on(t.decisionDocumentId).where(sql`${t.decisionDocumentId} IS NOT NULL`),
  ],
);

export const objections = pgTable(
  'objections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** 记录编号 (./record-number.ts). */
    recordNumber: recordNumberColumn(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull().references(() => subjects.id),
    creditRecordId: bigint('credit_record_id', { mode: 'number' }).references(() => creditRecords.id),
    listEntryId: bigint('list_entry_id', { mode: 'number' }).references(() => seriousListEntries.id),
    reason: text('reason').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Counted provisionally (a year whose holiday notice is not loaded): made exact at start-up once it is. */
    dueProvisional: boolean('due_provisional').notNull().default(false),
    state: objectionState('state').notNull().default('PENDING'),
    outcome: objectionOutcome('outcome'),
    response: text('response'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by').references(() => agencies.code),
    /** The official (token subject) who decided; null for rows decided before officials were recorded, or around the API. */
    decidedByOfficial: text('decided_by_official'),
  },
  (t) => [
    check('objection_one_target', sql`num_nonnulls(${t.creditRecordId}, ${t.listEntryId}) = 1`),
    check('objection_due_after_filing', sql`${t.dueAt} > ${t.filedAt}`),
    check(
      'objection_decided_complete',
      sql`(${t.state} = 'DECIDED') = (${t.outcome} IS NOT NULL AND ${t.decidedAt} IS NOT NULL AND ${t.decidedBy} IS NOT NULL)`,
    ),
    index('objections_subject').on(t.subjectId),
    index('objections_pending_due').on(t.state, t.dueAt),
    // Start-up finds the provisional ones to recount (provisional-due-dates.ts): few, in a big table.
    index('objections_due_provisional').on(t.id).where(sql`${t.dueProvisional}`),
    // A record's or an entry's objections (a pending one holds the entry's listing): drizzle/0029.
    index('objections_credit_record').on(t.creditRecordId).where(sql`${t.creditRecordId} IS NOT NULL`),
    index('objections_list_entry').on(t.listEntryId).where(sql`${t.listEntryId} IS NOT NULL`),
  ],
);

export const measureApplications = pgTable(
  'measure_applications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    measureId: bigint('measure_id', { mode: 'number' }).notNull(),
    /** Copied from the measure through the composite key, so the mode rule below holds. */
    measureCategory: measureCategory('measure_category').notNull(),
    mode: measureMode('mode').notNull(),
    creditRecordId: bigint('credit_record_id', { mode: 'number' }).references(() => creditRecords.id),
    listEntryId: bigint('list_entry_id', { mode: 'number' }).references(() => seriousListEntries.id),
    agencyCode: text('agency_code').notNull().references(() => agencies.code),
    /** The official (token subject) who applied the measure; null before officials were recorded, or around the API. */
    appliedByOfficial: text('applied_by_official'),
    /** The legal basis cited when applying (49号 五(九): cite it directly). */
    citedBasis: text('cited_basis').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftReason: text('lift_reason'),
  },
  (t) => [
    foreignKey({
      name: 'measure_applications_measure_category_fk',
      columns: [t.measureId, t.measureCategory],
      foreignColumns: [punishmentMeasures.id, punishmentMeasures.category],
    }),
    // 49号 五(九): organisations other than public bodies cannot be forced to punish.
    check('measure_third_party_only_recommended', sql`${t.measureCategory} <> 'THIRD_PARTY_VOLUNTARY' OR ${t.mode} = 'RECOMMENDED'`),
    check('measure_one_target', sql`num_nonnulls(${t.creditRecordId}, ${t.listEntryId}) = 1`),
    check('measure_lift_has_reason', sql`(${t.liftedAt} IS NULL) = (${t.liftReason} IS NULL)`),
    index('measure_applications_record').on(t.creditRecordId),
    index('measure_applications_entry').on(t.listEntryId),
  ],
);

export const repairApplications = pgTable(
  'repair_applications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** 记录编号 (./record-number.ts). */
    recordNumber: recordNumberColumn(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull().references(() => subjects.id),
    creditRecordId: bigint('credit_record_id', { mode: 'number' }).references(() => creditRecords.id),
    listEntryId: bigint('list_entry_id', { mode: 'number' }).references(() => seriousListEntries.id),
    /** 信用承诺: the subject's commitment that the materials are true (Order 36 art. 3). */
    commitment: text('commitment').notNull(),
    obligationsEvidence: text('obligations_evidence').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Counted provisionally (a year whose holiday notice is not loaded): made exact at start-up once it is. */
    dueProvisional: boolean('due_provisional').notNull().default(false),
    state: repairState('state').notNull().default('SUBMITTED'),
    treatment: repairTreatment('treatment'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by').references(() => agencies.code),
    /** The official (token subject) who decided; null for rows decided before officials were recorded, or around the API. */
    decidedByOfficial: text('decided_by_official'),
  },
  (t) => [
    check('repair_one_target', sql`num_nonnulls(${t.creditRecordId}, ${t.listEntryId}) = 1`),
    check('repair_commitment_given', sql`length(trim(${t.commitment})) > 0`),
    check('repair_approved_has_treatment', sql`(${t.state} = 'APPROVED') = (${t.treatment} IS NOT NULL)`),
    check(
      'repair_decided_complete',
      sql`${t.state} NOT IN ('APPROVED', 'REJECTED') OR (${t.decidedAt} IS NOT NULL AND ${t.decidedBy} IS NOT NULL AND ${t.decisionReason} IS NOT NULL)`,
    ),
    index('repair_applications_subject').on(t.subjectId),
    index('repair_applications_open_due').on(t.state, t.dueAt),
    index('repair_applications_due_provisional').on(t.id).where(sql`${t.dueProvisional}`),
    // A record's or an entry's repair applications: drizzle/0029.
    index('repair_applications_credit_record').on(t.creditRecordId).where(sql`${t.creditRecordId} IS NOT NULL`),
    index('repair_applications_list_entry').on(t.listEntryId).where(sql`${t.listEntryId} IS NOT NULL`),
  ],
);

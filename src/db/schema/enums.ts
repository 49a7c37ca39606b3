/**
 * Closed vocabularies shared by the tables. They are database enums so that a row can
 * never hold a value the domain does not know; the GraphQL enums are derived from the
 * same arrays (see src/graphql/enums.ts), so the two cannot drift.
 */
import { pgEnum } from 'drizzle-orm/pg-core';

export const SUBJECT_KINDS = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'] as const;
/** Same words as the catalog's minDecidingLevel (src/catalog/measures.schema.ts), plus TOWNSHIP. */
export const AGENCY_LEVELS = ['NATIONAL', 'PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP'] as const;
export const AGENCY_KINDS = ['DEPARTMENT', 'COURT', 'PARTNER', 'PLATFORM'] as const;
export const CATALOG_KINDS = ['BASE_CATALOG', 'SUPPLEMENTARY_CATALOG', 'MEASURE_LIST', 'SHARING_AGREEMENTS'] as const;
export const CATALOG_STATUSES = ['DRAFT', 'PUBLISHED', 'RETIRED'] as const;
export const DOCUMENT_KINDS = [
  'JUDGMENT',
  'ARBITRAL_AWARD',
  'ADMINISTRATIVE_PENALTY',
  'ADMINISTRATIVE_RULING',
  'OTHER_STATUTORY',
] as const;
export const SEVERITIES = ['MINOR', 'GENERAL', 'SERIOUS'] as const;
export const LENIENCY_GROUNDS = ['MINOR_SUBJECT', 'FORCE_MAJEURE', 'NOT_INTENTIONAL', 'MINOR_BREACH'] as const;
export const RECORD_STATUSES = ['ACTIVE', 'REPAIRED', 'REVOKED'] as const;
/** Whether a record's 公示截止期 is the one its decision stated or the computed maximum (49号 三(五)). */
export const PUBLICATION_END_SOURCES = ['STATED', 'COMPUTED'] as const;
export const REPAIR_TREATMENTS = ['MARKED', 'SHIELDED', 'DELETED'] as const;
export const LIST_ENTRY_STATES = ['NOTIFIED', 'OBJECTED', 'LISTED', 'REMOVED', 'DROPPED'] as const;
export const REMOVAL_REASONS = ['CONDITIONS_MET', 'REPAIRED', 'EXPIRED', 'OBJECTION_UPHELD'] as const;
export const MEASURE_CATEGORIES = ['RIGHTS_REDUCTION', 'MANAGEMENT', 'THIRD_PARTY_VOLUNTARY'] as const;
export const MEASURE_MODES = ['IMPOSED', 'RECOMMENDED'] as const;
export const OBJECTION_STATES = ['PENDING', 'DECIDED'] as const;
export const OBJECTION_OUTCOMES = [
  'CORRECTED',
  'SUPPLEMENTED',
  'PUBLICATION_WITHDRAWN',
  'REMOVED_FROM_LIST',
  'REJECTED',
] as const;
export const REPAIR_STATES = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'APPROVED'] as const;
export const ACCESS_DECISIONS = ['ALLOW', 'MASK', 'DENY'] as const;

export const subjectKind = pgEnum('subject_kind', SUBJECT_KINDS);
export const agencyLevel = pgEnum('agency_level', AGENCY_LEVELS);
export const agencyKind = pgEnum('agency_kind', AGENCY_KINDS);
export const catalogKind = pgEnum('catalog_kind', CATALOG_KINDS);
export const catalogStatus = pgEnum('catalog_status', CATALOG_STATUSES);
export const documentKind = pgEnum('document_kind', DOCUMENT_KINDS);
export const severity = pgEnum('severity', SEVERITIES);
export const leniencyGround = pgEnum('leniency_ground', LENIENCY_GROUNDS);
export const recordStatus = pgEnum('record_status', RECORD_STATUSES);
export const publicationEndSource = pgEnum('publication_end_source', PUBLICATION_END_SOURCES);
export const repairTreatment = pgEnum('repair_treatment', REPAIR_TREATMENTS);
export const listEntryState = pgEnum('list_entry_state', LIST_ENTRY_STATES);
export const removalReason = pgEnum('removal_reason', REMOVAL_REASONS);
export const measureCategory = pgEnum('measure_category', MEASURE_CATEGORIES);
export const measureMode = pgEnum('measure_mode', MEASURE_MODES);
export const objectionState = pgEnum('objection_state', OBJECTION_STATES);
export const objectionOutcome = pgEnum('objection_outcome', OBJECTION_OUTCOMES);
export const repairState = pgEnum('repair_state', REPAIR_STATES);
export const accessDecision = pgEnum('access_decision', ACCESS_DECISIONS);

/**
 * The shape of a disclosure decision and how it travels with a record. The policy decides
 * once per request and record (src/policy/disclosure.ts); the decision rides on the object
 * under a symbol, and every field rule, the masking middleware and the access recorder only
 * look it up. An object without a decision is denied (fail closed).
 */
import type { ErrorCode } from '../errors';

export type Effect = 'ALLOW' | 'MASK' | 'DENY';

export type PersonalDataKind = 'NAME' | 'ID_NUMBER' | 'PHONE' | 'ADDRESS' | 'BANK_ACCOUNT' | 'HEALTH';

/**
 * Why a record or a field is refused: stable codes, written to the access log, counted in the
 * metrics and carried as `reason` in FORBIDDEN errors — a client may switch on them.
 */
export const DENIAL_REASONS = [
  'NO_DECISION', 'RECORD_NOT_VISIBLE', 'FIELD_NOT_SHARED', 'FIELD_NOT_PUBLISHED', 'NEVER_PUBLISHED', 'CONSENT_REQUIRED',
  'ITEM_NOT_PUBLISHED', 'ITEM_NOT_SHAREABLE', 'NATURAL_PERSON_NOT_PUBLISHED', 'NO_AGREEMENT_COVERS_ITEM',
  'OUTSIDE_AGREEMENT_AREA', 'OUTSIDE_JURISDICTION', 'PURPOSE_NOT_PERMITTED', 'PURPOSE_REQUIRED',
  'SUBJECT_KIND_NOT_IN_ITEM', 'AGENCY_NOT_PERMITTED',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export interface FieldDecision {
  readonly effect: Effect;
  /**
   * Stable reason code, written to the access log and shown in denial errors: a DenialReason
   * when denied; when shown, the capacity (OWN_DATA, PROVIDING_DEPARTMENT, PUBLISHED,
   * PUBLISHED_MASKED, SHARED:<agreement>).
   */
  readonly reason: string;
  /** For DENY: the error code the client receives. */
  readonly code?: ErrorCode;
  /** For MASK: which desensitisation format applies. */
  readonly personal?: PersonalDataKind;
}

export interface RecordDisclosure {
  readonly itemCode: string;
  readonly subjectId: number;
  /** The record itself passed the gate: its envelope (item, dates, status) may be shown. */
  readonly visible: boolean;
  /** Why the record is or is not visible (the gate's capacity or refusal reason). */
  readonly basis: string;
  /** SHARE: the data-sharing agreement the record was received under (logged with the access). */
  readonly grant?: string;
  /** Field key (catalog item field) → decision. A key absent here is denied. */
  readonly fields: Readonly<Record<string, FieldDecision>>;
  /**
   * The decision for the record's envelope (its id, item, dates, status): when visible, the
   * same allow decision its shown fields get in that capacity (one reason in the access log,
   * so a record read whole is one row); when not, denied with the gate's reason.
   */
  readonly envelope: FieldDecision;
}

export const DISCLOSURE: unique symbol = Symbol('disclosure');

export type Disclosed<T> = T & { readonly [DISCLOSURE]: RecordDisclosure };

/** Attaches the decision to a record object handed to GraphQL. */
export function withDisclosure<T extends object>(value: T, disclosure: RecordDisclosure): Disclosed<T> {
  return Object.defineProperty(value, DISCLOSURE, { value: disclosure, enumerable: false }) as Disclosed<T>;
}

export function disclosureOf(parent: unknown): RecordDisclosure | undefined {
  return parent !== null && typeof parent === 'object'
    ? (parent as { [DISCLOSURE]?: RecordDisclosure })[DISCLOSURE]
    : undefined;
}

export const DENIED_NO_DECISION: FieldDecision = Object.freeze({
  effect: 'DENY',
  reason: 'NO_DECISION',
  code: 'FORBIDDEN',
});

const COUNTS_ABOUT: unique symbol = Symbol('countsAbout');

/**
 * Marks an object whose count fields (a page's totalCount, a report's summary) count one
 * subject's records, so the access log names the subject a count was revealed about.
 */
export function countsAbout<T extends object>(value: T, subjectId: number): T {
  return Object.defineProperty(value, COUNTS_ABOUT, { value: subjectId, enumerable: false });
}

export function countSubjectOf(parent: unknown): number | null {
  return parent !== null && typeof parent === 'object' ? ((parent as { [COUNTS_ABOUT]?: number })[COUNTS_ABOUT] ?? null) : null;
}

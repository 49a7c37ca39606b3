/**
 * Where a field declares how it is guarded. Every field of the schema carries exactly one
 * tag (on the field, or on its type for a whole type of open reference data); the shield
 * rule map is generated from these tags, and a field without one is denied by the fallback
 * rule and reported by the completeness test (test/integration/shield-coverage.test.ts).
 *
 * The tags travel as GraphQL field extensions, so the generator reads the built schema,
 * not type-graphql internals.
 */
import { Extensions } from 'type-graphql';
import type { ActionName } from '../policy/actions';

export const PRIVACY_TAG = 'privacy';

export type FieldTag =
  /** Credit information: disclosed per record and field by the policy (catalog item field `key`). */
  | { kind: 'CREDIT'; key: string }
  /**
   * About a credit record as a whole (its item, dates, status): disclosed when the record
   * itself is visible to the viewer, even where its own fields are denied (e.g. CONSENT_REQUIRED).
   */
  | { kind: 'RECORD' }
  /** Carries no credit information: structure (page info, cursors) or published reference data. */
  | { kind: 'OPEN' }
  /** A root operation: the action catalog decides which principals may run it. */
  | { kind: 'ACTION'; action: ActionName };

/** A field of a credit record whose disclosure the catalog item's field `key` decides. */
export const CreditInfo = (key: string) => Extensions({ [PRIVACY_TAG]: { kind: 'CREDIT', key } satisfies FieldTag });

/** A field (or, on a class, every field of a type) describing a credit record as a whole. */
export const RecordInfo = () => Extensions({ [PRIVACY_TAG]: { kind: 'RECORD' } satisfies FieldTag });

/** A field (or, on a class, every field of a type) that carries no credit information. */
export const Open = () => Extensions({ [PRIVACY_TAG]: { kind: 'OPEN' } satisfies FieldTag });

/** A root query or mutation guarded by an entry of the action catalog. */
export const Action = (action: ActionName) =>
  Extensions({ [PRIVACY_TAG]: { kind: 'ACTION', action } satisfies FieldTag });

export const COUNT_EXTENSION = 'countsDisclosed';

/**
 * A field whose value is a count of records or subjects the policy let through (a page's
 * totalCount, a report's summary): open to read, but what it reveals — that there are N — is
 * written to the access log for every non-public caller. On a class, every field of the type.
 */
export const CountOfDisclosed = () => Extensions({ [COUNT_EXTENSION]: true });

export function isCountField(fieldExtensions: Readonly<Record<string, unknown>> | null | undefined, typeExtensions: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return fieldExtensions?.[COUNT_EXTENSION] === true || typeExtensions?.[COUNT_EXTENSION] === true;
}

export function readTag(extensions: Readonly<Record<string, unknown>> | null | undefined): FieldTag | undefined {
  return (extensions?.[PRIVACY_TAG] as FieldTag | undefined) ?? undefined;
}

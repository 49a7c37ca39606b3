/**
 * What a field's value is read from, declared on the field, for the public response cache: it
 * walks an operation against the schema (src/http/public-cache/answer-reads.ts) to learn which
 * database changes can alter the answer. A field without a declaration may read anything, so
 * an answer that selects one ends with every change (fail safe: less caching, never stale).
 *
 * Declare only what holds for every value the field can produce, and on the field itself: a
 * declaration on a type would also cover fields other modules add to it later.
 */
import { Extensions } from 'type-graphql';

export const READS_EXTENSION = 'reads';

export type FieldReads =
  /**
   * A root field whose answer is read from subjects' registration (the subjects table and the
   * name index kept from it) and nothing else besides the catalog in force and the legal date,
   * which every cache key holds. Its answer ends with a change to any subject's registration.
   */
  | 'REGISTRATIONS'
  /**
   * Nothing of its own: a property of its parent's value (a column of the row the parent read,
   * a page's structure) or computed from it and the caller alone, without a query.
   */
  | 'PARENT';

/** A root query answered from subjects' registration only (see FieldReads). */
export const ReadsRegistrations = () => Extensions({ [READS_EXTENSION]: 'REGISTRATIONS' satisfies FieldReads });

/** A field that reads nothing beyond its parent's value (see FieldReads). */
export const ReadsParent = () => Extensions({ [READS_EXTENSION]: 'PARENT' satisfies FieldReads });

export function readsOf(extensions: Readonly<Record<string, unknown>> | null | undefined): FieldReads | undefined {
  const reads = extensions?.[READS_EXTENSION];
  return reads === 'REGISTRATIONS' || reads === 'PARENT' ? reads : undefined;
}

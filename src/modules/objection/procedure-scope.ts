/**
 * Which procedure rows (objections, repair applications) a principal may list: the subject
 * its own, the handling department those about items its system provides or entries its
 * system notified, an auditor all. One predicate for both procedures; the query joins
 * credit_records and the entry's agency under their table names.
 */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { agencies, creditRecords } from '../../db/schema';

export type ProcedureScope =
  | { kind: 'SUBJECT'; subjectId: number }
  | { kind: 'HANDLER'; system: string; itemIds: readonly number[] }
  | { kind: 'ALL' };

export function procedureScopeWhere(scope: ProcedureScope, subjectColumn: PgColumn): SQL | undefined {
  switch (scope.kind) {
    case 'SUBJECT':
      return eq(subjectColumn, scope.subjectId);
    case 'HANDLER': {
      const byItem = scope.itemIds.length ? inArray(creditRecords.catalogItemId, [...scope.itemIds]) : sql`FALSE`;
      return sql`(${byItem} OR ${agencies.system} = ${scope.system})`;
    }
    case 'ALL':
      return undefined;
  }
}

/**
 * Which procedure rows (objections, repair applications) a listing holds, as SQL: the subject
 * its own, a handling department those about records its jurisdiction made or entries its
 * jurisdiction notified (src/policy/procedure-access.ts decides the scope), an auditor all.
 * One predicate for both procedures; the query left-joins credit_records and
 * serious_list_entries under their table names.
 */
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { creditRecords, seriousListEntries } from '../../db/schema';
import type { ProcedureScope } from '../../policy/procedure-access';

export type { ProcedureScope };

export function procedureScopeWhere(scope: ProcedureScope, subjectColumn: PgColumn): SQL | undefined {
  switch (scope.kind) {
    case 'SUBJECT':
      return eq(subjectColumn, scope.subjectId);
    case 'HANDLER': {
      // Jurisdiction, not system: a county bureau's queue holds its own records and entries only.
      if (scope.agencies.length === 0) return sql`FALSE`;
      const codes = [...scope.agencies];
      return or(inArray(creditRecords.agencyCode, codes), inArray(seriousListEntries.agencyCode, codes));
    }
    case 'ALL':
      return undefined;
  }
}

/** The scope as part of a list's cursor name: a page of one scope does not continue another's. */
export function procedureScopeName(scope: ProcedureScope): string {
  switch (scope.kind) {
    case 'SUBJECT':
      return `subject ${scope.subjectId}`;
    case 'HANDLER':
      return `handler ${scope.agency.code}`;
    case 'ALL':
      return 'all';
  }
}

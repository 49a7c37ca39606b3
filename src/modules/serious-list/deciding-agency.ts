/**
 * The agency a department acts for in the listing procedure, and whether it may act: thin
 * calls into src/policy/procedure-access.ts (the rules live there), with the registry facts
 * the policy needs — the agency's row, the entry's notifying agency and those above it.
 */
import type { ListType } from '../../catalog/measures.schema';
import type { Caller } from '../caller';
import {
  actingAgency as policyActingAgency, enforce, mayActOn, mayDecideList, mayNotifySubject, superiorsOf, type ProcedureAction,
} from '../../policy/procedure-access';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { AgencyRow } from '../agency/agency.repo';
import type { SubjectRow } from '../subject/subject.repo';
import type { EntryRow } from './serious-list.repo';

/** The caller's agency as registered (its name goes into decisions); FORBIDDEN for anyone but a department. */
export function actingAgency(ctx: Caller, agencies: AgencyDirectory, action: ProcedureAction): AgencyRow {
  const { agency } = enforce(policyActingAgency(ctx.authority, ctx.principal, action));
  return agencies.get(agency.code) ?? (agency as AgencyRow);
}

/** Only the list's deciding system, at the level its standard requires (49号 四(八)). */
export function assertMayDecide(agency: AgencyRow, type: ListType): void {
  enforce(mayDecideList(agency, type));
}

/** A notice only about a subject registered inside the notifying agency's area. */
export function assertMayNotify(agency: AgencyRow, subject: { readonly label: string; readonly regionCode: string }): void {
  enforce(mayNotifySubject(agency, subject));
}

/** Acting on an entry: its notifying agency's system, and that agency or one above it (管辖). */
export function assertMayActOnEntry(ctx: Caller, agencies: AgencyDirectory, entry: EntryRow, entryId: string, action: ProcedureAction): void {
  enforce(mayActOn(ctx.authority, ctx.principal, action, {
    kind: 'ENTRY',
    id: entryId,
    recordedBy: entry.agencyCode,
    above: superiorsOf(entry.agencyCode, (c) => agencies.parent(c)),
    system: agencies.get(entry.agencyCode)?.system,
  }));
}

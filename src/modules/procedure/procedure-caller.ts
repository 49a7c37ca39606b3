/**
 * Who is acting in a procedure, and which target they act on: the subject filing (only about
 * itself), the agency deciding (only what it or an agency under it recorded or notified), an
 * auditor reading. Shared by objections and credit repair so both apply the same rules; the
 * rules themselves are src/policy/procedure-access.ts, asked here with the loaded target.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import type { AgencyFacts } from '../../policy/jurisdiction';
import {
  actingAgency, actingSubject, enforce, mayActOn, procedureScope, superiorsOf,
  type ProcedureAction, type ProcedureScope, type ProcedureThing,
} from '../../policy/procedure-access';
import type { AgencyDirectory } from '../agency/agency.directory';
import { encodeProcedureId, type ProcedureTarget } from './procedure-id';
import type { ProcedureTargetRepo, TargetEntry, TargetRecord } from './procedure-target.repo';

/** What locking a target reads (ProcedureTargetRepo, on the procedure's transaction). */
type TargetLocks = Pick<ProcedureTargetRepo, 'entry' | 'record' | 'listedEntryOf'>;

export interface LoadedTarget {
  record?: TargetRecord;
  entry?: TargetEntry;
}

/** The subject the principal is; FORBIDDEN for anyone else (src/policy/procedure-access.ts). */
export function ownSubject(ctx: Caller): number {
  return enforce(actingSubject(ctx.principal, 'only a subject acts on its own records here (a token bound to the subject)')).subjectId;
}

/** The agency deciding a procedure, before anything is loaded: FORBIDDEN without one. */
export function decidingAgency(ctx: Caller, action: ProcedureAction): AgencyFacts {
  return enforce(actingAgency(ctx.authority, ctx.principal, action)).agency;
}

/** Whose procedures the caller lists (src/policy/procedure-access.ts). */
export function readScope(ctx: Caller): ProcedureScope {
  return enforce(procedureScope(ctx.authority, ctx.principal, 'procedures are read by the subject they are about, the agencies handling them and auditors')).scope;
}

/**
 * Locks and loads the target and what goes with it: a list entry's record, or the LISTED
 * entry a record belongs to. Entry before record, always, so two procedures never wait on
 * each other's locks.
 */
export async function lockTarget(repo: TargetLocks, target: ProcedureTarget, lock = true): Promise<LoadedTarget> {
  if (target.kind === 'ENTRY') {
    const entry = await repo.entry(target.id, lock);
    const record = entry?.creditRecordId ? await repo.record(entry.creditRecordId, lock) : undefined;
    return { entry, record };
  }
  const entry = await repo.listedEntryOf(target.id);
  const record = await repo.record(target.id, lock);
  return { entry, record };
}

/** The target, when it is about `subjectId`; NOT_FOUND otherwise (nothing about others leaks). */
export async function lockOwnTarget(repo: TargetLocks, target: ProcedureTarget, subjectId: number, catalog: CatalogIndex, lock = true): Promise<LoadedTarget> {
  const loaded = await lockTarget(repo, target, lock);
  const about = target.kind === 'ENTRY' ? loaded.entry : loaded.record;
  // A record repaired with treatment DELETED is gone for its subject too (record-gate.ts).
  const gone = loaded.record?.repairTreatment === 'DELETED' && target.kind === 'RECORD';
  if (!about || about.subjectId !== subjectId || gone || (target.kind === 'RECORD' && !catalog.item(loaded.record!.catalogItemId))) {
    const what = target.kind === 'ENTRY' ? 'serious-list entry' : 'credit record';
    throw appError('NOT_FOUND', `no ${what} of yours with this id; use the id field of one of your own ${what}s`);
  }
  return loaded;
}

/**
 * The target as the policy reads it: who recorded the record or notified the entry, the
 * agencies above that one, and the system handling it (the item's provider, the listing
 * agency's system). Undefined when the target no longer exists.
 */
export function procedureThing(loaded: LoadedTarget, target: ProcedureTarget, catalog: CatalogIndex, agencies: AgencyDirectory): ProcedureThing | undefined {
  const about = target.kind === 'ENTRY' ? loaded.entry : loaded.record;
  if (!about) return undefined;
  const system = target.kind === 'ENTRY' ? loaded.entry!.agencySystem : catalog.item(loaded.record!.catalogItemId)?.provider;
  if (system === undefined) return undefined;
  const id = encodeProcedureId(target.kind === 'ENTRY' ? 'SeriousListEntry' : 'CreditRecord', target.id);
  return { kind: target.kind, id, recordedBy: about.agencyCode, above: superiorsOf(about.agencyCode, (c) => agencies.parent(c)), system };
}

/** The deciding agency, when the policy lets the caller decide `action` on this target; FORBIDDEN naming who may otherwise. */
export function requireHandler(
  ctx: Caller, loaded: LoadedTarget, target: ProcedureTarget, deps: { catalog: CatalogIndex; agencies: AgencyDirectory }, action: ProcedureAction,
): AgencyFacts {
  const thing = procedureThing(loaded, target, deps.catalog, deps.agencies);
  if (!thing) throw appError('NOT_FOUND', `the ${action === 'objection.decide' ? 'objection' : 'repair application'}'s target no longer exists`);
  return enforce(mayActOn(ctx.authority, ctx.principal, action, thing)).agency;
}

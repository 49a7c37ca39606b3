/**
 * Who is acting in a procedure, and which target they act on: the subject filing (only about
 * itself), the agency deciding (only what its system provides or decided), an auditor
 * reading. Shared by objections and credit repair so both apply the same rules.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import type { ProcedureBasis } from '../../policy/procedure-view';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { ProcedureTarget } from './procedure-id';
import type { ProcedureTargetRepo, TargetEntry, TargetRecord } from './procedure-target.repo';

export interface LoadedTarget {
  record?: TargetRecord;
  entry?: TargetEntry;
}

/** The subject the principal is; FORBIDDEN for anyone else. */
export function ownSubject(ctx: RequestContext): number {
  const id = ctx.principal.subjectId;
  if (ctx.principal.role !== 'SUBJECT' || id === undefined) {
    throw appError('FORBIDDEN', 'only a subject acts on its own records here (a token bound to the subject)');
  }
  return id;
}

/** The national system of the principal's agency (SAMR, STA…). */
export function agencySystem(ctx: RequestContext, agencies: AgencyDirectory): { code: string; system: string } {
  const code = ctx.principal.agencyCode;
  const agency = code ? agencies.get(code) : undefined;
  if (!agency) throw appError('FORBIDDEN', 'this decision is taken by an agency: use a token bound to your agency');
  return { code: agency.code, system: agency.system };
}

export function basisOf(ctx: RequestContext): ProcedureBasis {
  return ctx.principal.role === 'SUBJECT' ? 'OWN' : ctx.principal.role === 'AUDITOR' ? 'AUDIT' : 'HANDLING_AGENCY';
}

/**
 * Locks and loads the target and what goes with it: a list entry's record, or the LISTED
 * entry a record belongs to. Entry before record, always, so two procedures never wait on
 * each other's locks.
 */
export async function lockTarget(repo: ProcedureTargetRepo, target: ProcedureTarget): Promise<LoadedTarget> {
  if (target.kind === 'ENTRY') {
    const entry = await repo.entry(target.id, true);
    const record = entry?.creditRecordId ? await repo.record(entry.creditRecordId, true) : undefined;
    return { entry, record };
  }
  const entry = await repo.listedEntryOf(target.id);
  const record = await repo.record(target.id, true);
  return { entry, record };
}

/** The target, when it is about `subjectId`; NOT_FOUND otherwise (nothing about others leaks). */
export async function lockOwnTarget(repo: ProcedureTargetRepo, target: ProcedureTarget, subjectId: number, catalog: CatalogIndex): Promise<LoadedTarget> {
  const loaded = await lockTarget(repo, target);
  const about = target.kind === 'ENTRY' ? loaded.entry : loaded.record;
  // A record repaired with treatment DELETED is gone for its subject too (record-gate.ts).
  const gone = loaded.record?.repairTreatment === 'DELETED' && target.kind === 'RECORD';
  if (!about || about.subjectId !== subjectId || gone || (target.kind === 'RECORD' && !catalog.item(loaded.record!.catalogItemId))) {
    const what = target.kind === 'ENTRY' ? 'serious-list entry' : 'credit record';
    throw appError('NOT_FOUND', `no ${what} of yours with this id; use the id field of one of your own ${what}s`);
  }
  return loaded;
}

/** The system that decides procedures on the target: the item's provider, or the listing agency's system. */
export function handlingSystem(loaded: LoadedTarget, target: ProcedureTarget, catalog: CatalogIndex): string | undefined {
  if (target.kind === 'ENTRY') return loaded.entry?.agencySystem;
  return loaded.record ? catalog.item(loaded.record.catalogItemId)?.provider : undefined;
}

export function requireHandler(loaded: LoadedTarget, target: ProcedureTarget, catalog: CatalogIndex, system: string, what: string): void {
  const handler = handlingSystem(loaded, target, catalog);
  if (handler === undefined) throw appError('NOT_FOUND', `the ${what}'s target no longer exists`);
  if (handler !== system) {
    const of = target.kind === 'ENTRY' ? 'the entry was notified by' : 'the record\'s catalog item is provided by';
    throw appError('FORBIDDEN', `${of} ${handler}; only that system decides this ${what} (your agency is ${system})`);
  }
}

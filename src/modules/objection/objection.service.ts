/**
 * ObjectionService: a subject objects to a record or a list entry about it (flagged disputed
 * at once), the providing or listing agency decides within the time limit, and everyone
 * entitled reads them. Each filing and each decision is one transaction; of two concurrent
 * decisions exactly one takes effect.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import { keysetPage, seekAfter, type Page, type PageArgs } from '../../graphql/connection';
import type { Caller } from '../caller';
import type { IdNumberVault } from '../../identifiers';
import type { Disclosed } from '../../policy/decision';
import { legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { ListRemoval } from '../procedure/list-removal.port';
import { dueAt, dueColumns, dueOn } from '../procedure/due-date';
import { decisionLimit } from '../procedure/time-limits';
import type { WorkingCalendar } from '../../time/working-days';
import { applyOutcome, planOutcome } from './objection.effects';
import type { DecideObjectionInput, FileObjectionInput, ObjectionListArgs } from './objection.input';
import type { ObjectionRow } from './objection.repo';
import type { UnitOfWork } from '../unit-of-work';
import { procedureScopeName, type ProcedureScope } from '../procedure/procedure-scope';
import type { Objection } from './objection.type';
import { objectionView } from './objection.view';
import { scopeBasis } from '../../policy/procedure-access';
import { decidingAgency, lockOwnTarget, lockTarget, ownSubject, readScope, requireHandler, type LoadedTarget } from '../procedure/procedure-caller';
import { resolveRowId } from '../record-ids';
import { targetOf, type ProcedureTarget } from '../procedure/procedure-id';
import { callerNote } from '../credit-record/record-history';

export class ObjectionService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly agencies: AgencyDirectory,
    private readonly vault: IdNumberVault,
    private readonly removal: ListRemoval,
    /** The State Council's working calendars the decision limit is counted on. */
    private readonly calendar: WorkingCalendar,
  ) {}

  async file(ctx: Caller, input: FileObjectionInput): Promise<Disclosed<Objection>> {
    const subjectId = ownSubject(ctx);
    const target = await targetOf(this.work.repos.recordNumbers, input);
    const reason = input.reason.trim();
    if ([...reason].length < 5) throw appError('BAD_USER_INPUT', 'reason: say what is wrong and why (at least 5 characters)');
    const row = await this.work.transaction(async ({ repos }) => {
      const targets = repos.procedureTargets;
      const repo = repos.objections;
      const loaded = await lockOwnTarget(targets, target, subjectId, this.catalog);
      this.checkObjectable(loaded, target, ctx.now);
      const pending = await repo.pendingFor(target);
      if (pending) {
        throw appError('INVALID_TRANSITION', `an objection to this ${target.kind === 'ENTRY' ? 'entry' : 'record'} is already pending (filed ${pending.filedAt.toISOString()}, due ${dueOn(pending.dueAt)}); wait for its decision`);
      }
      const inserted = await repo.insert({
        subjectId,
        creditRecordId: target.kind === 'RECORD' ? target.id : null,
        listEntryId: target.kind === 'ENTRY' ? target.id : null,
        reason,
        filedAt: ctx.now,
        // The limit of the regime in force today (publication-regimes.yaml timeLimits); counted
        // provisionally, and marked, when it runs into a year whose holiday notice is not loaded.
        ...dueColumns(dueAt(ctx.now, decisionLimit(this.catalog.bundle.regimes, 'objectionDecision', legalDate(ctx.now)), this.calendar)),
      });
      if (loaded.record) {
        await repos.changeNotes.note(callerNote(ctx, 'OBJECTION_FILED', objectionGround(inserted)));
        await targets.flagDisputed(loaded.record.id, ctx.now);
      }
      if (target.kind === 'ENTRY' && loaded.entry!.state === 'NOTIFIED') await repos.entryObjections.markObjected(target.id);
      return inserted;
    });
    return objectionView(row, 'OWN', ctx.now);
  }

  async decide(ctx: Caller, input: DecideObjectionInput): Promise<Disclosed<Objection>> {
    decidingAgency(ctx, 'objection.decide');
    const id = await resolveRowId(this.work.repos.recordNumbers, 'Objection', input.id, 'id');
    const response = input.response.trim();
    if ([...response].length < 5) throw appError('BAD_USER_INPUT', 'response: give the subject a reasoned answer (at least 5 characters)');
    const row = await this.work.transaction(async (tx) => {
      const { repos } = tx;
      const repo = repos.objections;
      const targets = repos.procedureTargets;
      const current = await repo.findById(id);
      if (!current) throw appError('NOT_FOUND', `no objection ${input.id}`);
      // Before the first change to a record (the lock below changes none).
      await repos.changeNotes.note(callerNote(ctx, 'OBJECTION_DECIDED', objectionGround(current)));
      const target: ProcedureTarget = current.creditRecordId !== null
        ? { kind: 'RECORD', id: current.creditRecordId }
        : { kind: 'ENTRY', id: current.listEntryId! };
      const loaded = await lockTarget(targets, target);
      // Jurisdiction: the agency that made the record or notified the entry, or one above it.
      const agency = requireHandler(ctx, loaded, target, { catalog: this.catalog, agencies: this.agencies }, 'objection.decide');
      // Read again under the target's lock: a decision that committed meanwhile is seen here.
      const fresh = (await repo.findById(id))!;
      if (fresh.state !== 'PENDING') throw alreadyDecided(fresh);
      const plan = planOutcome(
        { outcome: input.outcome, corrections: input.corrections ?? [], loaded, targetKind: target.kind },
        { catalog: this.catalog, vault: this.vault, now: ctx.now },
      );
      const decided = await repo.decide(id, { outcome: input.outcome, response, at: ctx.now, by: agency.code, official: ctx.principal.id });
      if (!decided) throw alreadyDecided((await repo.findById(id)) ?? current);
      await applyOutcome(plan, loaded, {
        work: tx, removal: this.removal, now: ctx.now, agencyCode: agency.code, note: `objection decided ${input.outcome}: ${response}`,
      });
      return decided;
    });
    return objectionView(row, 'HANDLING_AGENCY', ctx.now);
  }

  /** The principal's own objections, newest first (SUBJECT). */
  mine(ctx: Caller, page: PageArgs): Promise<Page<Disclosed<Objection>>> {
    return this.page(ctx, { kind: 'SUBJECT', subjectId: ownSubject(ctx) }, null, false, page);
  }

  /** Objections the principal handles (DEPARTMENT), all of them (AUDITOR), or its own (SUBJECT). */
  list(ctx: Caller, args: ObjectionListArgs): Promise<Page<Disclosed<Objection>>> {
    return this.page(ctx, readScope(ctx), args.state ?? null, args.overdueOnly, args);
  }

  private async page(ctx: Caller, scope: ProcedureScope, state: ObjectionRow['state'] | null, overdueOnly: boolean, page: PageArgs) {
    const { types, keyOf } = this.work.repos.objections.keyset(scope);
    const list = `objections:${JSON.stringify([procedureScopeName(scope), state, overdueOnly])}`;
    const seek = seekAfter(list, types, page);
    const { rows, total, through } = await this.work.repos.objections.page({ scope, state, overdueAt: overdueOnly ? ctx.now : null }, seek);
    const basis = scopeBasis(scope);
    return keysetPage({ list, seek, rows, keyOf, nodes: rows.map((r) => objectionView(r, basis, ctx.now)), totalCount: total, throughAfter: through });
  }

  private checkObjectable(loaded: LoadedTarget, target: ProcedureTarget, now: Date): void {
    if (target.kind === 'RECORD') {
      const status = loaded.record!.status;
      if (status !== 'ACTIVE') throw appError('INVALID_TRANSITION', `the record is ${status}: it is no longer published or shared, so there is nothing to object to`);
      return;
    }
    const entry = loaded.entry!;
    if (entry.state === 'REMOVED' || entry.state === 'DROPPED') {
      throw appError('INVALID_TRANSITION', `the entry is ${entry.state}: the procedure has ended`);
    }
    // A window counted provisionally has not closed yet: the exact one, once next year's notice is
    // loaded, may end later, and the subject must not lose that time to our missing data.
    if (entry.state === 'NOTIFIED' && legalDate(now) > entry.objectionDeadline && !entry.objectionDeadlineProvisional) {
      throw appError('NOT_ELIGIBLE', `the objection period of this notice ended on ${entry.objectionDeadline}; once listed, you may object to the listing`);
    }
  }
}

/**
 * The ground a record's history keeps for an objection: its 记录编号, which stays the same for
 * good, never an opaque id (enciphered under a key that may be rotated) nor the caller's text.
 */
function objectionGround(row: Pick<ObjectionRow, 'recordNumber'>): string {
  return `objection ${row.recordNumber}`;
}

function alreadyDecided(row: ObjectionRow) {
  return appError('CONFLICT', `objection was already decided (${row.outcome} by ${row.decidedBy} at ${row.decidedAt?.toISOString()}); another decision took effect first`);
}

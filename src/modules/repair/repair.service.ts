/**
 * RepairService: credit repair (信用修复, domain.md §5.2). A subject applies once the minimum
 * publication period is served, with its 信用承诺; the providing department decides within
 * the time limit. Approval takes effect in one transaction: the record becomes REPAIRED
 * (the disclosure policy then stops its publication and sharing on every read path), the
 * list entry is removed with it, and the measures resting on either are lifted. Free of charge.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { UnitOfWork } from '../unit-of-work';
import { AppError, appError } from '../../errors';
import { keysetPage, seekAfter, type Page, type PageArgs } from '../../graphql/connection';
import type { Caller } from '../caller';
import type { Disclosed } from '../../policy/decision';
import { legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import { dueAt, dueColumns, dueOn } from '../procedure/due-date';
import { decisionLimit } from '../procedure/time-limits';
import type { WorkingCalendar } from '../../time/working-days';
import { procedureScopeName, type ProcedureScope } from '../procedure/procedure-scope';
import { scopeBasis } from '../../policy/procedure-access';
import { decidingAgency, lockOwnTarget, lockTarget, ownSubject, readScope, requireHandler, type LoadedTarget } from '../procedure/procedure-caller';
import { resolveRowId } from '../record-ids';
import { targetOf, type ProcedureTarget } from '../procedure/procedure-id';
import { callerNote } from '../credit-record/record-history';
import { earlyRemovalFrom, earlyRemovalProblem } from '../serious-list/listing-period';
import type { TargetRecord } from '../procedure/procedure-target.repo';
import type { ListRemoval } from '../procedure/list-removal.port';
import type { ApplyForCreditRepairInput, DecideCreditRepairInput, RepairListArgs } from './repair.input';
import type { RepairRow } from './repair.repo';
import type { CreditRepairApplication, RepairEligibility } from './repair.type';
import { repairView } from './repair.view';

export class RepairService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly agencies: AgencyDirectory,
    private readonly removal: ListRemoval,
    /** The State Council's working calendars the decision limit is counted on. */
    private readonly calendar: WorkingCalendar,
  ) {}

  async apply(ctx: Caller, input: ApplyForCreditRepairInput): Promise<Disclosed<CreditRepairApplication>> {
    const subjectId = ownSubject(ctx);
    const target = await targetOf(this.work.repos.recordNumbers, input);
    const commitment = input.commitment.trim();
    const evidence = input.obligationsEvidence.trim();
    if ([...commitment].length < 10) throw appError('BAD_USER_INPUT', 'commitment: the 信用承诺 is required: state that the materials are true and that you accept liability');
    if (!evidence) throw appError('BAD_USER_INPUT', 'obligationsEvidence: say how the obligations were fulfilled, or where the proof is');
    const row = await this.work.transaction(async ({ repos }) => {
      const loaded = await lockOwnTarget(repos.procedureTargets, target, subjectId, this.catalog);
      const record = this.eligibleRecord(loaded, target, legalDate(ctx.now));
      const repo = repos.repairs;
      const open = await repo.openFor(record.id, loaded.entry?.id ?? null);
      if (open) {
        throw appError('INVALID_TRANSITION', `a repair application for this record is already open (filed ${open.filedAt.toISOString()}, due ${dueOn(open.dueAt)}); wait for its decision`);
      }
      return repo.insert({
        subjectId,
        creditRecordId: target.kind === 'RECORD' ? target.id : null,
        listEntryId: target.kind === 'ENTRY' ? target.id : null,
        commitment,
        obligationsEvidence: evidence,
        filedAt: ctx.now,
        // The limit of the regime in force today (publication-regimes.yaml timeLimits); counted
        // provisionally, and marked, when it runs into a year whose holiday notice is not loaded.
        ...dueColumns(dueAt(ctx.now, decisionLimit(this.catalog.bundle.regimes, 'repairDecision', legalDate(ctx.now)), this.calendar)),
      });
    });
    return repairView(row, 'OWN', ctx.now);
  }

  async decide(ctx: Caller, input: DecideCreditRepairInput): Promise<Disclosed<CreditRepairApplication>> {
    decidingAgency(ctx, 'repair.decide');
    const id = await resolveRowId(this.work.repos.recordNumbers, 'CreditRepairApplication', input.id, 'id');
    const reason = input.reason.trim();
    if ([...reason].length < 5) throw appError('BAD_USER_INPUT', 'reason: give the applicant the reasons for the decision (at least 5 characters)');
    const treatment = input.treatment ?? null;
    if (input.approve && !treatment) throw appError('BAD_USER_INPUT', 'treatment: approving needs one of MARKED, SHIELDED, DELETED');
    if (!input.approve && treatment) throw appError('BAD_USER_INPUT', 'treatment: a rejection changes nothing on the record; leave treatment out');
    const row = await this.work.transaction(async (tx) => {
      const repo = tx.repos.repairs;
      const targets = tx.repos.procedureTargets;
      const current = await repo.findById(id);
      if (!current) throw appError('NOT_FOUND', `no credit-repair application ${input.id}`);
      // Before the first change to a record (the lock below changes none). The 记录编号 stays
      // the same for good, unlike an opaque id (enciphered under a key that may be rotated) or
      // whatever the caller typed.
      await tx.repos.changeNotes.note(callerNote(ctx, 'REPAIR_DECIDED', `credit-repair application ${current.recordNumber}`));
      const target: ProcedureTarget = current.creditRecordId !== null
        ? { kind: 'RECORD', id: current.creditRecordId }
        : { kind: 'ENTRY', id: current.listEntryId! };
      const loaded = await lockTarget(targets, target);
      // Jurisdiction: the agency that made the record or notified the entry, or one above it.
      const agency = requireHandler(ctx, loaded, target, { catalog: this.catalog, agencies: this.agencies }, 'repair.decide');
      // Read again under the target's lock: a decision that committed meanwhile is seen here.
      const fresh = (await repo.findById(id))!;
      if (fresh.state === 'APPROVED' || fresh.state === 'REJECTED') throw alreadyDecided(fresh);
      const record = loaded.record;
      if (input.approve) this.assertListedLongEnough(loaded, legalDate(ctx.now));
      if (input.approve && record?.status !== 'ACTIVE') {
        throw appError('INVALID_TRANSITION', `the record is ${record?.status ?? 'missing'}: only an ACTIVE record can be repaired; reject the application instead`);
      }
      const decided = await repo.decide(id, { state: input.approve ? 'APPROVED' : 'REJECTED', treatment, reason, at: ctx.now, by: agency.code, official: ctx.principal.id });
      if (!decided) throw alreadyDecided((await repo.findById(id)) ?? current);
      if (input.approve) await this.takeEffect(tx, loaded, treatment!, ctx.now, `credit repair approved: ${reason}`);
      return decided;
    });
    return repairView(row, 'HANDLING_AGENCY', ctx.now);
  }

  /**
   * Whether the subject may apply today, and if not why and from when: the same checks `apply`
   * makes (eligibleRecord and an open application), read without locking anything.
   */
  async eligibility(ctx: Caller, input: { creditRecordId?: string | null; listEntryId?: string | null }): Promise<RepairEligibility> {
    const subjectId = ownSubject(ctx);
    const target = await targetOf(this.work.repos.recordNumbers, input);
    const loaded = await lockOwnTarget(this.work.repos.procedureTargets, target, subjectId, this.catalog, false);
    const record = loaded.record;
    const facts = {
      minimumPeriodEnds: record?.publishMinUntil ?? null,
      publishUntil: record?.publishUntil ?? null,
      repairable: record ? this.catalog.item(record.catalogItemId)?.repairable ?? false : false,
    };
    try {
      const eligible = this.eligibleRecord(loaded, target, legalDate(ctx.now));
      const open = await this.work.repos.repairs.openFor(eligible.id, loaded.entry?.id ?? null);
      if (open) return { ...facts, eligible: false, reason: `an application for this record is already open (due ${dueOn(open.dueAt)})`, eligibleFrom: null };
      return { ...facts, eligible: true, reason: null, eligibleFrom: null };
    } catch (err) {
      if (!(err instanceof AppError) || !['NOT_ELIGIBLE', 'INVALID_TRANSITION', 'EARLY_REMOVAL_TOO_SOON'].includes(String(err.extensions.code))) throw err;
      const from = err.extensions.eligibleFrom;
      return { ...facts, eligible: false, reason: err.message, eligibleFrom: typeof from === 'string' ? from : null };
    }
  }

  mine(ctx: Caller, page: PageArgs): Promise<Page<Disclosed<CreditRepairApplication>>> {
    return this.page(ctx, { kind: 'SUBJECT', subjectId: ownSubject(ctx) }, null, false, page);
  }

  list(ctx: Caller, args: RepairListArgs): Promise<Page<Disclosed<CreditRepairApplication>>> {
    return this.page(ctx, readScope(ctx), args.state ?? null, args.overdueOnly, args);
  }

  /** Everything approval changes, on the deciding transaction. */
  private async takeEffect(tx: UnitOfWork, loaded: LoadedTarget, treatment: NonNullable<RepairRow['treatment']>, now: Date, note: string) {
    const { record, entry } = loaded;
    if (entry?.state === 'LISTED') {
      // The serious-list module ends the listing: entry REMOVED (REPAIRED), record REPAIRED, measures lifted.
      await this.removal.removeForRepair(tx, entry.id, { at: now, treatment, note });
      return;
    }
    if (!(await tx.repos.recordStatus.markRepaired(record!.id, treatment, now))) {
      throw appError('CONFLICT', 'the record changed while the application was being decided; reload and decide again');
    }
    await tx.repos.measures.liftOn({ recordId: record!.id, entryId: null }, note, now);
  }

  /** A listing ends early by repair only once listed as long as its list type requires (列入满一年; listing-period.ts). */
  private assertListedLongEnough(loaded: LoadedTarget, today: string): void {
    const entry = loaded.entry;
    const type = entry?.listedAt ? this.catalog.bundle.listTypes.find((t) => t.code === entry.listTypeCode) : undefined;
    if (!entry?.listedAt || !type || entry.state !== 'LISTED') return;
    const problem = earlyRemovalProblem(type, legalDate(entry.listedAt), today);
    if (problem) throw appError('EARLY_REMOVAL_TOO_SOON', problem, { eligibleFrom: earlyRemovalFrom(type, legalDate(entry.listedAt)) });
  }

  /** The record repair would act on, when the law lets the subject apply today. */
  private eligibleRecord(loaded: LoadedTarget, target: ProcedureTarget, today: string): TargetRecord {
    if (target.kind === 'ENTRY' && (loaded.entry!.state !== 'LISTED' || !loaded.record)) {
      throw appError('NOT_ELIGIBLE', `the entry is ${loaded.entry!.state}: only a listing can be repaired (a notice can be objected to instead)`);
    }
    const record = loaded.record!;
    this.assertListedLongEnough(loaded, today);
    const item = this.catalog.item(record.catalogItemId)!;
    if (!item.repairable) {
      throw appError('NOT_ELIGIBLE', `catalog item ${item.code} (${item.name}) is not repairable: a law, regulation or central policy excludes repair, so publication runs its full period`);
    }
    if (record.status !== 'ACTIVE') throw appError('INVALID_TRANSITION', `the record is ${record.status}: only an ACTIVE record can be repaired`);
    if (record.specificSerious !== null) {
      throw appError('NOT_ELIGIBLE', `the record is 特定严重失信 (${record.specificSerious}) under ${record.regime}: 发改办财金〔2019〕527号 publishes it for the full period, until ${record.publishUntil}, and excludes repair`);
    }
    if (record.publishMinUntil !== null && record.publishMinUntil > today) {
      throw appError('NOT_ELIGIBLE', `the minimum publication period runs until ${record.publishMinUntil}; you may apply from that day (Order 36 art. 3)`, {
        eligibleFrom: record.publishMinUntil,
      });
    }
    return record;
  }

  private async page(ctx: Caller, scope: ProcedureScope, state: RepairRow['state'] | null, overdueOnly: boolean, page: PageArgs) {
    const { types, keyOf } = this.work.repos.repairs.keyset(scope);
    const list = `repairApplications:${JSON.stringify([procedureScopeName(scope), state, overdueOnly])}`;
    const seek = seekAfter(list, types, page);
    const { rows, total, through } = await this.work.repos.repairs.page({ scope, state, overdueAt: overdueOnly ? ctx.now : null }, seek);
    const basis = scopeBasis(scope);
    return keysetPage({ list, seek, rows, keyOf, nodes: rows.map((r) => repairView(r, basis, ctx.now)), totalCount: total, throughAfter: through });
  }
}

function alreadyDecided(row: RepairRow) {
  return appError('CONFLICT', `the application was already decided (${row.state} by ${row.decidedBy} at ${row.decidedAt?.toISOString()}); another decision took effect first`);
}

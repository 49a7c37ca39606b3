/**
 * Credit repair on in-memory repositories (test/support/memory-work.ts): who may apply and
 * when (the subject, on its own repairable record, once the minimum publication period is
 * served, one open application at a time), who may decide (the recording agency or one above
 * it), and what approval changes, all in the one transaction the decision opens — a listing
 * ends through the serious-list module on that same transaction. No database: the rules of
 * the service alone. Through the API and on the database: test/integration/lifecycle-repair*.
 */
import type { Principal } from '../../auth/principal';
import { AppError } from '../../errors';
import { legalDate } from '../../time/legal-date';
import { loadWorkingCalendar } from '../../time/working-calendar.loader';
import { memoryWork, type MemoryWork } from '../../../test/support/memory-work';
import { demoAgencyDirectory, shippedCatalogIndex } from '../../../test/support/unit-fixtures';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { Caller } from '../caller';
import type { ChangeNote } from '../credit-record/record-history';
import type { ListRemoval } from '../procedure/list-removal.port';
import { encodeProcedureId } from '../procedure/procedure-id';
import type { TargetEntry, TargetRecord } from '../procedure/procedure-target.repo';
import type { RepoOf, UnitOfWork } from '../unit-of-work';
import type { RepairRepo, RepairRow } from './repair.repo';
import { RepairService } from './repair.service';

const catalog = shippedCatalogIndex();
const calendar = loadWorkingCalendar();
const REPAIRABLE = catalog.itemsInForce().find((i) => i.repairable && i.provider === 'SAMR')!;
const NOT_REPAIRABLE = catalog.itemsInForce().find((i) => !i.repairable)!;

const NOW = new Date('2026-09-01T02:00:00Z');
const RECORD_ID = 11;
const recordId = encodeProcedureId('CreditRecord', RECORD_ID);

function record(over: Partial<TargetRecord> = {}): TargetRecord {
  return {
    id: RECORD_ID, subjectId: 7, catalogItemId: REPAIRABLE.id, agencyCode: 'SAMR_320106', status: 'ACTIVE', repairTreatment: null,
    specificSerious: null, regime: 'ORDER_36_2021', publishMinUntil: '2026-06-01', publishUntil: '2029-03-01', ...over,
  } as TargetRecord;
}

/** The repair_applications table in memory, with the repository's conditions (RepairRepo). */
class MemoryRepairs implements Omit<RepoOf<RepairRepo>, 'page' | 'keyset' | 'provisionallyDue' | 'settleDue'> {
  readonly rows: RepairRow[] = [];

  async insert(row: Parameters<RepairRepo['insert']>[0]) {
    const id = this.rows.length + 1;
    // As the database's trigger assigns it (drizzle/0019).
    const inserted = { id, recordNumber: `320106-2026-X${String(id).padStart(10, '0')}`, state: 'SUBMITTED', treatment: null, decisionReason: null, decidedAt: null, decidedBy: null, decidedByOfficial: null, ...row } as RepairRow;
    this.rows.push(inserted);
    return inserted;
  }

  async findById(id: number) {
    return this.rows.find((r) => r.id === id);
  }

  async openFor(recordId: number | null, entryId: number | null) {
    return this.rows.find((r) => (r.creditRecordId === recordId || (entryId !== null && r.listEntryId === entryId)) && ['SUBMITTED', 'ACCEPTED'].includes(r.state));
  }

  async decide(id: number, d: Parameters<RepairRepo['decide']>[1]) {
    const row = this.rows.find((r) => r.id === id && ['SUBMITTED', 'ACCEPTED'].includes(r.state));
    if (row) Object.assign(row, { state: d.state, treatment: d.treatment, decisionReason: d.reason, decidedAt: d.at, decidedBy: d.by, decidedByOfficial: d.official });
    return row;
  }
}

const applyInput = { creditRecordId: recordId, commitment: '本人承诺所提交材料真实有效，如有不实愿承担法律责任。', obligationsEvidence: '罚款已于2026年5月缴纳，缴款书编号 2026-0501。' };

async function errorOf(p: Promise<unknown>) {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('RepairService on in-memory repositories', () => {
  let agencies: AgencyDirectory;
  let target: TargetRecord;
  let entry: TargetEntry | undefined;
  let repairs: MemoryRepairs;
  let notes: ChangeNote[];
  let lifted: Array<{ recordId: number | null; entryId: number | null }>;
  let removals: Array<{ entryId: number; inTransaction: boolean; treatment: string }>;
  let work: MemoryWork;
  let service: RepairService;

  const subject = (subjectId = 7, now = NOW) => ({ principal: { role: 'SUBJECT', id: `subject-${subjectId}`, subjectId } satisfies Principal, now }) as unknown as Caller;
  const department = (agencyCode: string, now = NOW): Caller => {
    const principal: Principal = { role: 'DEPARTMENT', id: `official@${agencyCode}`, agencyCode };
    if (!agencies.get(agencyCode)) throw new Error(`no demo agency ${agencyCode}`);
    return { principal, now, authority: agencies.authorityOf(principal, catalog.agreementsInForce(), legalDate(now)) } as unknown as Caller;
  };

  beforeEach(async () => {
    agencies ??= await demoAgencyDirectory();
    target = record();
    entry = undefined;
    repairs = new MemoryRepairs();
    notes = [];
    lifted = [];
    removals = [];
    work = memoryWork({
      repairs,
      procedureTargets: {
        record: async (id) => (id === target.id ? target : undefined),
        entry: async (id) => (id === entry?.id ? entry : undefined),
        listedEntryOf: async (id) => (entry?.creditRecordId === id && entry.state === 'LISTED' ? entry : undefined),
      },
      recordStatus: {
        markRepaired: async (id, treatment) => {
          if (id !== target.id || target.status !== 'ACTIVE') return false;
          target = { ...target, status: 'REPAIRED', repairTreatment: treatment };
          return true;
        },
      },
      measures: { liftOn: async (on) => { lifted.push(on); return 0; } },
      changeNotes: { note: async (note) => { notes.push(note); } },
    });
    const removal: ListRemoval = {
      removeForRepair: async (on: UnitOfWork, entryId, opts) => {
        // The listing ends on the deciding transaction: the unit handed in is inside it.
        removals.push({ entryId, inTransaction: work.inTransaction && on !== work, treatment: opts.treatment });
        return {};
      },
      removeInTx: async () => { throw new Error('not a repair step'); },
    };
    service = new RepairService(work, catalog, agencies, removal, calendar);
  });

  it('files an application in one transaction, due within the regime\'s time limit; a second one waits for the first', async () => {
    const filed = await service.apply(subject(), applyInput);
    expect(filed).toMatchObject({ state: 'SUBMITTED' });
    expect(repairs.rows).toEqual([expect.objectContaining({ subjectId: 7, creditRecordId: RECORD_ID, listEntryId: null, filedAt: NOW })]);
    expect(repairs.rows[0]!.dueAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(work.transactions).toBe(1);
    const again = await errorOf(service.apply(subject(), applyInput));
    expect(again.code).toBe('INVALID_TRANSITION');
    expect(again.message).toContain('a repair application for this record is already open');
    expect(repairs.rows).toHaveLength(1);
  });

  it('refuses before the minimum publication period is served, naming the day it may apply', async () => {
    target = record({ publishMinUntil: '2026-12-01' });
    const err = await errorOf(service.apply(subject(), applyInput));
    expect(err.code).toBe('NOT_ELIGIBLE');
    expect(err.extensions).toMatchObject({ eligibleFrom: '2026-12-01' });
    expect(repairs.rows).toEqual([]);
  });

  it('refuses an item a law excludes from repair, and a 特定严重失信 record', async () => {
    target = record({ catalogItemId: NOT_REPAIRABLE.id });
    expect((await errorOf(service.apply(subject(), applyInput))).message).toContain(`catalog item ${NOT_REPAIRABLE.code} (${NOT_REPAIRABLE.name}) is not repairable`);
    target = record({ specificSerious: 'FOOD_DRUG_SAFETY' } as Partial<TargetRecord>);
    expect((await errorOf(service.apply(subject(), applyInput))).message).toContain('excludes repair');
    expect(repairs.rows).toEqual([]);
  });

  it('answers another subject\'s record as if it did not exist', async () => {
    const err = await errorOf(service.apply(subject(8), applyInput));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('no credit record of yours with this id; use the id field of one of your own credit records');
  });

  it('checks the decision\'s own input before opening a transaction', async () => {
    const { id } = await service.apply(subject(), applyInput);
    const err = await errorOf(service.decide(department('SAMR_320106'), { id, approve: true, reason: '义务已履行，准予修复。' }));
    expect(err.message).toBe('treatment: approving needs one of MARKED, SHIELDED, DELETED');
    expect(work.transactions).toBe(1);
  });

  it('approval, by the recording agency, marks the record REPAIRED and lifts its measures in the deciding transaction, after the change note', async () => {
    const { id } = await service.apply(subject(), applyInput);
    const decided = await service.decide(department('SAMR_320106'), { id, approve: true, treatment: 'SHIELDED', reason: '义务已履行，准予修复。' });
    expect(decided).toMatchObject({ state: 'APPROVED', treatment: 'SHIELDED' });
    expect(target).toMatchObject({ status: 'REPAIRED', repairTreatment: 'SHIELDED' });
    expect(lifted).toEqual([{ recordId: RECORD_ID, entryId: null }]);
    // The history names the application by its 记录编号, not by the id the department typed.
    expect(notes).toEqual([expect.objectContaining({ change: 'REPAIR_DECIDED', agency: 'SAMR_320106', ground: 'credit-repair application 320106-2026-X0000000001' })]);
    expect(work.transactions).toBe(2);
    const twice = await errorOf(service.decide(department('SAMR_320106'), { id, approve: false, reason: '重复的决定，应当被拒绝。' }));
    expect(twice.code).toBe('CONFLICT');
  });

  it('refuses an agency outside the recording agency\'s line, and changes nothing', async () => {
    const { id } = await service.apply(subject(), applyInput);
    const outside = agencies.all().find((a) => a.system === 'SAMR' && a.regionCode.startsWith('44'))!;
    const err = await errorOf(service.decide(department(outside.code), { id, approve: true, treatment: 'MARKED', reason: '义务已履行，准予修复。' }));
    expect(err.code).toBe('FORBIDDEN');
    expect(target.status).toBe('ACTIVE');
    expect(repairs.rows[0]!.state).toBe('SUBMITTED');
    expect(lifted).toEqual([]);
  });

  it('a rejection leaves the record as it is', async () => {
    const { id } = await service.apply(subject(), applyInput);
    await expect(service.decide(department('SAMR_320106'), { id, approve: false, reason: '罚款尚未缴清，不予修复。' })).resolves.toMatchObject({ state: 'REJECTED' });
    expect(target.status).toBe('ACTIVE');
    expect(lifted).toEqual([]);
  });

  it('ends a listing through the serious-list module, on the deciding transaction (joined, not a new one)', async () => {
    target = record();
    entry = {
      id: 5, subjectId: 7, creditRecordId: RECORD_ID, state: 'LISTED', agencyCode: 'SAMR_320106', agencySystem: 'SAMR',
      listTypeCode: 'NO_SUCH_TYPE', listedAt: new Date('2025-01-01T02:00:00Z'),
    } as TargetEntry;
    const { id } = await service.apply(subject(), applyInput);
    await service.decide(department('SAMR_320106'), { id, approve: true, treatment: 'MARKED', reason: '义务已履行，准予修复。' });
    expect(removals).toEqual([{ entryId: 5, inTransaction: true, treatment: 'MARKED' }]);
    // The removal service marks the record and lifts measures itself; the repair adds nothing of its own.
    expect(target.status).toBe('ACTIVE');
    expect(lifted).toEqual([]);
    expect(work.transactions).toBe(2);
  });
});

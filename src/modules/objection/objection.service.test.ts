/**
 * Objections on in-memory repositories (test/support/memory-work.ts): what a subject may object
 * to and when (its own ACTIVE record; a notice only within its objection window; one pending
 * objection at a time), what filing changes at once (the record flagged disputed, a notice
 * waiting as OBJECTED), and what each decision changes, all on the deciding transaction.
 * No database: the rules of the service alone. Through the API and on the database:
 * test/integration/lifecycle-objections.test.ts.
 */
import type { Principal } from '../../auth/principal';
import { AppError } from '../../errors';
import { createIdNumberVault } from '../../identifiers';
import { legalDate } from '../../time/legal-date';
import { loadWorkingCalendar } from '../../time/working-calendar.loader';
import { memoryWork, type MemoryWork } from '../../../test/support/memory-work';
import { demoAgencyDirectory, shippedCatalogIndex } from '../../../test/support/unit-fixtures';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { Caller } from '../caller';
import type { ChangeNote } from '../credit-record/record-history';
import type { ListRemoval } from '../procedure/list-removal.port';
import { encodeProcedureId, type ProcedureTarget } from '../procedure/procedure-id';
import type { TargetEntry, TargetRecord } from '../procedure/procedure-target.repo';
import type { RepoOf } from '../unit-of-work';
import type { ObjectionRepo, ObjectionRow } from './objection.repo';
import { ObjectionService } from './objection.service';

const catalog = shippedCatalogIndex();
const ITEM = catalog.itemsInForce().find((i) => i.provider === 'SAMR')!;
const NOW = new Date('2026-09-01T02:00:00Z');
const vault = createIdNumberVault({ hmacKey: Buffer.alloc(32, 1), encryptionKey: Buffer.alloc(32, 2) });

/** The objections table in memory, with the repository's conditions (ObjectionRepo). */
class MemoryObjections implements Omit<RepoOf<ObjectionRepo>, 'page' | 'keyset' | 'provisionallyDue' | 'settleDue'> {
  readonly rows: ObjectionRow[] = [];

  async insert(row: Parameters<ObjectionRepo['insert']>[0]) {
    const id = this.rows.length + 1;
    // As the database's trigger assigns it (drizzle/0019).
    const inserted = { id, recordNumber: `320106-2026-Y${String(id).padStart(10, '0')}`, state: 'PENDING', outcome: null, response: null, decidedAt: null, decidedBy: null, decidedByOfficial: null, ...row } as ObjectionRow;
    this.rows.push(inserted);
    return inserted;
  }

  async findById(id: number) {
    return this.rows.find((r) => r.id === id);
  }

  async pendingFor(target: ProcedureTarget) {
    return this.rows.find((r) => r.state === 'PENDING' && (target.kind === 'RECORD' ? r.creditRecordId === target.id : r.listEntryId === target.id));
  }

  async decide(id: number, d: Parameters<ObjectionRepo['decide']>[1]) {
    const row = this.rows.find((r) => r.id === id && r.state === 'PENDING');
    if (row) Object.assign(row, { state: 'DECIDED', outcome: d.outcome, response: d.response, decidedAt: d.at, decidedBy: d.by, decidedByOfficial: d.official });
    return row;
  }
}

async function errorOf(p: Promise<unknown>) {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('ObjectionService on in-memory repositories', () => {
  let agencies: AgencyDirectory;
  let record: TargetRecord;
  let entry: TargetEntry;
  let objections: MemoryObjections;
  let notes: ChangeNote[];
  let lifted: number;
  let work: MemoryWork;
  let service: ObjectionService;

  const subject = (subjectId = 7, now = NOW) => ({ principal: { role: 'SUBJECT', id: `subject-${subjectId}`, subjectId } satisfies Principal, now }) as unknown as Caller;
  const department = (agencyCode: string, now = NOW): Caller => {
    const principal: Principal = { role: 'DEPARTMENT', id: `official@${agencyCode}`, agencyCode };
    if (!agencies.get(agencyCode)) throw new Error(`no demo agency ${agencyCode}`);
    return { principal, now, authority: agencies.authorityOf(principal, catalog.agreementsInForce(), legalDate(now)) } as unknown as Caller;
  };
  const onRecord = { creditRecordId: encodeProcedureId('CreditRecord', 21), reason: '处罚决定已被复议机关撤销。' };
  const onEntry = { listEntryId: encodeProcedureId('SeriousListEntry', 5), reason: '告知所列事实与实际不符。' };

  beforeEach(async () => {
    agencies ??= await demoAgencyDirectory();
    record = { id: 21, subjectId: 7, catalogItemId: ITEM.id, agencyCode: 'SAMR_320106', status: 'ACTIVE', disputed: false, repairTreatment: null, payload: {} } as unknown as TargetRecord;
    entry = {
      id: 5, subjectId: 7, creditRecordId: null, state: 'NOTIFIED', agencyCode: 'SAMR_320106', agencySystem: 'SAMR', objectionDeadline: '2026-09-10',
    } as unknown as TargetEntry;
    objections = new MemoryObjections();
    notes = [];
    lifted = 0;
    const move = (from: string, to: string) => async (id: number) => {
      if (id !== entry.id || entry.state !== from) return false;
      entry = { ...entry, state: to } as TargetEntry;
      return true;
    };
    work = memoryWork({
      objections,
      procedureTargets: {
        record: async (id) => (id === record.id ? record : undefined),
        entry: async (id) => (id === entry.id ? entry : undefined),
        listedEntryOf: async () => undefined,
        flagDisputed: async () => { record = { ...record, disputed: true }; },
        clearDisputed: async () => { if (!(await objections.pendingFor({ kind: 'RECORD', id: record.id }))) record = { ...record, disputed: false }; },
      },
      entryObjections: { markObjected: move('NOTIFIED', 'OBJECTED'), backToNotified: move('OBJECTED', 'NOTIFIED') },
      recordStatus: {
        revoke: async (id) => {
          if (id !== record.id || record.status !== 'ACTIVE') return false;
          record = { ...record, status: 'REVOKED' };
          return true;
        },
      },
      seriousLists: {
        markDropped: async (id, d) => {
          if (id !== entry.id || !['NOTIFIED', 'OBJECTED'].includes(entry.state)) return undefined;
          entry = { ...entry, state: 'DROPPED', dropReason: d.dropReason } as TargetEntry;
          return entry;
        },
      },
      measures: { liftOn: async () => { lifted += 1; return 0; } },
      changeNotes: { note: async (note) => { notes.push(note); } },
    });
    const removal: ListRemoval = {
      removeForRepair: async () => { throw new Error('not an objection step'); },
      removeInTx: async () => { throw new Error('no listing in these tests'); },
    };
    service = new ObjectionService(work, catalog, agencies, vault, removal, loadWorkingCalendar());
  });

  it('files on the subject\'s ACTIVE record in one transaction: pending, the record flagged disputed, the change noted; one at a time', async () => {
    await expect(service.file(subject(), onRecord)).resolves.toMatchObject({ state: 'PENDING' });
    expect(objections.rows).toEqual([expect.objectContaining({ subjectId: 7, creditRecordId: 21, listEntryId: null, filedAt: NOW })]);
    expect(record.disputed).toBe(true);
    expect(notes.map((n) => n.change)).toEqual(['OBJECTION_FILED']);
    expect(work.transactions).toBe(1);
    const again = await errorOf(service.file(subject(), onRecord));
    expect(again.code).toBe('INVALID_TRANSITION');
    expect(again.message).toContain('an objection to this record is already pending');
  });

  it('refuses a reason too short to say anything, before any transaction', async () => {
    expect((await errorOf(service.file(subject(), { ...onRecord, reason: '不对' }))).code).toBe('BAD_USER_INPUT');
    expect(work.transactions).toBe(0);
  });

  it('refuses a record no longer published, and answers another subject\'s as if it did not exist', async () => {
    expect((await errorOf(service.file(subject(8), onRecord))).code).toBe('NOT_FOUND');
    record = { ...record, status: 'REVOKED' };
    expect((await errorOf(service.file(subject(), onRecord))).message).toContain('the record is REVOKED');
    expect(objections.rows).toEqual([]);
  });

  it('a notice is objected to within its window (the entry then waits as OBJECTED), not after it', async () => {
    const late = await errorOf(service.file(subject(7, new Date('2026-09-11T02:00:00Z')), onEntry));
    expect(late.code).toBe('NOT_ELIGIBLE');
    expect(late.message).toContain('the objection period of this notice ended on 2026-09-10');
    await service.file(subject(), onEntry);
    expect(entry.state).toBe('OBJECTED');
    expect(notes).toEqual([]);
  });

  it('PUBLICATION_WITHDRAWN revokes the record, lifts its measures and clears the flag, on the deciding transaction after its note', async () => {
    const { id } = await service.file(subject(), onRecord);
    const decided = await service.decide(department('SAMR_320106'), { id, outcome: 'PUBLICATION_WITHDRAWN', response: '经核查，原处罚决定已撤销。' });
    expect(decided).toMatchObject({ state: 'DECIDED', outcome: 'PUBLICATION_WITHDRAWN' });
    expect(record).toMatchObject({ status: 'REVOKED', disputed: false });
    expect(lifted).toBe(1);
    expect(notes.map((n) => n.change)).toEqual(['OBJECTION_FILED', 'OBJECTION_DECIDED']);
    // The history names the objection by its 记录编号, not by the id the department typed.
    expect(notes.map((n) => n.ground)).toEqual(['objection 320106-2026-Y0000000001', 'objection 320106-2026-Y0000000001']);
    expect(work.transactions).toBe(2);
    const twice = await errorOf(service.decide(department('SAMR_320106'), { id, outcome: 'REJECTED', response: '再次决定，应当被拒绝。' }));
    expect(twice.code).toBe('CONFLICT');
  });

  it('REJECTED on an objected notice returns it to NOTIFIED and changes nothing else', async () => {
    const { id } = await service.file(subject(), onEntry);
    await service.decide(department('SAMR_320106'), { id, outcome: 'REJECTED', response: '经核查，告知所列事实属实。' });
    expect(entry.state).toBe('NOTIFIED');
    expect(lifted).toBe(0);
  });

  it('REMOVED_FROM_LIST before any listing drops the procedure', async () => {
    const { id } = await service.file(subject(), onEntry);
    await service.decide(department('SAMR_320106'), { id, outcome: 'REMOVED_FROM_LIST', response: '异议成立，终止列入程序。' });
    expect(entry).toMatchObject({ state: 'DROPPED', dropReason: 'objection decided REMOVED_FROM_LIST: 异议成立，终止列入程序。' });
  });

  it('an outcome that does not fit the target is refused, and the objection stays pending', async () => {
    const { id } = await service.file(subject(), onRecord);
    const err = await errorOf(service.decide(department('SAMR_320106'), { id, outcome: 'REMOVED_FROM_LIST', response: '异议成立，移出名单。' }));
    expect(err.message).toContain('the record is not on a serious list');
    expect(objections.rows[0]!.state).toBe('PENDING');
    expect(record.status).toBe('ACTIVE');
  });

  it('refuses an agency outside the recording agency\'s line', async () => {
    const { id } = await service.file(subject(), onRecord);
    const outside = agencies.all().find((a) => a.system === 'SAMR' && a.regionCode.startsWith('44'))!;
    const err = await errorOf(service.decide(department(outside.code), { id, outcome: 'PUBLICATION_WITHDRAWN', response: '经核查，原处罚决定已撤销。' }));
    expect(err.code).toBe('FORBIDDEN');
    expect(record).toMatchObject({ status: 'ACTIVE', disputed: true });
    expect(objections.rows[0]!.state).toBe('PENDING');
  });
});

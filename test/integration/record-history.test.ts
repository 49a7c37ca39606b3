/**
 * A credit record's history (issue 13 item 7): every change is an immutable version with who,
 * when, why and on what ground — readable by the record's subject and auditors, nobody else —
 * and deletion after repair or past retention erases the personal data from the record and
 * from every version, keeping the minimum trace.
 */
import { eq, sql } from 'drizzle-orm';
import { creditRecords, creditRecordVersions } from '../../src/db/schema';
import { RecordHistoryService } from '../../src/modules/credit-record/record-history.service';
import { decodeRecordId } from '../../src/modules/credit-record/credit-record.view';
import { databaseWork } from '../../src/modules/database-work';
import { builder, type Builder, type BuiltRecord, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const HISTORY = `query($id: ID!) { creditRecordHistory(recordId: $id) { changedAt change actor actorAgency ground changes { field before after withheld } } }`;
const FILE = 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id recordNumber } }';
const DECIDE = 'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { id state } }';

let server: TestServer;
let build: Builder;
let company: BuiltSubject;
let record: BuiltRecord;
const clock = { at: new Date('2026-11-20T02:00:00Z'), now() { return this.at; }, set(d: Date) { this.at = d; } };

const as = (subject: BuiltSubject) => authHeaders({ role: 'SUBJECT', subject: subject.id });
const auditor = () => authHeaders({ role: 'AUDITOR', agency: 'NDRC' }, 'AUDIT');
const dbId = (id: string) => decodeRecordId(id)!;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock.now() });
  build = builder(server, { clock });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'NDRC');
  await build.partners('JS_PRTC');
  company = await build.legalPerson({ region: '320106' });
  record = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-10-08', fields: { legalRepresentative: '周海涛', fineAmount: '2' } });
});
afterAll(() => server.close());

describe('the history of a credit record', () => {
  it('keeps each change of an objection with who, why and the fields before and after', async () => {
    const filed = ok(await server.gql(FILE, { input: { creditRecordId: record.id, reason: '罚款金额录入有误，应为1.5万元。' } }, await as(company)), 'fileObjection');
    ok(await server.gql(DECIDE, { input: { id: filed.id, outcome: 'CORRECTED', response: '经核查，罚款金额录入有误，已予更正。', corrections: [{ key: 'fineAmount', value: '1.5' }] } },
      await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')), 'decideObjection');
    const versions = ok(await server.gql(HISTORY, { id: record.id }, await as(company)), 'creditRecordHistory');
    // The objection by its 记录编号, which stays readable for good: not its opaque id (enciphered under a key that may be rotated).
    const ground = `objection ${filed.recordNumber}`;
    expect(filed.recordNumber).toMatch(/^320106-\d{4}-Y\d{10}$/);
    expect(versions).toEqual([
      expect.objectContaining({ change: 'OBJECTION_FILED', actor: `test-subject`, ground, changes: [{ field: 'disputed', before: 'false', after: 'true', withheld: null }] }),
      // One decision, two changes (the correction, then the flag cleared): each its own version, both under the decision's note.
      expect.objectContaining({
        change: 'OBJECTION_DECIDED', actor: 'test-department', actorAgency: 'SAMR_320106', ground,
        changes: [{ field: 'payload.fineAmount', before: '"2"', after: '"1.5"', withheld: null }],
      }),
      expect.objectContaining({ change: 'OBJECTION_DECIDED', ground, changes: [{ field: 'disputed', before: 'true', after: 'false', withheld: null }] }),
    ]);
    expect(JSON.stringify(versions)).not.toContain(filed.id);
  });

  it('is the record\'s subject\'s and auditors\' only: another subject is told it does not exist, as for a record that does not', async () => {
    expect(ok(await server.gql(HISTORY, { id: record.id }, await auditor()), 'creditRecordHistory')).toHaveLength(3);
    const other = await build.legalPerson({ region: '320106' });
    const stranger = await server.gql(HISTORY, { id: record.id }, await as(other));
    const missing = await server.gql(HISTORY, { id: record.id.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }, await as(other));
    expect([codeOf(stranger), codeOf(missing)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(messageOf(stranger)).toMatch(/whose history you may read/);
    expect(codeOf(await server.gql(HISTORY, { id: record.id }, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(HISTORY, { id: record.id }))).toBe('FORBIDDEN');
    // The attempt is in the owner's access log; the auditor's read too.
    const log = ok(await server.gql('{ myAccessLog(first: 50) { edges { node { fieldPath decision reason role } } } }', {}, await as(company)), 'myAccessLog');
    const rows = log.edges.map((e: { node: Record<string, string> }) => e.node).filter((n: { fieldPath: string }) => n.fieldPath === `creditRecordHistory(${record.id})`);
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ decision: 'DENY', reason: 'NOT_YOURS', role: 'SUBJECT' }),
      expect.objectContaining({ decision: 'ALLOW', reason: 'AUDIT', role: 'AUDITOR' }),
    ]));
  });

  it('keeps a change made outside the application as UNATTRIBUTED, by the database user', async () => {
    await server.database.db.update(creditRecords).set({ severity: 'SERIOUS' }).where(eq(creditRecords.id, dbId(record.id)));
    const versions = ok(await server.gql(HISTORY, { id: record.id }, await auditor()), 'creditRecordHistory');
    expect(versions.at(-1)).toMatchObject({ change: 'UNATTRIBUTED', actorAgency: null, changes: [{ field: 'severity', before: '"GENERAL"', after: '"SERIOUS"', withheld: null }] });
    expect(versions.at(-1).actor).toMatch(/\w+/);
  });

  it('shows an auditor that a personal field changed but not its values, which the subject sees', async () => {
    const named = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-10-09', fields: { legalRepresentative: '周海涛', fineAmount: '2' } });
    const filed = ok(await server.gql(FILE, { input: { creditRecordId: named.id, reason: '法定代表人姓名录入有误。' } }, await as(company)), 'fileObjection');
    // Decided by the 记录编号 as a clerk might type it: the history keeps the number as stored.
    ok(await server.gql(DECIDE, { input: { id: ` ${filed.recordNumber.toLowerCase()}`, outcome: 'CORRECTED', response: '经核查，法定代表人姓名录入有误，已予更正。', corrections: [{ key: 'legalRepresentative', value: '周海波' }] } },
      await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')), 'decideObjection');
    const correction = (versions: Array<{ changes: Array<{ field: string }> }>) =>
      versions.flatMap((v) => v.changes).find((c) => c.field === 'payload.legalRepresentative');
    expect(correction(ok(await server.gql(HISTORY, { id: named.id }, await as(company)), 'creditRecordHistory')))
      .toEqual({ field: 'payload.legalRepresentative', before: '"周海涛"', after: '"周海波"', withheld: null });
    const audited = ok(await server.gql(HISTORY, { id: named.id }, await auditor()), 'creditRecordHistory');
    // The public sees a legal representative's name masked: an auditor learns that it changed, not from what to what.
    expect(correction(audited)).toEqual({ field: 'payload.legalRepresentative', before: null, after: null, withheld: 'PUBLISHED_MASKED' });
    expect(JSON.stringify(audited)).not.toMatch(/周海[涛波]/);
    expect(audited.filter((v: { change: string }) => v.change === 'OBJECTION_DECIDED').map((v: { ground: string }) => v.ground))
      .toEqual([`objection ${filed.recordNumber}`, `objection ${filed.recordNumber}`]);
  });

  it('cannot be changed or removed', async () => {
    const refusal = async (q: ReturnType<typeof sql>) => server.database.db.execute(q).then(() => 'ok', (e: { cause?: { message: string }; message: string }) => e.cause?.message ?? e.message);
    expect(await refusal(sql`UPDATE credit_record_versions SET actor = 'someone else'`)).toMatch(/HISTORY_APPEND_ONLY/);
    expect(await refusal(sql`DELETE FROM credit_record_versions`)).toMatch(/HISTORY_APPEND_ONLY/);
    expect(await refusal(sql`TRUNCATE credit_record_versions`)).toMatch(/HISTORY_APPEND_ONLY/);
  });
});

describe('the purge', () => {
  it('erases the personal data of records past retention and of records a repair deleted, from the record and every version, once', async () => {
    const old = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-09-01', fields: { legalRepresentative: '周海涛' } });
    await server.database.db.update(creditRecords).set({ payload: sql`${creditRecords.payload} || '{"legalRepresentative":"周海涛改"}'::jsonb` }).where(eq(creditRecords.id, dbId(old.id)));
    const service = new RecordHistoryService(databaseWork(server.database.db), server.catalog);
    // Five years and a day after the decision the item's retention (5 years) has ended for `old`, and for `record` (2026-10-08) not yet.
    const later = new Date('2031-09-02T02:00:00Z');
    const dry = await service.purge(later, { dryRun: true });
    expect(dry.pastRetention).toContain(old.id);
    expect(dry.pastRetention).not.toContain(record.id);
    expect((await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, dbId(old.id))))[0]!.personalDataErasedAt).toBeNull();

    const done = await service.purge(later, { dryRun: false });
    expect(done.pastRetention).toContain(old.id);
    const [row] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, dbId(old.id)));
    expect(row!.personalDataErasedAt).not.toBeNull();
    expect(row!.payload).not.toHaveProperty('legalRepresentative');
    expect(row).toMatchObject({ decisionDate: '2026-09-01', status: 'ACTIVE' });
    const versions = await server.database.db.select().from(creditRecordVersions).where(eq(creditRecordVersions.recordId, dbId(old.id)));
    expect(JSON.stringify(versions)).not.toContain('周海涛');
    expect(versions.at(-1)).toMatchObject({ change: 'PERSONAL_DATA_ERASED', actor: 'purge', ground: expect.stringMatching(/retention of 5 years .* erased: .*legalRepresentative/) });
    expect((await service.purge(later, { dryRun: false })).pastRetention).not.toContain(old.id);
  });

  it('erases a record a repair decided to delete (删除) at the next run, with the repair as its history', async () => {
    const fined = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-03-02', fields: { legalRepresentative: '周海涛' } });
    const applied = ok(await server.gql('mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id recordNumber } }', { input: {
      creditRecordId: fined.id, commitment: '本单位承诺所提交材料真实有效，已全面履行行政处罚决定确定的义务，如有虚假愿承担相应法律责任。',
      obligationsEvidence: '罚款已于2026年3月20日全额缴纳，违法行为已整改完毕。',
    } }, await as(company)), 'applyForCreditRepair');
    ok(await server.gql('mutation($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { id state } }',
      { input: { id: applied.id, approve: true, treatment: 'DELETED', reason: '已履行义务并完成整改，准予删除。' } },
      await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')), 'decideCreditRepair');
    const report = await new RecordHistoryService(databaseWork(server.database.db), server.catalog).purge(clock.now(), { dryRun: false });
    expect(report.repairDeleted).toEqual([fined.id]);
    const versions = ok(await server.gql(HISTORY, { id: fined.id }, await auditor()), 'creditRecordHistory');
    expect(versions.map((v: { change: string }) => v.change)).toEqual(['REPAIR_DECIDED', 'PERSONAL_DATA_ERASED']);
    expect(versions[0].ground).toBe(`credit-repair application ${applied.recordNumber}`);
    expect(applied.recordNumber).toMatch(/^\d{6}-\d{4}-X\d{10}$/);
    expect(JSON.stringify(versions)).not.toContain('周海涛');
  });
});

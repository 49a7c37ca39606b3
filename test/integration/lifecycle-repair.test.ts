/**
 * Credit repair (信用修复, domain.md §5.2) through the real server, with an injected clock:
 * eligibility (own record, repairable item, minimum publication period served, ACTIVE),
 * the 信用承诺, decisions by the providing system only and exactly once, and the effects of
 * approval in one transaction — above all that a repaired record disappears from what the
 * public and partners see (lists and counts) while its subject still sees it marked REPAIRED.
 * Every subject, record, listing and measure is built for this file (test/support/builders).
 */
import { and, eq } from 'drizzle-orm';
import { creditRecords, measureApplications, repairApplications, seriousListEntries } from '../../src/db/schema';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-01'); // a Tuesday: three working days later is Friday 2026-12-04
let server: TestServer;
let build: Builder;
/** 南京钢铁联合有限公司 (two penalties, a licence), a second company (a penalty), a listed one, a bystander. */
let steel: BuiltSubject;
let second: BuiltSubject;
let listedCompany: BuiltSubject;
let bystander: BuiltSubject;
let STEEL: string;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  build = builder(server, { clock: { now: () => clock, set: (t) => { clock = t; } } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'STA', 'STA_320000', 'STA_320100', 'NDRC');
  await build.partners('JS_PRTC');
  [steel, second, listedCompany, bystander] = [
    await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' }),
    await build.legalPerson({ region: '320100' }), await build.legalPerson({ region: '320100' }), await build.legalPerson({ region: '320100' }),
  ];
  STEEL = steel.uscc!;
  // Penalties of market regulation and tax whose minimum publication periods have run, and a licence (not repairable).
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2024-03-18' });
  await build.licence(steel, { by: 'SAMR_320106', decisionDate: '2024-01-10' });
  await build.penalty(steel, { by: 'STA_320100', itemCode: '03-02-002', decisionDate: '2026-05-12' });
  await build.penalty(second, { by: 'SAMR_320106', decisionDate: '2024-08-08' });
  // A listing on the SAMR list, and a notice of an intended listing on the tax list.
  // Listed in November 2025: by December 2026 it has been listed the full year the SAMR list requires before repair.
  await build.listing(listedCompany, { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320100', notifiedOn: '2025-11-03' });
  await build.notice(listedCompany, { listType: 'MAJOR_TAX_VIOLATION', by: 'STA_320100' });
}, 120_000);
afterAll(() => server.close());

const APP = 'id creditRecordId listEntryId commitment obligationsEvidence filedAt dueOn overdue state treatment decisionReason decidedAt decidedBy';
const APPLY = `mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { ${APP} } }`;
const DECIDE = `mutation($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { ${APP} } }`;
const MINE = `{ myRepairApplications(first: 100) { totalCount edges { node { ${APP} } } } }`;
const QUEUE = `query($state: RepairState, $overdueOnly: Boolean) { repairApplications(state: $state, overdueOnly: $overdueOnly, first: 100) { totalCount edges { node { ${APP} } } } }`;
const RECORDS = `query($code: String!) { subject(code: $code) {
  creditRecords(first: 100) { totalCount }
  profile { penalties(first: 100) { totalCount edges { node { id decisionDate recordStatus catalogItem { code } } } }
    licences(first: 100) { edges { node { id catalogItem { code } } } } } } }`;
const LISTS = `query($listType: String) { seriousLists(listType: $listType, first: 100) { totalCount edges { node { subject { uscc } } } } }`;


const subject = (id: number) => authHeaders({ role: 'SUBJECT', subject: id });
const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'CREDIT_SUPERVISION');
const partner = () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
const COMMITMENT = '本单位承诺所提交材料真实有效，已全面履行行政处罚决定确定的义务，如有虚假愿承担相应法律责任。';
const EVIDENCE = '罚款已于2024年4月2日全额缴纳（缴款书编号 3201002404020001），违法行为已整改完毕。';

type Penalty = { id: string; decisionDate: string; recordStatus: string; catalogItem: { code: string } };
async function profile(code: string, headers?: Record<string, string>) {
  const s = ok(await server.gql(RECORDS, { code }, headers), 'subject');
  return { total: s.creditRecords.totalCount as number, penalties: s.profile.penalties as { totalCount: number; edges: Array<{ node: Penalty }> }, licences: s.profile.licences };
}
async function penaltyOf(code: string, subjectId: number, itemCode: string, decisionDate: string): Promise<Penalty> {
  const found = (await profile(code, await subject(subjectId))).penalties.edges.map((e) => e.node)
    .find((n) => n.catalogItem.code === itemCode && n.decisionDate === decisionDate);
  if (!found) throw new Error(`penalty ${itemCode} of ${decisionDate} missing for subject ${subjectId}`);
  return found;
}
const apply = async (subjectId: number, target: Record<string, string>, extra: Record<string, unknown> = {}) =>
  server.gql(APPLY, { input: { ...target, commitment: COMMITMENT, obligationsEvidence: EVIDENCE, ...extra } }, await subject(subjectId));
const decide = async (agency: string, input: Record<string, unknown>) => server.gql(DECIDE, { input }, await dept(agency));
/** The agency that made a record: it (or one above it) decides repairs of it. */
const recorderOf = async (id: string) => (await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(id))))[0]!.agencyCode;

describe('who may apply, and when', () => {
  it('is refused before the minimum publication period is over, naming the date it ends', async () => {
    const record = await penaltyOf(second.uscc!, second.id, '03-02-001', '2024-08-08');
    const [row] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(record.id)));
    expect(row!.publishMinUntil).not.toBeNull();
    clock = new Date(`${row!.publishMinUntil}T09:00:00+08:00`);
    clock = new Date(clock.getTime() - 86_400_000); // the day before the period ends
    const res = await apply(second.id, { creditRecordId: record.id });
    clock = at('2026-12-01');
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toContain(`the minimum publication period runs until ${row!.publishMinUntil}`);
    expect(res.body.errors?.[0]?.extensions?.eligibleFrom).toBe(row!.publishMinUntil);
  });

  it('is refused for an item the law excludes from repair', async () => {
    const licence = (await profile(STEEL, await subject(steel.id))).licences.edges[0].node;
    const res = await apply(steel.id, { creditRecordId: licence.id });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toMatch(/catalog item 03-01-00\d .* is not repairable/);
  });

  it('is refused for someone else\'s record, without telling whether it exists', async () => {
    const steelPenalty = await penaltyOf(STEEL, steel.id, '03-02-001', '2024-03-18');
    const res = await apply(second.id, { creditRecordId: steelPenalty.id });
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(messageOf(res)).toMatch(/no credit record of yours/);
  });

  it('needs the credit commitment (信用承诺) and exactly one target', async () => {
    const steelPenalty = await penaltyOf(STEEL, steel.id, '03-02-001', '2024-03-18');
    expect(codeOf(await apply(steel.id, { creditRecordId: steelPenalty.id }, { commitment: '          ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await apply(steel.id, {}))).toBe('BAD_USER_INPUT');
    expect(codeOf(await apply(steel.id, { creditRecordId: steelPenalty.id, listEntryId: opaque('SeriousListEntry', 1) }))).toBe('BAD_USER_INPUT');
  });

  it('costs nothing: no fee appears anywhere in the repair operations', async () => {
    const { body } = await server.gql(`{ a: __type(name: "CreditRepairApplication") { fields { name } }
      b: __type(name: "ApplyForCreditRepairInput") { inputFields { name } } c: __type(name: "DecideCreditRepairInput") { inputFields { name } } }`);
    const names = [...body.data!.a.fields, ...body.data!.b.inputFields, ...body.data!.c.inputFields].map((f: { name: string }) => f.name);
    expect(names).toContain('commitment');
    expect(names.filter((n) => /fee|charge|pay|price|amount/i.test(n))).toEqual([]);
  });
});

describe('an approved repair', () => {
  it('takes the record out of everything the public and partners see, while its subject still sees it marked REPAIRED', async () => {
    const record = await penaltyOf(STEEL, steel.id, '03-02-001', '2024-03-18');
    const seenBy = async (headers?: Record<string, string>) => {
      const p = await profile(STEEL, headers);
      return { total: p.total, penalties: p.penalties.totalCount, ids: p.penalties.edges.map((e) => e.node.id) };
    };
    const publicBefore = await seenBy();
    const partnerBefore = await seenBy(await partner());
    expect(publicBefore.ids).toContain(record.id);
    expect(partnerBefore.ids).toContain(record.id);
    expect(record.recordStatus).toBe('ACTIVE');

    await build.measure({ by: 'SAMR_320106', measureCode: 'NO_FAST_TRACK', creditRecordId: record.id });

    const applied = ok(await apply(steel.id, { creditRecordId: record.id }), 'applyForCreditRepair');
    expect(applied).toMatchObject({ state: 'SUBMITTED', creditRecordId: record.id, dueOn: '2026-12-04', overdue: false, treatment: null });
    const recorder = await recorderOf(record.id);
    const approved = ok(await decide(recorder, { id: applied.id, approve: true, treatment: 'MARKED', reason: '已履行行政处罚义务并完成整改，准予信用修复。' }), 'decideCreditRepair');
    expect(approved).toMatchObject({ state: 'APPROVED', treatment: 'MARKED', decidedBy: recorder });

    const publicAfter = await seenBy();
    const partnerAfter = await seenBy(await partner());
    expect(publicAfter.ids).not.toContain(record.id);
    expect(partnerAfter.ids).not.toContain(record.id);
    expect(publicAfter).toMatchObject({ total: publicBefore.total - 1, penalties: publicBefore.penalties - 1 });
    expect(partnerAfter).toMatchObject({ total: partnerBefore.total - 1, penalties: partnerBefore.penalties - 1 });
    const own = await penaltyOf(STEEL, steel.id, '03-02-001', '2024-03-18');
    expect(own).toMatchObject({ id: record.id, recordStatus: 'REPAIRED' });
    const [row] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(record.id)));
    expect(row).toMatchObject({ status: 'REPAIRED', repairTreatment: 'MARKED' });
    const measures = await server.database.db.select().from(measureApplications).where(eq(measureApplications.creditRecordId, rowId(record.id)));
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.every((m) => m.liftedAt?.getTime() === clock.getTime() && /credit repair approved/.test(m.liftReason ?? ''))).toBe(true);
  });

  it('cannot be applied for again once the record is repaired', async () => {
    const record = await penaltyOf(STEEL, steel.id, '03-02-001', '2024-03-18');
    expect(codeOf(await apply(steel.id, { creditRecordId: record.id }))).toBe('INVALID_TRANSITION');
  });
});

describe('deciding an application', () => {
  let record: Penalty;
  let applicationId: string;
  let recorder: string;
  beforeAll(async () => {
    record = await penaltyOf(second.uscc!, second.id, '03-02-001', '2024-08-08');
    recorder = await recorderOf(record.id);
    applicationId = ok(await apply(second.id, { creditRecordId: record.id }), 'applyForCreditRepair').id;
  });

  it('allows one open application per record', async () => {
    const res = await apply(second.id, { creditRecordId: record.id });
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toMatch(/already open .* due 2026-12-04/);
  });

  it('is for the system that provides the record\'s item only', async () => {
    const res = await decide('STA_320100', { id: applicationId, approve: true, treatment: 'SHIELDED', reason: '准予修复。理由充分。' });
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toMatch(/provided by SAMR/);
  });

  it('needs a treatment to approve, none to reject, and reasons either way', async () => {
    expect(codeOf(await decide(recorder, { id: applicationId, approve: true, reason: '准予修复。理由充分。' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await decide(recorder, { id: applicationId, approve: false, treatment: 'MARKED', reason: '不予修复。' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await decide(recorder, { id: applicationId, approve: false, reason: '     ' }))).toBe('BAD_USER_INPUT');
    const [row] = await server.database.db.select().from(repairApplications).where(eq(repairApplications.id, rowId(applicationId)));
    expect(row!.state).toBe('SUBMITTED');
  });

  it('when rejected changes nothing on the record, and the subject may apply again', async () => {
    const rejected = ok(await decide(recorder, { id: applicationId, approve: false, reason: '未提交罚款缴纳凭证，不符合修复条件。' }), 'decideCreditRepair');
    expect(rejected).toMatchObject({ state: 'REJECTED', treatment: null, decisionReason: '未提交罚款缴纳凭证，不符合修复条件。' });
    expect((await penaltyOf(second.uscc!, second.id, '03-02-001', '2024-08-08')).recordStatus).toBe('ACTIVE');
    expect(codeOf(await decide(recorder, { id: applicationId, approve: true, treatment: 'MARKED', reason: '改为准予修复。' }))).toBe('CONFLICT');
    applicationId = ok(await apply(second.id, { creditRecordId: record.id }), 'applyForCreditRepair').id;
  });

  it('takes effect exactly once when two decisions arrive together', async () => {
    const [a, b] = await Promise.all([
      decide(recorder, { id: applicationId, approve: true, treatment: 'SHIELDED', reason: '材料齐全，准予修复并屏蔽。' }),
      decide('SAMR', { id: applicationId, approve: true, treatment: 'DELETED', reason: '材料齐全，准予修复并删除。' }),
    ]);
    const outcomes = [a, b].map((r) => (r.body.errors ? codeOf(r) : r.body.data!.decideCreditRepair.treatment));
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(1);
    const winner = outcomes.find((o) => o !== 'CONFLICT');
    expect(['SHIELDED', 'DELETED']).toContain(winner);
    const [app] = await server.database.db.select().from(repairApplications).where(eq(repairApplications.id, rowId(applicationId)));
    const [rec] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(record.id)));
    expect(app).toMatchObject({ state: 'APPROVED', treatment: winner });
    expect(rec).toMatchObject({ status: 'REPAIRED', repairTreatment: winner });
  });
});

describe('repairing a serious-list listing', () => {
  it('removes the entry with its record and lifts the measures applied to it, in one decision', async () => {
    const [entry] = await server.database.db.select().from(seriousListEntries)
      .where(and(eq(seriousListEntries.subjectId, listedCompany.id), eq(seriousListEntries.listTypeCode, 'SAMR_SERIOUS_VIOLATION')));
    expect(entry!.state).toBe('LISTED');
    await build.measure({ by: 'SAMR_320100', measureCode: 'NO_NOTIFICATION_COMMITMENT', listEntryId: opaque('SeriousListEntry', entry!.id) });
    const uscc = listedCompany.uscc!;
    const listed = async () => ok(await server.gql(LISTS, { listType: 'SAMR_SERIOUS_VIOLATION' }), 'seriousLists');
    const before = await listed();
    expect(before.edges.map((e: any) => e.node.subject.uscc)).toContain(uscc);

    const applied = ok(await apply(listedCompany.id, { listEntryId: opaque('SeriousListEntry', entry!.id) }), 'applyForCreditRepair');
    ok(await decide(entry!.agencyCode, { id: applied.id, approve: true, treatment: 'SHIELDED', reason: '已纠正失信行为并履行义务，准予提前移出名单。' }), 'decideCreditRepair');

    const [after] = await server.database.db.select().from(seriousListEntries).where(eq(seriousListEntries.id, entry!.id));
    expect(after).toMatchObject({ state: 'REMOVED', removalReason: 'REPAIRED' });
    const [rec] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, entry!.creditRecordId!));
    expect(rec).toMatchObject({ status: 'REPAIRED', repairTreatment: 'SHIELDED' });
    const open = await server.database.db.select().from(measureApplications).where(eq(measureApplications.listEntryId, entry!.id));
    expect(open.every((m) => m.liftedAt !== null && m.liftReason)).toBe(true);
    const now = await listed();
    expect(now.edges.map((e: any) => e.node.subject.uscc)).not.toContain(uscc);
    expect(now.totalCount).toBe(before.totalCount - 1);
  });

  it('is not possible for a notice that has not led to a listing', async () => {
    const [notice] = await server.database.db.select().from(seriousListEntries)
      .where(and(eq(seriousListEntries.subjectId, listedCompany.id), eq(seriousListEntries.listTypeCode, 'MAJOR_TAX_VIOLATION')));
    const res = await apply(listedCompany.id, { listEntryId: opaque('SeriousListEntry', notice!.id) });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toMatch(/entry is NOTIFIED: only a listing can be repaired/);
  });
});

describe('reading applications', () => {
  let openId: string;
  let taxBureau: string;
  beforeAll(async () => {
    const tax = await penaltyOf(STEEL, steel.id, '03-02-002', '2026-05-12');
    taxBureau = await recorderOf(tax.id);
    openId = ok(await apply(steel.id, { creditRecordId: tax.id }), 'applyForCreditRepair').id;
  });

  it('shows the subject its own applications, newest first', async () => {
    const mine = ok(await server.gql(MINE, {}, await subject(steel.id)), 'myRepairApplications');
    expect(mine.edges[0].node).toMatchObject({ id: openId, state: 'SUBMITTED' });
    expect(mine.edges.map((e: any) => e.node.state)).toContain('APPROVED');
    expect(ok(await server.gql(MINE, {}, await subject(bystander.id)), 'myRepairApplications').edges.map((e: any) => e.node.id)).not.toContain(openId);
  });

  it('shows the deciding agency its overdue applications once the time limit has passed, and auditors all of them', async () => {
    const overdue = async (headers: Record<string, string>) =>
      ok(await server.gql(QUEUE, { overdueOnly: true }, headers), 'repairApplications').edges.map((e: any) => e.node);
    expect((await overdue(await dept(taxBureau))).map((n: any) => n.id)).not.toContain(openId);
    clock = at('2026-12-05'); // Saturday: the Friday limit has passed
    const sta = await overdue(await dept(taxBureau));
    expect(sta.find((n: any) => n.id === openId)).toMatchObject({ overdue: true, dueOn: '2026-12-04', state: 'SUBMITTED' });
    expect((await overdue(await dept('SAMR_320106'))).map((n: any) => n.id)).not.toContain(openId);
    const audit = await overdue(await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }, 'AUDIT'));
    expect(audit.map((n: any) => n.id)).toContain(openId);
    expect(audit.every((n: any) => n.overdue && (n.state === 'SUBMITTED' || n.state === 'ACCEPTED'))).toBe(true);
  });

  it('is closed to the public and to partners', async () => {
    expect(codeOf(await server.gql(QUEUE, {}))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(QUEUE, {}, await partner()))).toBe('FORBIDDEN');
  });
});

/**
 * Objections (异议; 深圳条例 arts. 43, 48–51, 浙江条例 art. 31) through the real server, with
 * an injected clock: the target is flagged the moment the subject files; only the system that
 * provides the record or notified the entry decides, exactly once; each outcome's effect is
 * written on the deciding transaction; deciding agencies and auditors see what is overdue.
 */
import { eq } from 'drizzle-orm';
import { creditRecords, objections, seriousListEntries } from '../../src/db/schema';
import { builder, type BuiltEntry, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-01'); // a Tuesday: five working days later is Tuesday 2026-12-08
let server: TestServer;
/** The firm whose penalties it objects to; another firm; a taxpayer notified of a listing; a listed court debtor. */
let firm: BuiltSubject;
let other: BuiltSubject;
let taxpayer: BuiltSubject;
let debtor: BuiltSubject;
/** The market regulator that made the firm's (and the other firm's) penalty: it decides their objections. */
const RECORDER = 'SAMR_320106';
const TAX_BUREAU = 'STA_320100';
let taxNotice: BuiltEntry;
let courtListing: BuiltEntry;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', RECORDER, 'STA', 'STA_320000', TAX_BUREAU, 'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320106', 'NDRC');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  [firm, other, taxpayer, debtor] = await Promise.all([build.legalPerson(), build.legalPerson(), build.legalPerson({ region: '320100' }), build.legalPerson()]);
  const facts = { violationFacts: '在其经营场所发布虚假广告，宣传产品功效。' };
  await build.penalty(firm, { by: RECORDER, decisionDate: '2024-03-18', fields: { ...facts, fineAmount: '3.0000' } });
  await build.penalty(firm, { by: TAX_BUREAU, itemCode: '03-02-002', decisionDate: '2026-05-12', fields: facts });
  await build.penalty(other, { by: RECORDER, decisionDate: '2024-08-08', fields: facts });
  taxNotice = await build.notice(taxpayer, { listType: 'MAJOR_TAX_VIOLATION', by: TAX_BUREAU });
  courtListing = await build.listing(debtor, { listType: 'COURT_DEFAULTER', by: 'SPC_320106', notifiedOn: '2026-11-02' });
}, 120_000);
afterAll(() => server.close());

const OBJ = 'id creditRecordId listEntryId reason filedAt dueOn overdue state outcome response decidedAt decidedBy';
const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { ${OBJ} } }`;
const DECIDE = `mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { ${OBJ} } }`;
const MINE = `{ myObjections(first: 100) { totalCount edges { node { ${OBJ} } } } }`;
const QUEUE = `query($state: ObjectionState, $overdueOnly: Boolean) { objections(state: $state, overdueOnly: $overdueOnly, first: 100) { totalCount edges { node { ${OBJ} } } } }`;
const PENALTIES = `query($code: String!) { subject(code: $code) { profile { penalties(first: 100) { edges { node {
  id decisionDate recordStatus disputed catalogItem { code } ... on AdministrativePenalty { fineAmount penaltyContent violationFacts } } } } } } }`;

const subject = (id: number) => authHeaders({ role: 'SUBJECT', subject: id });
const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'CREDIT_SUPERVISION');
const auditor = () => authHeaders({ role: 'AUDITOR', agency: 'NDRC' }, 'AUDIT');
const REASON = '处罚决定书载明的罚款金额与实际缴纳金额不一致，附缴款凭证。';

type Penalty = { id: string; decisionDate: string; recordStatus: string; disputed: boolean; fineAmount: string | null; violationFacts: string | null; catalogItem: { code: string } };
async function penalties(code: string, headers?: Record<string, string>): Promise<Penalty[]> {
  return ok(await server.gql(PENALTIES, { code }, headers), 'subject').profile.penalties.edges.map((e: { node: Penalty }) => e.node);
}
async function penaltyOf(who: BuiltSubject, itemCode: string, decisionDate: string): Promise<Penalty> {
  const found = (await penalties(who.uscc!, await subject(who.id))).find((n) => n.catalogItem.code === itemCode && n.decisionDate === decisionDate);
  if (!found) throw new Error(`penalty ${itemCode} of ${decisionDate} missing for ${who.name}`);
  return found;
}
const file = async (who: BuiltSubject, target: Record<string, string>, reason = REASON) => server.gql(FILE, { input: { ...target, reason } }, await subject(who.id));
const decide = async (agency: string, input: Record<string, unknown>) => server.gql(DECIDE, { input }, await dept(agency));
const recordRow = async (id: string) => (await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(id))))[0]!;
const entryRow = async (id: number) => (await server.database.db.select().from(seriousListEntries).where(eq(seriousListEntries.id, id)))[0]!;

describe('filing an objection to a record', () => {
  let record: Penalty;
  beforeAll(async () => {
    record = await penaltyOf(firm, '03-02-001', '2024-03-18');
  });

  it('flags the record disputed the moment it is filed, for everyone who sees the record', async () => {
    expect(record.disputed).toBe(false);
    const filed = ok(await file(firm, { creditRecordId: record.id }), 'fileObjection');
    expect(filed).toMatchObject({ state: 'PENDING', creditRecordId: record.id, listEntryId: null, dueOn: '2026-12-08', overdue: false, outcome: null });
    expect((await penaltyOf(firm, '03-02-001', '2024-03-18')).disputed).toBe(true);
    expect((await penalties(firm.uscc!)).find((p) => p.id === record.id)?.disputed).toBe(true);
  });

  it('allows one pending objection per record', async () => {
    const res = await file(firm, { creditRecordId: record.id });
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toMatch(/already pending .* due 2026-12-08/);
  });

  it('is only about one\'s own records, without telling whether another\'s exists', async () => {
    const res = await file(other, { creditRecordId: record.id });
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(messageOf(res)).toMatch(/no credit record of yours/);
  });

  it('names exactly one target that this API issued', async () => {
    expect(codeOf(await file(firm, {}))).toBe('BAD_USER_INPUT');
    expect(codeOf(await file(firm, { creditRecordId: record.id, listEntryId: opaque('SeriousListEntry', 1) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await file(firm, { creditRecordId: '42' }))).toBe('BAD_USER_INPUT');
  });

  it('is filed by subjects, not by agencies', async () => {
    const res = await server.gql(FILE, { input: { creditRecordId: record.id, reason: REASON } }, await dept('SAMR_320106'));
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});

describe('deciding an objection to a record', () => {
  let record: Penalty;
  let objectionId: string;
  /** The agency that made the record: it decides (jurisdiction). */
  const recorder = RECORDER;
  beforeAll(async () => {
    record = await penaltyOf(firm, '03-02-001', '2024-03-18');
    const mine = ok(await server.gql(MINE, {}, await subject(firm.id)), 'myObjections');
    objectionId = mine.edges.find((e: any) => e.node.creditRecordId === record.id && e.node.state === 'PENDING').node.id;
  });

  it('is for the system that provides the record\'s item only', async () => {
    const res = await decide('STA_320100', { id: objectionId, outcome: 'REJECTED', response: '经核查，异议不成立。' });
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toMatch(/provided by SAMR/);
  });

  it('refuses corrections that do not fit the record, and writes nothing', async () => {
    const before = await recordRow(record.id);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ outcome: 'CORRECTED', corrections: [{ key: 'fine', value: '1' }] }, /PENALTY records have no field "fine"; fields: .*fineAmount/],
      [{ outcome: 'CORRECTED', corrections: [{ key: 'fineAmount', value: '三万' }] }, /fineAmount \(罚款金额（万元）\): "三万" is not a decimal/],
      [{ outcome: 'CORRECTED', corrections: [{ key: 'penaltyCategory', value: '罚金' }] }, /"罚金" is not one of 警告、通报批评、罚款/],
      [{ outcome: 'SUPPLEMENTED', corrections: [{ key: 'violationFacts', value: '补充事实' }] }, /already holds a value; SUPPLEMENTED only fills empty fields/],
      [{ outcome: 'CORRECTED', corrections: [] }, /list at least one field/],
      [{ outcome: 'CORRECTED', corrections: [{ key: 'decidedOn', value: '2024-03-19' }] }, /decidedOn .* is derived from the record's document and dates/],
      [{ outcome: 'REJECTED', corrections: [{ key: 'fineAmount', value: '1' }] }, /REJECTED takes none/],
    ];
    for (const [input, message] of cases) {
      const res = await decide(recorder, { id: objectionId, response: '经核查，予以更正。', ...input });
      expect([codeOf(res), messageOf(res)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(message)]);
    }
    const after = await recordRow(record.id);
    expect(after).toMatchObject({ payload: before.payload, disputed: true });
    const [row] = await server.database.db.select().from(objections).where(eq(objections.id, rowId(objectionId)));
    expect(row!.state).toBe('PENDING');
  });

  it('CORRECTED changes exactly the fields given and clears the disputed flag', async () => {
    const decided = ok(await decide(recorder, {
      id: objectionId, outcome: 'CORRECTED', response: '经核查，罚款金额录入有误，已予更正。', corrections: [{ key: 'fineAmount', value: '3.5' }],
    }), 'decideObjection');
    expect(decided).toMatchObject({ state: 'DECIDED', outcome: 'CORRECTED', decidedBy: recorder, decidedAt: clock.toISOString() });
    const now = await penaltyOf(firm, '03-02-001', '2024-03-18');
    expect(now).toMatchObject({ fineAmount: '3.5', disputed: false, violationFacts: record.violationFacts });
  });

  it('cannot be decided twice', async () => {
    const res = await decide(recorder, { id: objectionId, outcome: 'REJECTED', response: '经核查，异议不成立。' });
    expect(codeOf(res)).toBe('CONFLICT');
    expect(messageOf(res)).toContain(`already decided (CORRECTED by ${recorder}`);
  });

  it('takes effect exactly once when two decisions arrive together', async () => {
    const id = ok(await file(firm, { creditRecordId: record.id }), 'fileObjection').id;
    const [a, b] = await Promise.all([
      decide(recorder, { id, outcome: 'CORRECTED', response: '经核查，予以更正金额。', corrections: [{ key: 'fineAmount', value: '9.9' }] }),
      decide('SAMR', { id, outcome: 'REJECTED', response: '经核查，异议不成立。' }), // the national bureau is above every SAMR bureau
    ]);
    const outcomes = [a, b].map((r) => (r.body.errors ? codeOf(r) : r.body.data!.decideObjection.outcome));
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(1);
    const winner = outcomes.find((o) => o !== 'CONFLICT');
    const [row] = await server.database.db.select().from(objections).where(eq(objections.id, rowId(id)));
    expect(row!.outcome).toBe(winner);
    expect((await penaltyOf(firm, '03-02-001', '2024-03-18')).fineAmount).toBe(winner === 'CORRECTED' ? '9.9' : '3.5');
  });

  it('PUBLICATION_WITHDRAWN revokes the record, so the public no longer sees it', async () => {
    const theirs = await penaltyOf(other, '03-02-001', '2024-08-08');
    const uscc = other.uscc!;
    expect((await penalties(uscc)).map((p) => p.id)).toContain(theirs.id);
    const id = ok(await file(other, { creditRecordId: theirs.id }), 'fileObjection').id;
    const otherRecorder = RECORDER;
    const wrong = await decide(otherRecorder, { id, outcome: 'REMOVED_FROM_LIST', response: '经核查，予以撤下。' });
    expect([codeOf(wrong), messageOf(wrong)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/not on a serious list; decide PUBLICATION_WITHDRAWN/)]);
    ok(await decide(otherRecorder, { id, outcome: 'PUBLICATION_WITHDRAWN', response: '该处罚决定已被依法撤销，停止公示。' }), 'decideObjection');
    expect((await penalties(uscc)).map((p) => p.id)).not.toContain(theirs.id);
    expect(await penaltyOf(other, '03-02-001', '2024-08-08')).toMatchObject({ recordStatus: 'REVOKED', disputed: false });
  });
});

describe('objecting to a serious-list notice', () => {
  it('holds the listing: the entry becomes OBJECTED, and NOTIFIED again when the objection is rejected', async () => {
    expect((await entryRow(rowId(taxNotice.id))).state).toBe('NOTIFIED');
    const filed = ok(await file(taxpayer, { listEntryId: taxNotice.id }, '拟列入事由所称欠税已于告知前缴清，附完税证明。'), 'fileObjection');
    expect(filed).toMatchObject({ listEntryId: taxNotice.id, state: 'PENDING' });
    expect((await entryRow(rowId(taxNotice.id))).state).toBe('OBJECTED');
    expect(codeOf(await decide('SAMR_320100', { id: filed.id, outcome: 'REJECTED', response: '经核查，异议不成立。' }))).toBe('FORBIDDEN');
    ok(await decide(TAX_BUREAU, { id: filed.id, outcome: 'REJECTED', response: '经核查，欠税未在告知前缴清，异议不成立。' }), 'decideObjection');
    expect((await entryRow(rowId(taxNotice.id))).state).toBe('NOTIFIED');
  });

  it('REMOVED_FROM_LIST before a listing drops the procedure', async () => {
    const filed = ok(await file(taxpayer, { listEntryId: taxNotice.id }, '补充提交税务机关出具的无欠税证明。'), 'fileObjection');
    const corrected = await decide(TAX_BUREAU, { id: filed.id, outcome: 'CORRECTED', response: '经复核，予以更正。', corrections: [{ key: 'reasons', value: '更正后的事由' }] });
    expect([codeOf(corrected), messageOf(corrected)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/no record exists yet to correct/)]);
    ok(await decide(TAX_BUREAU, { id: filed.id, outcome: 'REMOVED_FROM_LIST', response: '经复核，欠税已缴清，不予列入。' }), 'decideObjection');
    expect(await entryRow(rowId(taxNotice.id))).toMatchObject({ state: 'DROPPED', dropReason: expect.stringContaining('不予列入') });
    expect(codeOf(await file(taxpayer, { listEntryId: taxNotice.id }))).toBe('INVALID_TRANSITION');
  });

  it('is refused once the notice\'s objection period is over, naming its last day', async () => {
    // Notified on Tuesday 2026-11-10: its ten working days ended on Tuesday 2026-11-24.
    const today = clock;
    clock = at('2026-11-10');
    const notice = await builder(server).notice(other, { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320100' }).finally(() => (clock = today));
    expect(notice.objectionDeadline).toBe('2026-11-24');
    const res = await file(other, { listEntryId: notice.id });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toMatch(/objection period of this notice ended on 2026-11-24/);
    expect((await entryRow(rowId(notice.id))).state).toBe('NOTIFIED');
  });
});

describe('objecting to a listing', () => {
  it('REMOVED_FROM_LIST removes the entry as OBJECTION_UPHELD and revokes its record', async () => {
    const entry = await entryRow(rowId(courtListing.id));
    expect(entry.state).toBe('LISTED');
    const filed = ok(await file(debtor, { listEntryId: courtListing.id }, '生效法律文书确定的义务已全部履行完毕，附执行法院出具的结案证明。'), 'fileObjection');
    expect((await entryRow(entry.id)).state).toBe('LISTED');
    expect((await recordRow(courtListing.recordId!)).disputed).toBe(true);
    ok(await decide('SPC_320106', { id: filed.id, outcome: 'REMOVED_FROM_LIST', response: '经核查，被执行人已全部履行义务，予以移出。' }), 'decideObjection');
    expect(await entryRow(entry.id)).toMatchObject({ state: 'REMOVED', removalReason: 'OBJECTION_UPHELD' });
    expect(await recordRow(courtListing.recordId!)).toMatchObject({ status: 'REVOKED', disputed: false });
  });
});

describe('reading objections', () => {
  let openId: string;
  /** The tax bureau that made the record objected to: its queue holds the objection. */
  const taxBureau = TAX_BUREAU;
  beforeAll(async () => {
    const tax = await penaltyOf(firm, '03-02-002', '2026-05-12');
    openId = ok(await file(firm, { creditRecordId: tax.id }, '纳税期限计算有误，附纳税申报回执。'), 'fileObjection').id;
  });

  it('shows the subject its own objections, newest first, and no one else\'s', async () => {
    const mine = ok(await server.gql(MINE, {}, await subject(firm.id)), 'myObjections');
    expect(mine.edges[0].node).toMatchObject({ id: openId, state: 'PENDING' });
    expect(mine.totalCount).toBeGreaterThanOrEqual(3);
    const others = ok(await server.gql(MINE, {}, await subject(other.id)), 'myObjections');
    expect(others.edges.map((e: any) => e.node.id)).not.toContain(openId);
  });

  it('shows each deciding agency its own queue, and the overdue ones once the time limit has passed', async () => {
    const queue = async (headers: Record<string, string>, overdueOnly = false) =>
      ok(await server.gql(QUEUE, { overdueOnly, state: overdueOnly ? null : 'PENDING' }, headers), 'objections').edges.map((e: any) => e.node);
    expect((await queue(await dept(taxBureau))).map((n: any) => n.id)).toContain(openId);
    expect((await queue(await dept('SAMR_320106'))).map((n: any) => n.id)).not.toContain(openId);
    expect((await queue(await dept(taxBureau), true)).map((n: any) => n.id)).not.toContain(openId);
    clock = at('2026-12-09'); // Wednesday: the Tuesday limit has passed
    const overdue = await queue(await dept(taxBureau), true);
    expect(overdue.find((n: any) => n.id === openId)).toMatchObject({ overdue: true, dueOn: '2026-12-08' });
    const audit = await queue(await auditor(), true);
    expect(audit.map((n: any) => n.id)).toContain(openId);
    expect(audit.every((n: any) => n.overdue && n.state === 'PENDING')).toBe(true);
  });

  it('is closed to the public and to partners', async () => {
    expect(codeOf(await server.gql(QUEUE, {}))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(QUEUE, {}, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')))).toBe('FORBIDDEN');
  });
});

/**
 * Working-day limits on the State Council's calendars, through the real server (issue 13): a
 * serious-list notice served on Monday 2026-09-28 gets the 10-working-day window of its list
 * type, closing on 2026-10-16 (国庆 off, Saturday 10-10 worked) — not 10-12, as a weekends-only
 * count gave — and the listing cannot be decided before; a limit running into 2027, whose
 * notice is not in the calendars, is accepted with a provisional date (marked), which becomes
 * exact on restart with the notice — a subject's window never shorter than the one served —
 * and only what cannot be judged even provisionally is refused with CALENDAR_MISSING.
 */
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok } from '../support/responses';
import { calendarOf, loadWorkingCalendar } from '../../src/time/working-calendar.loader';
import type { YearCalendar } from '../../src/time/working-calendar.schema';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-09-28');
let server: TestServer;
let build: Builder;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  build = builder(server, { clock: { now: () => clock, set: (t) => { clock = t; } } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
}, 120_000);
afterAll(() => server.close());

const DECIDE = `mutation($input: DecideSeriousListingInput!) { decideSeriousListing(input: $input) { id state } }`;
const NOTIFY = `mutation($input: NotifySeriousListingInput!) { notifySeriousListing(input: $input) { id objectionDeadline } }`;
const dept = () => authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
const listing = { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320106' };

describe('a serious-list notice across 国庆 2026', () => {
  let company: BuiltSubject;
  let entryId: string;

  it('closes its 10-working-day objection window on 2026-10-16, not 2026-10-12', async () => {
    clock = at('2026-09-28');
    company = await build.legalPerson();
    const entry = await build.notice(company, listing);
    entryId = entry.id;
    expect(entry.objectionDeadline).toBe('2026-10-16');
    const mine = ok(await server.gql('{ mySeriousListEntries { edges { node { id objectionDeadline noticeRights } } } }', {}, await authHeaders({ role: 'SUBJECT', subject: company.id })), 'mySeriousListEntries');
    expect(mine.edges[0].node).toMatchObject({ id: entryId, objectionDeadline: '2026-10-16' });
    expect(mine.edges[0].node.noticeRights).toContain('2026-10-16');
  });

  it('is not decidable before the window closes: not on 10-12, nor on the deadline day (INVALID_TRANSITION naming 2026-10-16)', async () => {
    for (const day of ['2026-10-12', '2026-10-13', '2026-10-16']) {
      clock = at(day);
      const res = await server.gql(DECIDE, {
        input: { entryId, reasons: '经核查，当事人存在严重失信行为。', document: { kind: 'OTHER_STATUTORY', number: `测列〔2026〕${day}号`, effectiveOn: day, title: '列入决定书', statutoryReference: { level: 'DEPARTMENT_RULE', title: '《市场监督管理严重违法失信名单管理办法》' } } },
      }, await dept());
      expect(codeOf(res)).toBe('INVALID_TRANSITION');
      expect(messageOf(res)).toContain('2026-10-16');
    }
  });

  it('is decided once the window has closed, the day after 2026-10-16', async () => {
    const listed = await build.listing(await build.legalPerson(), { ...listing, notifiedOn: '2026-09-28' });
    expect(listed.objectionDeadline).toBe('2026-10-16');
    expect(listed.recordId).not.toBeNull();
  });
});

/**
 * A TEST-ONLY, deliberately FAKE 2027 notice: the real one is not in the file and must not be
 * invented. It differs from the provisional basis both ways — 元旦 Friday 01-01 to Tuesday 01-05
 * (more days off: a window crossing it lengthens) and Saturday and Sunday 2026-12-26/27 worked
 * (a window crossing them would shorten) — so the recount can be seen in each direction.
 */
const FAKE_2027: YearCalendar = {
  year: 2027,
  notice: {
    title: '测试用虚构通知（非国务院办公厅文件）', documentNumber: null, issuedOn: '2026-12-10',
    officialUrl: 'https://example.invalid/fake-2027', sources: ['https://example.invalid/fake-2027'],
  },
  amendments: [],
  holidays: [{ name: '元旦（虚构）', from: '2027-01-01', to: '2027-01-05', days: 5, workingWeekends: ['2026-12-26', '2026-12-27'] }],
};

describe('a limit running into a year without its holiday notice: accepted, provisional, made exact once the notice is in', () => {
  const OBJECT = 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id dueOn dueOnProvisional } }';
  const REPAIR = 'mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id dueOn dueOnProvisional } }';
  const MINE = `{ myObjections { edges { node { id dueOn dueOnProvisional } } } myRepairApplications { edges { node { id dueOn dueOnProvisional } } }
    mySeriousListEntries { edges { node { id objectionDeadline objectionDeadlineProvisional noticeRights } } } }`;
  const penaltyOf = (company: BuiltSubject, n: number) => build.penalty(company, {
    by: 'SAMR_320106', decisionDate: '2026-06-01',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: `宁鼓市监处罚〔2026〕${n}号`, issuer: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-06-01' },
  });
  const mine = async (company: BuiltSubject) => ok(await server.gql(MINE, {}, await authHeaders({ role: 'SUBJECT', subject: company.id })), 'myObjections');
  let recordCompany: BuiltSubject;
  let shortened: BuiltSubject;
  let lengthened: BuiltSubject;
  let shortenedEntry: string;

  it('serves a notice on Sunday 2026-12-20 with a provisional window to Monday 2027-01-04 (元旦 off), saying so in the rights', async () => {
    clock = at('2026-12-20');
    shortened = await build.legalPerson();
    const entry = await build.notice(shortened, listing);
    shortenedEntry = entry.id;
    expect(entry.objectionDeadline).toBe('2027-01-04');
    const node = ok(await server.gql(MINE, {}, await authHeaders({ role: 'SUBJECT', subject: shortened.id })), 'mySeriousListEntries').edges[0].node;
    expect(node).toMatchObject({ objectionDeadline: '2027-01-04', objectionDeadlineProvisional: true });
    expect(node.noticeRights).toContain('2027年节假日安排尚未公布');
    clock = at('2026-12-28');
    lengthened = await build.legalPerson();
    // Monday 2026-12-28: 12-29..31, 01-04..08, 01-11, 01-12 on the provisional basis.
    expect((await build.notice(lengthened, listing)).objectionDeadline).toBe('2027-01-12');
  });

  it('accepts an objection and a repair application on Thursday 2026-12-24, due 2026-12-31 provisionally', async () => {
    clock = at('2026-06-01');
    recordCompany = await build.legalPerson();
    const objected = await penaltyOf(recordCompany, 901);
    const repaired = await penaltyOf(recordCompany, 902);
    clock = at('2026-12-24');
    const subject = await authHeaders({ role: 'SUBJECT', subject: recordCompany.id });
    const objection = ok(await server.gql(OBJECT, { input: { creditRecordId: objected.id, reason: '处罚决定已被复议机关撤销。' } }, subject), 'fileObjection');
    expect(objection).toMatchObject({ dueOn: '2026-12-31', dueOnProvisional: true });
    const repair = ok(await server.gql(REPAIR, {
      input: { creditRecordId: repaired.id, commitment: '本单位承诺所提交材料真实有效，如有虚假愿承担相应法律责任。', obligationsEvidence: '罚款已缴清。' },
    }, subject), 'applyForCreditRepair');
    expect(repair.dueOnProvisional).toBe(true);
  });

  it('after the provisional end, still takes the subject\'s objection and refuses the listing (CALENDAR_MISSING, 2027)', async () => {
    clock = at('2027-01-05');
    const decided = await server.gql(DECIDE, {
      input: { entryId: shortenedEntry, reasons: '经核查，当事人存在严重失信行为。', document: { kind: 'OTHER_STATUTORY', number: '测列〔2027〕1号', effectiveOn: '2027-01-05', title: '列入决定书', statutoryReference: { level: 'DEPARTMENT_RULE', title: '《市场监督管理严重违法失信名单管理办法》' } } },
    }, await dept());
    expect(codeOf(decided)).toBe('CALENDAR_MISSING');
    expect(decided.body.errors![0]!.extensions!.year).toBe(2027);
    const objection = ok(await server.gql(OBJECT, { input: { listEntryId: shortenedEntry, reason: '告知所列事实与实际不符。' } }, await authHeaders({ role: 'SUBJECT', subject: shortened.id })), 'fileObjection');
    expect(objection.dueOnProvisional).toBe(true);
  });

  it('still refuses what cannot be judged even provisionally: a limit into late December 2027 (CALENDAR_MISSING)', async () => {
    clock = at('2027-12-20');
    const res = await server.gql(NOTIFY, { input: { listType: listing.listType, reasons: '经核查，当事人存在严重失信行为。', ...(await build.legalPerson()).ref } }, await dept());
    expect(codeOf(res)).toBe('CALENDAR_MISSING');
    expect(messageOf(res)).toContain('国务院办公厅关于2027年部分节假日安排的通知');
  });

  it('on restart with the 2027 notice, makes every date exact and unmarked; a subject\'s window lengthens but is never shortened', async () => {
    const shipped = loadWorkingCalendar();
    const with2027 = calendarOf([...shipped.notices, FAKE_2027], shipped.statutoryData);
    const database = server.database;
    await server.app.close();
    clock = at('2027-01-06');
    server = await startTestServer({ seed: false, now: () => clock, database, calendar: with2027 });
    build = builder(server, { clock: { now: () => clock, set: (t) => { clock = t; } } });

    const own = await mine(recordCompany);
    // 12-25, 12-26 and 12-27 (worked), 12-28, 12-29: the agency's limit is the exact one, here earlier.
    expect(own.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({ dueOn: '2026-12-29', dueOnProvisional: false }));
    const repairs = ok(await server.gql(MINE, {}, await authHeaders({ role: 'SUBJECT', subject: recordCompany.id })), 'myRepairApplications');
    expect(repairs.edges[0].node.dueOnProvisional).toBe(false);

    const windowOf = async (company: BuiltSubject) =>
      ok(await server.gql(MINE, {}, await authHeaders({ role: 'SUBJECT', subject: company.id })), 'mySeriousListEntries').edges[0].node;
    // Exactly the window would close on 2026-12-30 (the weekend worked); the notice served said 2027-01-04: kept.
    expect(await windowOf(shortened)).toMatchObject({ objectionDeadline: '2027-01-04', objectionDeadlineProvisional: false });
    // 元旦 to 01-05 in the notice: 01-06..08, 01-11..14 — later than the provisional 01-12, so lengthened.
    expect(await windowOf(lengthened)).toMatchObject({ objectionDeadline: '2027-01-14', objectionDeadlineProvisional: false });
    // The objection filed on 2027-01-05 into the fake notice's days: 01-06, 01-07, 01-08, 01-11, 01-12.
    const entryObjection = (await mine(shortened)).edges[0].node;
    expect(entryObjection).toMatchObject({ dueOn: '2027-01-12', dueOnProvisional: false });
  });
});

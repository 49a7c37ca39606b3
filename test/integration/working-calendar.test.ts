/**
 * Working-day limits on the State Council's calendars, through the real server (issue 13): a
 * serious-list notice served on Monday 2026-09-28 gets the 10-working-day window of its list
 * type, closing on 2026-10-16 (国庆 off, Saturday 10-10 worked) — not 10-12, as a weekends-only
 * count gave — and the listing cannot be decided before; a limit running into 2027, whose
 * notice is not in the calendars, is refused with CALENDAR_MISSING naming the year, for a
 * notice, an objection and a repair application alike.
 */
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok } from '../support/responses';

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

describe('a limit running into a year without its holiday notice', () => {
  it('refuses a notice whose window would end in late December 2026 or in 2027 (CALENDAR_MISSING, year 2027)', async () => {
    clock = at('2026-12-21');
    const company = await build.legalPerson();
    const res = await server.gql(NOTIFY, { input: { listType: listing.listType, reasons: '经核查，当事人存在严重失信行为。', ...company.ref } }, await dept());
    expect(codeOf(res)).toBe('CALENDAR_MISSING');
    expect(res.body.errors![0]!.extensions!.year).toBe(2027);
    expect(messageOf(res)).toContain('国务院办公厅关于2027年部分节假日安排的通知');
    expect(messageOf(res)).toContain('working-calendars.yaml');
    const none = ok(await server.gql('{ mySeriousListEntries { totalCount } }', {}, await authHeaders({ role: 'SUBJECT', subject: company.id })), 'mySeriousListEntries');
    expect(none.totalCount).toBe(0);
  });

  it('refuses an objection and a repair application whose decision limit would run into 2027, and files nothing', async () => {
    clock = at('2026-06-01');
    const company = await build.legalPerson();
    const penalty = await build.penalty(company, {
      by: 'SAMR_320106', decisionDate: '2026-06-01',
      document: { kind: 'ADMINISTRATIVE_PENALTY', number: '宁鼓市监处罚〔2026〕901号', issuer: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-06-01' },
    });
    clock = at('2026-12-28');
    const subject = await authHeaders({ role: 'SUBJECT', subject: company.id });
    const objection = await server.gql('mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }', {
      input: { creditRecordId: penalty.id, reason: '处罚决定已被复议机关撤销。' },
    }, subject);
    expect(codeOf(objection)).toBe('CALENDAR_MISSING');
    expect(messageOf(objection)).toContain('2027');
    const repair = await server.gql('mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id } }', {
      input: { creditRecordId: penalty.id, commitment: '本单位承诺所提交材料真实有效，如有虚假愿承担相应法律责任。', obligationsEvidence: '罚款已缴清。' },
    }, subject);
    expect(codeOf(repair)).toBe('CALENDAR_MISSING');
    const filed = ok(await server.gql('{ myObjections { totalCount } myRepairApplications { totalCount } }', {}, subject), 'myObjections');
    expect(filed.totalCount).toBe(0);
  });
});

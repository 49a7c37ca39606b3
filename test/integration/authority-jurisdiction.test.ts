/**
 * Jurisdiction of the procedural powers (issue 11, item 4) through the real server: an agency
 * revokes, decides objections and repair applications about, and notifies, decides, removes or
 * drops listings of, only what it or an agency under it recorded or notified; it notifies only
 * subjects registered inside its area. Table-driven: acting agency × action × target recorded by
 * itself / a subordinate / a peer elsewhere / its superior → outcome; every refusal is FORBIDDEN,
 * names who may act, and leaves the database as it was. The cases are rows here:
 * SAMR_320106 (南京市鼓楼区) revoking a Guangzhou bureau's record, withdrawing a Tianjin bureau's
 * record through decideObjection, listing a Shenzhen company.
 *
 * Each row builds its own target through the API — a record the recorder made, an objection or
 * repair application its subject filed, a notice or listing the notifier made — so each starts
 * from a fresh ACTIVE record or open entry.
 */
import { eq, sql } from 'drizzle-orm';
import { creditRecords, objections, repairApplications, seriousListEntries } from '../../src/db/schema';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-01');
let server: TestServer;
let build: Builder;

const GULOU = 'SAMR_320106'; // 南京市鼓楼区市场监督管理局 (county)
const XUANWU = 'SAMR_320102'; // 南京市玄武区 (another county of the same city)
const NANJING = 'SAMR_320100'; // 南京市 (its city)
const JIANGSU = 'SAMR_320000'; // 江苏省 (its province)
const GUANGZHOU = 'SAMR_440100'; // 广州市 (a city of another province)
const GUANGDONG = 'SAMR_440000';
const TIANJIN_HEPING = 'SAMR_120101'; // 天津市和平区 (a county of another province)

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies(
    'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320102', 'SAMR_320106', 'SAMR_440000', 'SAMR_440100', 'SAMR_120000', 'SAMR_120101',
    'SPC', 'SPC_440000', 'SPC_440300', 'SPC_440305',
  );
}, 120_000);
afterAll(() => server.close());

const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'CREDIT_SUPERVISION');
const db = () => server.database.db;

/** A company registered in the agency's area: its own county, or a county of its city or province. */
const companyIn = (agency: string) => {
  const region = /_(\d{6})$/.exec(agency)?.[1] ?? '320106';
  return build.legalPerson({ region: region.endsWith('0000') ? `${region.slice(0, 2)}0106` : region.endsWith('00') ? `${region.slice(0, 4)}06` : region });
};

/** A fresh ACTIVE market-regulation penalty that `recorder` made, of a company of its area. */
async function recordBy(recorder: string): Promise<{ id: number; subject: BuiltSubject }> {
  const subject = await companyIn(recorder);
  // Decided in 2024: its minimum publication period has run, so its subject may apply for repair.
  const record = await build.penalty(subject, { by: recorder, decisionDate: '2024-03-18' });
  return { id: rowId(record.id), subject };
}

const recordRow = async (id: number) => (await db().select().from(creditRecords).where(eq(creditRecords.id, id)))[0]!;
const entryRow = async (id: number) => (await db().select().from(seriousListEntries).where(eq(seriousListEntries.id, id)))[0]!;

/** A NOTIFIED entry on the market-regulation list, notified by `notifier` on 2026-11-10: its objection window closed on 2026-11-24. */
async function noticeBy(notifier: string): Promise<number> {
  const today = clock;
  clock = at('2026-11-10');
  try {
    const notice = await build.notice(await companyIn(notifier), { listType: 'SAMR_SERIOUS_VIOLATION', by: notifier });
    expect(notice.objectionDeadline).toBe('2026-11-24');
    return rowId(notice.id);
  } finally {
    clock = today;
  }
}

/** A LISTED entry notified by `notifier`, listed in June 2025: more than the year before it may end early. */
async function listingBy(notifier: string): Promise<number> {
  return rowId((await build.listing(await companyIn(notifier), { listType: 'SAMR_SERIOUS_VIOLATION', by: notifier, notifiedOn: '2025-06-02' })).id);
}

/** What a refusal must look like: FORBIDDEN, naming the recorder, those above it and the caller. */
function expectRefused(res: GraphQLResponse, actor: string, recorder: string) {
  expect(codeOf(res)).toBe('FORBIDDEN');
  expect(messageOf(res)).toContain(`by ${recorder}; only it`);
  expect(messageOf(res)).toContain(`your agency ${actor} is not`);
}

// actor, recorder, how they relate, allowed
type Row = [actor: string, recorder: string, relation: string, allowed: boolean];
const ROWS: Row[] = [
  [GULOU, GULOU, 'itself', true],
  [NANJING, GULOU, 'a county under it', true],
  [JIANGSU, GULOU, 'a county two levels under it', true],
  [GULOU, GUANGZHOU, 'a peer in another city (Guangzhou)', false],
  [GULOU, TIANJIN_HEPING, 'a peer in another province (Tianjin)', false],
  [GULOU, NANJING, 'its superior', false],
  [GULOU, XUANWU, 'another county of its city', false],
  [GUANGDONG, GULOU, 'a county of another province', false],
];

describe('revokeCreditRecord', () => {
  const REVOKE = 'mutation($id: ID!, $reason: String!) { revokeCreditRecord(id: $id, reason: $reason) { id } }';

  it.each(ROWS)('%s revoking a record made by %s (%s) → allowed: %s', async (actor, recorder, _relation, allowed) => {
    const record = await recordBy(recorder);
    const before = await recordRow(record.id);
    const res = await server.gql(REVOKE, { id: opaque('CreditRecord', record.id), reason: '原处罚决定已被依法撤销。' }, await dept(actor));
    if (allowed) {
      expect(res.body.errors).toBeUndefined();
      expect((await recordRow(record.id)).status).toBe('REVOKED');
    } else {
      expectRefused(res, actor, recorder);
      expect(await recordRow(record.id)).toEqual(before);
    }
  });

  it('reproduces the issue: a Gulou county bureau revoking a Guangzhou bureau\'s record is refused, naming who may', async () => {
    const record = await recordBy(GUANGZHOU);
    const before = await recordRow(record.id);
    const res = await server.gql(REVOKE, { id: opaque('CreditRecord', record.id), reason: '撤销。' }, await dept(GULOU));
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toContain(`was made by SAMR_440100; only it or an agency above it (SAMR_440000, SAMR) revokes it; your agency SAMR_320106 is not`);
    expect(await recordRow(record.id)).toEqual(before);
  });
});

describe('decideObjection', () => {
  const DECIDE = 'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { id state outcome decidedBy } }';

  /** The record's subject objects to it (fileObjection), which flags it disputed. */
  async function objectionTo(record: { id: number; subject: BuiltSubject }): Promise<number> {
    const FILE = 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }';
    const input = { creditRecordId: opaque('CreditRecord', record.id), reason: '该处罚决定已被复议机关撤销。' };
    return rowId(ok(await server.gql(FILE, { input }, await authHeaders({ role: 'SUBJECT', subject: record.subject.id })), 'fileObjection').id);
  }
  const objectionRow = async (id: number) => (await db().select().from(objections).where(eq(objections.id, id)))[0]!;

  it.each(ROWS)('%s withdrawing publication of a record made by %s (%s) → allowed: %s', async (actor, recorder, _relation, allowed) => {
    const record = await recordBy(recorder);
    const id = await objectionTo(record);
    const [recordBefore, objectionBefore] = [await recordRow(record.id), await objectionRow(id)];
    const res = await server.gql(DECIDE, { input: { id: opaque('Objection', id), outcome: 'PUBLICATION_WITHDRAWN', response: '经核查，停止公示。' } }, await dept(actor));
    if (allowed) {
      expect(ok(res, 'decideObjection')).toMatchObject({ state: 'DECIDED', outcome: 'PUBLICATION_WITHDRAWN', decidedBy: actor });
      expect(await recordRow(record.id)).toMatchObject({ status: 'REVOKED', disputed: false });
    } else {
      expectRefused(res, actor, recorder);
      expect(await recordRow(record.id)).toEqual(recordBefore);
      expect(await objectionRow(id)).toEqual(objectionBefore);
    }
  });

  it('reproduces the issue: the Gulou bureau withdrawing a Tianjin bureau\'s record is refused and nothing changes', async () => {
    const record = await recordBy(TIANJIN_HEPING);
    const id = await objectionTo(record);
    const [recordBefore, objectionBefore] = [await recordRow(record.id), await objectionRow(id)];
    const res = await server.gql(DECIDE, { input: { id: opaque('Objection', id), outcome: 'PUBLICATION_WITHDRAWN', response: '经核查，停止公示。' } }, await dept(GULOU));
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toContain('was made by SAMR_120101; only it or an agency above it (SAMR_120000, SAMR) decides objections about it; your agency SAMR_320106 is not');
    expect(await recordRow(record.id)).toEqual(recordBefore);
    expect(await objectionRow(id)).toEqual(objectionBefore);
  });

  it('lists in each queue only the objections of its jurisdiction', async () => {
    const QUEUE = '{ objections(first: 100) { edges { node { id } } } }';
    const record = await recordBy(GUANGZHOU);
    const id = opaque('Objection', await objectionTo(record));
    const queue = async (agency: string) => ok(await server.gql(QUEUE, {}, await dept(agency)), 'objections').edges.map((e: any) => e.node.id);
    expect(await queue(GUANGZHOU)).toContain(id);
    expect(await queue(GUANGDONG)).toContain(id);
    expect(await queue(GULOU)).not.toContain(id);
    expect(await queue(JIANGSU)).not.toContain(id);
  });
});

describe('decideCreditRepair', () => {
  const DECIDE = 'mutation($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { id state decidedBy } }';

  /** The record's subject applies for its repair (applyForCreditRepair). */
  async function applicationFor(record: { id: number; subject: BuiltSubject }): Promise<number> {
    const APPLY = 'mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id } }';
    const input = {
      creditRecordId: opaque('CreditRecord', record.id), commitment: '本单位承诺所提交材料真实有效，如有虚假愿承担法律责任。', obligationsEvidence: '罚款已缴清，违法行为已整改。',
    };
    return rowId(ok(await server.gql(APPLY, { input }, await authHeaders({ role: 'SUBJECT', subject: record.subject.id })), 'applyForCreditRepair').id);
  }
  const applicationRow = async (id: number) => (await db().select().from(repairApplications).where(eq(repairApplications.id, id)))[0]!;

  it.each(ROWS)('%s approving repair of a record made by %s (%s) → allowed: %s', async (actor, recorder, _relation, allowed) => {
    const record = await recordBy(recorder);
    const id = await applicationFor(record);
    const [recordBefore, applicationBefore] = [await recordRow(record.id), await applicationRow(id)];
    const res = await server.gql(DECIDE, { input: { id: opaque('CreditRepairApplication', id), approve: true, treatment: 'MARKED', reason: '已履行义务并完成整改，准予修复。' } }, await dept(actor));
    if (allowed) {
      expect(ok(res, 'decideCreditRepair')).toMatchObject({ state: 'APPROVED', decidedBy: actor });
      expect(await recordRow(record.id)).toMatchObject({ status: 'REPAIRED', repairTreatment: 'MARKED' });
    } else {
      expectRefused(res, actor, recorder);
      expect(await recordRow(record.id)).toEqual(recordBefore);
      expect(await applicationRow(id)).toEqual(applicationBefore);
    }
  });

  it('lists in each queue only the applications of its jurisdiction', async () => {
    const QUEUE = '{ repairApplications(first: 100) { edges { node { id } } } }';
    const id = opaque('CreditRepairApplication', await applicationFor(await recordBy(GULOU)));
    const queue = async (agency: string) => ok(await server.gql(QUEUE, {}, await dept(agency)), 'repairApplications').edges.map((e: any) => e.node.id);
    expect(await queue(GULOU)).toContain(id);
    expect(await queue(NANJING)).toContain(id);
    expect(await queue(XUANWU)).not.toContain(id);
    expect(await queue(GUANGZHOU)).not.toContain(id);
  });
});

describe('the listing procedure', () => {
  const ENTRY = 'id state agencyCode';
  const NOTIFY = `mutation($input: NotifySeriousListingInput!) { notifySeriousListing(input: $input) { ${ENTRY} } }`;
  const DECIDE = `mutation($input: DecideSeriousListingInput!) { decideSeriousListing(input: $input) { ${ENTRY} } }`;
  const REMOVE = `mutation($input: RemoveFromSeriousListInput!) { removeFromSeriousList(input: $input) { ${ENTRY} } }`;
  const DROP = `mutation($input: DropSeriousListingInput!) { dropSeriousListing(input: $input) { ${ENTRY} } }`;
  const entryId = (id: number) => opaque('SeriousListEntry', id);
  let docSeq = 0;

  const entriesOf = async (subject: BuiltSubject) => db().select().from(seriousListEntries).where(eq(seriousListEntries.subjectId, subject.id)).orderBy(seriousListEntries.id);
  const recordCount = async () => Number((await db().select({ n: sql<number>`count(*)` }).from(creditRecords))[0]!.n);

  describe('notifying: the subject must be registered inside the notifying agency\'s area', () => {
    /** A company registered at the Nanjing city level, a Gulou shop, a Shenzhen company. */
    const subjects: Record<'nanjing' | 'gulou' | 'shenzhen', BuiltSubject> = {} as never;
    beforeAll(async () => {
      subjects.nanjing = await build.legalPerson({ region: '320100' });
      subjects.gulou = await build.individualBusiness({ region: '320106' });
      subjects.shenzhen = await build.legalPerson({ region: '440300' });
    });
    // actor, subject, where, allowed
    const NOTICES: Array<[string, keyof typeof subjects, string, boolean]> = [
      [GULOU, 'gulou', 'a Gulou shop, in its county', true],
      [GULOU, 'shenzhen', 'a Shenzhen company', false],
      [GULOU, 'nanjing', 'a company registered at the Nanjing city level', false],
      [NANJING, 'nanjing', 'a company of its city', true],
      [NANJING, 'shenzhen', 'a Shenzhen company', false],
      ['SAMR', 'shenzhen', 'a Shenzhen company, by the national bureau', true],
    ];

    it.each(NOTICES)('%s notifying the %s subject (%s) → allowed: %s', async (actor, which, _where, allowed) => {
      const subject = subjects[which];
      const before = await entriesOf(subject);
      const res = await server.gql(NOTIFY, {
        input: { listType: 'SAMR_SERIOUS_VIOLATION', subjectCode: subject.uscc, reasons: '提交虚假材料取得市场主体登记，情节严重。' },
      }, await dept(actor));
      if (allowed) {
        expect(ok(res, 'notifySeriousListing')).toMatchObject({ state: 'NOTIFIED', agencyCode: actor });
      } else {
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(messageOf(res)).toContain(`registered in region ${subject.regionCode}, outside the area of ${actor}`);
        expect(await entriesOf(subject)).toEqual(before);
      }
    });

    it('reproduces the issue: a Nanjing county office listing a Shenzhen company is refused, naming the areas that may', async () => {
      const company = subjects.shenzhen;
      const before = await entriesOf(company);
      const res = await server.gql(NOTIFY, { input: { listType: 'SAMR_SERIOUS_VIOLATION', subjectCode: company.uscc, reasons: '提交虚假材料。' } }, await dept(GULOU));
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(messageOf(res)).toContain('registered in region 440300, outside the area of SAMR_320106 (COUNTY, region codes 320106*); only a SAMR agency whose area contains it (440300, 440000, national)');
      expect(await entriesOf(company)).toEqual(before);
    });
  });

  it('lets an enforcing court list the debtor of its own case wherever the debtor is registered (the court list is not territorial)', async () => {
    // A Nanjing company with no open court-list procedure; the enforcing court is in Shenzhen.
    const debtor = await build.legalPerson({ region: '320106' });
    const res = await server.gql(NOTIFY, {
      input: { listType: 'COURT_DEFAULTER', subjectCode: debtor.uscc, reasons: '有履行能力而拒不履行生效法律文书确定的义务。' },
    }, await authHeaders({ role: 'DEPARTMENT', agency: 'SPC_440305' }, 'JOINT_PUNISHMENT'));
    expect(ok(res, 'notifySeriousListing')).toMatchObject({ state: 'NOTIFIED', agencyCode: 'SPC_440305' });
  });

  it.each(ROWS)('%s deciding the listing of a notice by %s (%s) → allowed: %s', async (actor, notifier, _relation, allowed) => {
    const id = await noticeBy(notifier);
    const [before, records] = [await entryRow(id), await recordCount()];
    docSeq += 1;
    const res = await server.gql(DECIDE, {
      input: {
        entryId: entryId(id), reasons: '经核查，当事人提交虚假材料取得市场主体登记，情节严重。',
        document: { kind: 'OTHER_STATUTORY', number: `管辖测试〔2026〕${docSeq}号`, effectiveOn: '2026-11-30', statutoryReference: { level: 'DEPARTMENT_RULE', title: '《市场监督管理严重违法失信名单管理办法》' } },
      },
    }, await dept(actor));
    if (allowed) {
      expect(ok(res, 'decideSeriousListing')).toMatchObject({ state: 'LISTED' });
      expect(await recordCount()).toBe(records + 1);
    } else {
      expectRefused(res, actor, notifier);
      expect(await entryRow(id)).toEqual(before);
      expect(await recordCount()).toBe(records);
    }
  });

  it.each(ROWS)('%s removing a listing notified by %s (%s) → allowed: %s', async (actor, notifier, _relation, allowed) => {
    const id = await listingBy(notifier);
    const before = await entryRow(id);
    const res = await server.gql(REMOVE, { input: { entryId: entryId(id), reason: 'CONDITIONS_MET', note: '已改正违法行为并履行法定义务。' } }, await dept(actor));
    if (allowed) {
      expect(ok(res, 'removeFromSeriousList')).toMatchObject({ state: 'REMOVED' });
    } else {
      expectRefused(res, actor, notifier);
      expect(await entryRow(id)).toEqual(before);
    }
  });

  it.each(ROWS)('%s dropping a notice by %s (%s) → allowed: %s', async (actor, notifier, _relation, allowed) => {
    const id = await noticeBy(notifier);
    const before = await entryRow(id);
    const res = await server.gql(DROP, { input: { entryId: entryId(id), reason: '经核查，违法事实不能成立。' } }, await dept(actor));
    if (allowed) {
      expect(ok(res, 'dropSeriousListing')).toMatchObject({ state: 'DROPPED' });
    } else {
      expectRefused(res, actor, notifier);
      expect(await entryRow(id)).toEqual(before);
    }
  });

  it('shows a department only the entries its jurisdiction notified', async () => {
    const ENTRIES = '{ seriousListEntries(listType: "SAMR_SERIOUS_VIOLATION", state: NOTIFIED, first: 100) { totalCount edges { node { id } } } }';
    const id = entryId(await noticeBy(GULOU));
    const seen = async (agency: string) => ok(await server.gql(ENTRIES, {}, await dept(agency)), 'seriousListEntries').edges.map((e: any) => e.node.id);
    expect(await seen(GULOU)).toContain(id);
    expect(await seen(NANJING)).toContain(id);
    expect(await seen(XUANWU)).not.toContain(id);
    expect(await seen(GUANGZHOU)).not.toContain(id);
  });
});

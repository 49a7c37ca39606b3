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
 * Targets are seed records and entries re-attributed to the recorder a row needs, so each row
 * starts from a fresh ACTIVE record or open entry.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { creditRecords, objections, repairApplications, seriousListEntries, subjects } from '../../src/db/schema';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf, ok, opaque } from '../support/responses';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
const clock = at('2026-12-01');
let server: TestServer;
let pool: Array<{ id: number; subjectId: number }> = [];

const GULOU = 'SAMR_320106'; // 南京市鼓楼区市场监督管理局 (county)
const XUANWU = 'SAMR_320102'; // 南京市玄武区 (another county of the same city)
const NANJING = 'SAMR_320100'; // 南京市 (its city)
const JIANGSU = 'SAMR_320000'; // 江苏省 (its province)
const GUANGZHOU = 'SAMR_440100'; // 广州市 (a city of another province)
const GUANGDONG = 'SAMR_440000';
const TIANJIN_HEPING = 'SAMR_120101'; // 天津市和平区 (a county of another province)

beforeAll(async () => {
  server = await startTestServer({ subjects: 60, now: () => clock });
  const catalog = server.app.services.catalog;
  // Records of SAMR's own items (not list records), no procedure on them yet: fresh targets.
  const items = catalog.allItems().filter((i) => i.provider === 'SAMR' && !catalog.listTypeHolding(i.code)).map((i) => i.id);
  pool = await server.database.db.select({ id: creditRecords.id, subjectId: creditRecords.subjectId }).from(creditRecords).where(and(
    eq(creditRecords.status, 'ACTIVE'),
    inArray(creditRecords.catalogItemId, items),
    sql`NOT EXISTS (SELECT 1 FROM serious_list_entries e WHERE e.credit_record_id = ${creditRecords.id})`,
    sql`NOT EXISTS (SELECT 1 FROM objections o WHERE o.credit_record_id = ${creditRecords.id})`,
    sql`NOT EXISTS (SELECT 1 FROM repair_applications a WHERE a.credit_record_id = ${creditRecords.id})`,
  )).orderBy(creditRecords.id);
}, 120_000);
afterAll(() => server.close());

const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'CREDIT_SUPERVISION');
const db = () => server.database.db;

/** A fresh ACTIVE record, as if `recorder` had made it. */
async function recordBy(recorder: string): Promise<{ id: number; subjectId: number }> {
  const next = pool.shift();
  if (!next) throw new Error('the seed has run out of fresh SAMR records; raise subjects');
  await db().update(creditRecords).set({ agencyCode: recorder }).where(eq(creditRecords.id, next.id));
  return next;
}

const recordRow = async (id: number) => (await db().select().from(creditRecords).where(eq(creditRecords.id, id)))[0]!;
const entryRow = async (id: number) => (await db().select().from(seriousListEntries).where(eq(seriousListEntries.id, id)))[0]!;

/** A NOTIFIED entry on the market-regulation list whose objection window closed on 2026-11-24, notified by `notifier`. */
async function noticeBy(notifier: string): Promise<number> {
  const [row] = await db().insert(seriousListEntries).values({
    listTypeCode: 'SAMR_SERIOUS_VIOLATION', subjectId: 1, agencyCode: notifier, noticeReasons: '拟列入：提交虚假材料取得登记。',
    noticeBasis: '《市场监督管理严重违法失信名单管理办法》', noticeRights: '可在期限内提出异议。', notifiedAt: at('2026-11-10'), objectionDeadline: '2026-11-24',
  }).returning();
  return row!.id;
}

/** A LISTED entry (a copy of a seed listing's decision, without its record), notified by `notifier`. */
async function listingBy(notifier: string): Promise<number> {
  const [seed] = await db().select().from(seriousListEntries).where(eq(seriousListEntries.state, 'LISTED')).limit(1);
  const { id: _id, creditRecordId: _record, ...decision } = seed!;
  const [row] = await db().insert(seriousListEntries).values({ ...decision, agencyCode: notifier, listedUntil: '2029-11-30', creditRecordId: null }).returning();
  return row!.id;
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

  async function objectionTo(record: { id: number; subjectId: number }): Promise<number> {
    const [row] = await db().insert(objections).values({
      subjectId: record.subjectId, creditRecordId: record.id, reason: '该处罚决定已被复议机关撤销。', filedAt: clock, dueAt: at('2026-12-08'),
    }).returning();
    await db().update(creditRecords).set({ disputed: true }).where(eq(creditRecords.id, record.id));
    return row!.id;
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

  async function applicationFor(record: { id: number; subjectId: number }): Promise<number> {
    const [row] = await db().insert(repairApplications).values({
      subjectId: record.subjectId, creditRecordId: record.id, commitment: '本单位承诺所提交材料真实有效，如有虚假愿承担法律责任。',
      obligationsEvidence: '罚款已缴清，违法行为已整改。', filedAt: clock, dueAt: at('2026-12-04'),
    }).returning();
    return row!.id;
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

  const entriesOf = async (subjectId: number) => db().select().from(seriousListEntries).where(eq(seriousListEntries.subjectId, subjectId)).orderBy(seriousListEntries.id);
  const recordCount = async () => Number((await db().select({ n: sql<number>`count(*)` }).from(creditRecords))[0]!.n);
  /** Ends the subject's open procedures on the list, so that a new notice is possible. */
  const clearOpen = (subjectId: number) => db().update(seriousListEntries).set({ state: 'DROPPED', droppedAt: clock, dropReason: '（测试准备）' })
    .where(and(eq(seriousListEntries.subjectId, subjectId), eq(seriousListEntries.listTypeCode, 'SAMR_SERIOUS_VIOLATION'), inArray(seriousListEntries.state, ['NOTIFIED', 'OBJECTED', 'LISTED'])));

  describe('notifying: the subject must be registered inside the notifying agency\'s area', () => {
    // actor, subject id (sample subjects: 1 南京 320100, 2 鼓楼 320106, 5 深圳 440300), where, allowed
    const NOTICES: Array<[string, number, string, boolean]> = [
      [GULOU, 2, 'a Gulou shop, in its county', true],
      [GULOU, 5, 'a Shenzhen company', false],
      [GULOU, 1, 'a company registered at the Nanjing city level', false],
      [NANJING, 1, 'a company of its city', true],
      [NANJING, 5, 'a Shenzhen company', false],
      ['SAMR', 5, 'a Shenzhen company, by the national bureau', true],
    ];

    it.each(NOTICES)('%s notifying subject %s (%s) → allowed: %s', async (actor, subjectId, _where, allowed) => {
      const [subject] = await db().select().from(subjects).where(eq(subjects.id, subjectId));
      if (allowed) await clearOpen(subjectId);
      const before = await entriesOf(subjectId);
      const res = await server.gql(NOTIFY, {
        input: { listType: 'SAMR_SERIOUS_VIOLATION', subjectCode: subject!.uscc, reasons: '提交虚假材料取得市场主体登记，情节严重。' },
      }, await dept(actor));
      if (allowed) {
        expect(ok(res, 'notifySeriousListing')).toMatchObject({ state: 'NOTIFIED', agencyCode: actor });
      } else {
        expect(codeOf(res)).toBe('FORBIDDEN');
        expect(messageOf(res)).toContain(`registered in region ${subject!.regionCode}, outside the area of ${actor}`);
        expect(await entriesOf(subjectId)).toEqual(before);
      }
    });

    it('reproduces the issue: a Nanjing county office listing a Shenzhen company is refused, naming the areas that may', async () => {
      const before = await entriesOf(5);
      const [company] = await db().select().from(subjects).where(eq(subjects.id, 5));
      const res = await server.gql(NOTIFY, { input: { listType: 'SAMR_SERIOUS_VIOLATION', subjectCode: company!.uscc, reasons: '提交虚假材料。' } }, await dept(GULOU));
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(messageOf(res)).toContain('registered in region 440300, outside the area of SAMR_320106 (COUNTY, region codes 320106*); only a SAMR agency whose area contains it (440300, 440000, national)');
      expect(await entriesOf(5)).toEqual(before);
    });
  });

  it('lets an enforcing court list the debtor of its own case wherever the debtor is registered (the court list is not territorial)', async () => {
    // A Nanjing company with no open court-list procedure; the enforcing court is in Shenzhen.
    const [debtor] = await db().select().from(subjects).where(and(
      eq(subjects.kind, 'LEGAL_PERSON'), sql`${subjects.regionCode} LIKE '32%'`,
      sql`NOT EXISTS (SELECT 1 FROM serious_list_entries e WHERE e.subject_id = ${subjects.id} AND e.list_type_code = 'COURT_DEFAULTER')`,
    )).limit(1);
    const res = await server.gql(NOTIFY, {
      input: { listType: 'COURT_DEFAULTER', subjectCode: debtor!.uscc, reasons: '有履行能力而拒不履行生效法律文书确定的义务。' },
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

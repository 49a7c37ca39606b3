/**
 * The serious-dishonesty-list procedure (49号 四(六)–(八)) through the real server: notice with
 * an objection window in working days, listing only after it and with no objection pending,
 * the list record the public then sees, removal, dropping, derived expiry — with an injected
 * clock. The subjects, their court listing and their objections are built through the API.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ListType } from '../../src/catalog/measures.schema';
import { creditRecords, creditRecordVersions, seriousListEntries } from '../../src/db/schema';
import { decodeListEntryId } from '../../src/modules/serious-list/opaque-id';
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';
import { shippedCalendarAssuming } from '../support/calendars';
import { databaseWork } from '../../src/modules/database-work';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-01'); // a Tuesday: ten working days later is Tuesday 2026-12-15
let server: TestServer;
let build: Builder;
/** A Nanjing company (city level); a Gulou shop; a Shenzhen firm on no list; a person on the court list; a firm on the market-regulation list. */
let steel: BuiltSubject;
let shop: BuiltSubject;
let shenzhen: BuiltSubject;
let wang: BuiltSubject;
let listedFirm: BuiltSubject;
let STEEL = '';
let SHENZHEN = '';

beforeAll(async () => {
  // The story runs into 2027–2030, whose holiday notices are not shipped: weekends only, as a test calendar.
  server = await startTestServer({ seed: false, now: () => clock, calendar: shippedCalendarAssuming([2027, 2028, 2029, 2030]) });
  build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320106', 'SAMR_440000', 'SAMR_440300', 'STA', 'STA_320000', 'STA_320100', 'SPC', 'SPC_320000', 'SPC_320100', 'NDRC');
  await build.agency({ code: 'SAMR_320100', name: '南京市市场监督管理局', system: 'SAMR', level: 'PREFECTURE', region: '320100' });
  await build.agency({ code: 'SPC_320106', name: '南京市鼓楼区人民法院', system: 'SPC', level: 'COUNTY', region: '320106', kind: 'COURT' });
  steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  shop = await build.individualBusiness({ region: '320106' });
  shenzhen = await build.legalPerson({ region: '440300' });
  wang = await build.naturalPerson({ name: '王建军', region: '320106' });
  listedFirm = await build.legalPerson({ region: '320106' });
  [STEEL, SHENZHEN] = [steel.uscc!, shenzhen.uscc!];
  await build.listing(wang, { listType: 'COURT_DEFAULTER', by: 'SPC_320106', notifiedOn: '2026-11-02' });
  await build.listing(listedFirm, { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320106', notifiedOn: '2026-11-02' });
}, 120_000);
afterAll(() => server.close());

const ENTRY = `fragment E on SeriousListEntry {
  id listType state stateDerived objectionDeadline objectionPending noticeReasons noticeBasis noticeRights agencyCode
  removalReason removalNote removedOn dropReason
  decision { documentNumber effectiveOn reasons basis measuresNotice removalConditions removalProcedure remedies listedUntil creditRecordId }
}`;
const NOTIFY = `mutation($input: NotifySeriousListingInput!) { notifySeriousListing(input: $input) { ...E } } ${ENTRY}`;
const DECIDE = `mutation($input: DecideSeriousListingInput!) { decideSeriousListing(input: $input) { ...E } } ${ENTRY}`;
const REMOVE = `mutation($input: RemoveFromSeriousListInput!) { removeFromSeriousList(input: $input) { ...E } } ${ENTRY}`;
const DROP = `mutation($input: DropSeriousListingInput!) { dropSeriousListing(input: $input) { ...E } } ${ENTRY}`;
const ENTRIES = `query($listType: String, $state: ListEntryState) { seriousListEntries(listType: $listType, state: $state, first: 100) { totalCount edges { node { ...E } } } } ${ENTRY}`;
const MINE = `{ mySeriousListEntries { totalCount edges { node { ...E } } } } ${ENTRY}`;
const PUBLIC_LIST = `query($listType: String, $first: Int, $after: String) { seriousLists(listType: $listType, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { listType listName subject { name uscc } record { id recordStatus publicationEnd
    ... on SeriousListRecord { listName reasons decisionDocumentNumber decidingAuthority }
    ... on CourtEnforcementRecord { caseNumber court respondentIdNumber sex } } } } } }`;

const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'CREDIT_SUPERVISION');

async function notify(agency: string, input: Record<string, unknown>) {
  return server.gql(NOTIFY, { input: { listType: 'SAMR_SERIOUS_VIOLATION', reasons: '提交虚假材料取得市场主体登记，情节严重。', ...input } }, await dept(agency));
}

let docSeq = 0;
function decision(entryId: string, effectiveOn: string, extra: Record<string, unknown> = {}) {
  docSeq += 1;
  return {
    entryId, reasons: '经核查，当事人提交虚假材料取得市场主体登记，情节严重。',
    document: { kind: 'OTHER_STATUTORY', number: `宁鼓市监列严〔2026〕${docSeq}号`, effectiveOn, title: '列入严重违法失信名单决定书', statutoryReference: { level: 'DEPARTMENT_RULE', title: '《市场监督管理严重违法失信名单管理办法》' } },
    ...extra,
  };
}

/** A natural person's registration fields are denied to the public: those errors only are expected. */
function listingOf(res: GraphQLResponse) {
  const unexpected = res.body.errors?.filter((e) => !(e.path?.includes('subject') && e.extensions?.code === 'FORBIDDEN')) ?? [];
  if (unexpected.length) throw new Error(JSON.stringify(unexpected));
  return res.body.data!.seriousLists;
}

async function publicListing(listType: string) {
  return listingOf(await server.gql(PUBLIC_LIST, { listType, first: 100 }));
}

/** The subject objects to the notice (fileObjection): the entry becomes OBJECTED. */
async function fileObjection(entryId: string, subject: BuiltSubject) {
  const FILE = 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }';
  return ok(await server.gql(FILE, { input: { listEntryId: entryId, reason: '对拟列入的事实认定有异议。' } }, await authHeaders({ role: 'SUBJECT', subject: subject.id })), 'fileObjection').id as string;
}

/** The notifying agency rejects the objection: the entry is NOTIFIED again. */
async function rejectObjection(objectionId: string, agency: string) {
  const DECIDE_OBJECTION = 'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { id } }';
  ok(await server.gql(DECIDE_OBJECTION, { input: { id: objectionId, outcome: 'REJECTED', response: '异议不成立。' } }, await dept(agency)), 'decideObjection');
}

describe('notifying a subject of an intended listing', () => {
  let entryId: string;

  it('opens a NOTIFIED entry with reasons, basis, rights and an objection deadline ten working days out', async () => {
    clock = at('2026-12-01');
    const entry = ok(await notify('SAMR_320100', { subjectCode: STEEL }), 'notifySeriousListing');
    entryId = entry.id;
    expect(entry).toMatchObject({ listType: 'SAMR_SERIOUS_VIOLATION', state: 'NOTIFIED', objectionDeadline: '2026-12-15', agencyCode: 'SAMR_320100', decision: null });
    expect(entry.noticeBasis).toContain('企业信息公示暂行条例');
    expect(entry.noticeRights).toContain('2026-12-15');
    expect(entry.noticeRights).toContain('异议');
    const seen = await server.gql('{ seriousListEntries(state: NOTIFIED, first: 100) { edges { node { id subject { name uscc } } } } }', {}, await dept('SAMR_320100'));
    expect(ok(seen, 'seriousListEntries').edges).toContainEqual({ node: { id: entryId, subject: { name: '南京钢铁联合有限公司', uscc: STEEL } } });
  });

  it('refuses a second notice on the same list while the first is open (INVALID_TRANSITION)', async () => {
    const res = await notify('SAMR_320100', { subjectCode: STEEL });
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toContain(entryId);
  });

  it('refuses a subject already LISTED on the list (the court-list debtor) with INVALID_TRANSITION', async () => {
    const res = await notify('SPC_320106', { listType: 'COURT_DEFAULTER', subjectIdNumber: wang.idNumber });
    expect(codeOf(res)).toBe('INVALID_TRANSITION');
    expect(messageOf(res)).toContain('LISTED');
  });

  it('is refused to an agency of another system (FORBIDDEN) and to a township office (NOT_ELIGIBLE, 四(八))', async () => {
    expect(codeOf(await notify('STA_320100', { subjectCode: STEEL }))).toBe('FORBIDDEN');
    await build.agency({ code: 'SAMR_320106_NHL', name: '南京市鼓楼区市场监督管理局宁海路市场监管所', level: 'TOWNSHIP', system: 'SAMR', region: '320106' });
    const res = await notify('SAMR_320106_NHL', { subjectCode: SHENZHEN });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toContain('四(八)');
  });

  it('is refused for a list type the law does not allow (NOT_IN_CATALOG) and for a subject kind the list does not cover (NOT_ELIGIBLE)', async () => {
    expect(codeOf(await notify('SAMR_320100', { listType: 'SAMR_BLACKLIST', subjectCode: STEEL }))).toBe('NOT_IN_CATALOG');
    const res = await notify('SAMR_320100', { subjectIdNumber: wang.idNumber });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toContain('NATURAL_PERSON');
  });

  it('is refused before the list\'s standard is published (NOT_ELIGIBLE, 四(七))', async () => {
    clock = at('2021-06-01'); // the tax list's standard is published on 2021-12-31
    const res = await notify('STA_320100', { listType: 'MAJOR_TAX_VIOLATION', subjectCode: STEEL });
    clock = at('2026-12-01');
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toMatch(/2021-12-31.*四\(七\)/);
  });

  it('is refused when the standard records a comment period shorter than 30 days (NOT_ELIGIBLE, 四(七))', async () => {
    // The services' catalog (live: reloaded at start-up), not the one the test server was built from.
    const type = server.app.services.catalog.bundle.listTypes.find((t) => t.code === 'SAMR_SERIOUS_VIOLATION') as { standard: ListType['standard'] };
    const kept = type.standard;
    type.standard = { ...kept, commentPeriod: { from: '2021-03-01', to: '2021-03-20' } };
    try {
      const res = await notify('SAMR_320100', { subjectCode: SHENZHEN });
      expect(codeOf(res)).toBe('NOT_ELIGIBLE');
      expect(messageOf(res)).toContain('20 days');
    } finally {
      type.standard = kept;
    }
  });

  it('is refused to the public and to subjects (FORBIDDEN)', async () => {
    const input = { listType: 'SAMR_SERIOUS_VIOLATION', subjectCode: STEEL, reasons: 'x' };
    expect(codeOf(await server.gql(NOTIFY, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(NOTIFY, { input }, await authHeaders({ role: 'SUBJECT', subject: steel.id })))).toBe('FORBIDDEN');
  });

  describe('then deciding the listing', () => {
    it('is refused until the objection deadline has passed, on the deadline day too (INVALID_TRANSITION naming it)', async () => {
      for (const day of ['2026-12-02', '2026-12-15']) {
        clock = at(day);
        const res = await server.gql(DECIDE, { input: decision(entryId, day) }, await dept('SAMR_320100'));
        expect(codeOf(res)).toBe('INVALID_TRANSITION');
        expect(messageOf(res)).toContain('2026-12-15');
      }
    });

    let objectionId: string;

    it('is refused while an objection is pending, which the subject sees as OBJECTED', async () => {
      clock = at('2026-12-10');
      objectionId = await fileObjection(entryId, steel);
      const mine = ok(await server.gql(MINE, {}, await authHeaders({ role: 'SUBJECT', subject: steel.id })), 'mySeriousListEntries');
      expect(mine.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({ id: entryId, state: 'OBJECTED', objectionPending: true }));
      clock = at('2026-12-16');
      const res = await server.gql(DECIDE, { input: decision(entryId, '2026-12-16') }, await dept('SAMR_320100'));
      expect(codeOf(res)).toBe('INVALID_TRANSITION');
      expect(messageOf(res)).toContain('objection');
    });

    it('is refused to another system (FORBIDDEN) and on a document dated inside the objection window (BAD_USER_INPUT)', async () => {
      await rejectObjection(objectionId, 'SAMR_320100');
      expect(codeOf(await server.gql(DECIDE, { input: decision(entryId, '2026-12-16') }, await dept('STA_320100')))).toBe('FORBIDDEN');
      const early = await server.gql(DECIDE, { input: decision(entryId, '2026-12-15') }, await dept('SAMR_320100'));
      expect(codeOf(early)).toBe('BAD_USER_INPUT');
      expect(messageOf(early)).toContain('objection deadline');
    });

    it('lists the subject once the window has passed, with the decision\'s elements and a record the public sees', async () => {
      const before = await publicListing('SAMR_SERIOUS_VIOLATION');
      const listed = ok(await server.gql(DECIDE, { input: decision(entryId, '2026-12-16') }, await dept('SAMR_320100')), 'decideSeriousListing');
      expect(listed).toMatchObject({ state: 'LISTED', decision: { effectiveOn: '2026-12-16', listedUntil: '2029-12-16' } });
      expect(listed.decision.measuresNotice).toContain('三年内不得担任其他企业的法定代表人');
      expect(listed.decision.removalConditions).toContain('列入满一年');
      expect(listed.decision.remedies).toContain('行政复议');
      const after = await publicListing('SAMR_SERIOUS_VIOLATION');
      expect(after.totalCount).toBe(before.totalCount + 1);
      const line = after.edges.map((e: any) => e.node).find((n: any) => n.subject?.uscc === STEEL);
      expect(line).toMatchObject({
        listName: '市场监督管理严重违法失信名单', subject: { name: '南京钢铁联合有限公司' },
        record: { id: listed.decision.creditRecordId, recordStatus: 'ACTIVE', publicationEnd: '2029-12-16', decidingAuthority: '南京市市场监督管理局' },
      });
      const profile = await server.gql(`{ subject(code: "${STEEL}") { profile { seriousLists { totalCount edges { node { id } } } } } }`);
      expect(profile.body.data?.subject.profile.seriousLists.edges).toContainEqual({ node: { id: listed.decision.creditRecordId } });
    });

    it('cannot be decided twice (INVALID_TRANSITION)', async () => {
      expect(codeOf(await server.gql(DECIDE, { input: decision(entryId, '2026-12-16') }, await dept('SAMR_320100')))).toBe('INVALID_TRANSITION');
    });

    it('is shown to the deciding system and auditors, not to another system or another subject', async () => {
      const samr = ok(await server.gql(ENTRIES, { listType: 'SAMR_SERIOUS_VIOLATION', state: 'LISTED' }, await dept('SAMR_320100')), 'seriousListEntries');
      expect(samr.edges.map((e: any) => e.node.id)).toContain(entryId);
      expect(samr.totalCount).toBe(samr.edges.length);
      const audit = ok(await server.gql(ENTRIES, { state: 'LISTED' }, await authHeaders({ role: 'AUDITOR', agency: 'NDRC' })), 'seriousListEntries');
      expect(audit.edges.map((e: any) => e.node.id)).toContain(entryId);
      expect(codeOf(await server.gql(ENTRIES, { listType: 'SAMR_SERIOUS_VIOLATION' }, await dept('STA_320100')))).toBe('FORBIDDEN');
      const sta = ok(await server.gql(ENTRIES, {}, await dept('STA_320100')), 'seriousListEntries');
      expect(sta.edges.every((e: any) => e.node.listType === 'MAJOR_TAX_VIOLATION')).toBe(true);
      const other = ok(await server.gql(MINE, {}, await authHeaders({ role: 'SUBJECT', subject: shop.id })), 'mySeriousListEntries');
      expect(other.edges.map((e: any) => e.node.id)).not.toContain(entryId);
    });
  });

  describe('then removing it', () => {
    it('refuses EXPIRED before the period ends (NOT_ELIGIBLE) and REPAIRED outside the repair procedure (BAD_USER_INPUT)', async () => {
      clock = at('2027-01-05');
      const expired = await server.gql(REMOVE, { input: { entryId, reason: 'EXPIRED', note: '期满' } }, await dept('SAMR_320100'));
      expect(codeOf(expired)).toBe('NOT_ELIGIBLE');
      expect(messageOf(expired)).toContain('2029-12-16');
      const repaired = await server.gql(REMOVE, { input: { entryId, reason: 'REPAIRED', note: '已修复' } }, await dept('SAMR_320100'));
      expect(codeOf(repaired)).toBe('BAD_USER_INPUT');
    });

    it('refuses removal on conditions met before the list\'s 列入满一年 (EARLY_REMOVAL_TOO_SOON)', async () => {
      const early = await server.gql(REMOVE, { input: { entryId, reason: 'CONDITIONS_MET', note: '已改正违法行为并履行法定义务。' } }, await dept('SAMR_320100'));
      expect(codeOf(early)).toBe('EARLY_REMOVAL_TOO_SOON');
      expect(messageOf(early)).toContain('only from 2027-12-16');
    });

    it('removes it when conditions are met a year on: the record leaves the public listing the same day', async () => {
      clock = at('2027-12-16');
      const before = await publicListing('SAMR_SERIOUS_VIOLATION');
      const removed = ok(await server.gql(REMOVE, { input: { entryId, reason: 'CONDITIONS_MET', note: '已改正违法行为并履行法定义务。' } }, await dept('SAMR_320100')), 'removeFromSeriousList');
      expect(removed).toMatchObject({ state: 'REMOVED', removalReason: 'CONDITIONS_MET', removalNote: '已改正违法行为并履行法定义务。', removedOn: '2027-12-16' });
      const after = await publicListing('SAMR_SERIOUS_VIOLATION');
      expect(after.totalCount).toBe(before.totalCount - 1);
      expect(after.edges.map((e: any) => e.node.subject?.uscc)).not.toContain(STEEL);
      const [record] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(removed.decision.creditRecordId)));
      expect(record).toMatchObject({ status: 'ACTIVE', publishUntil: '2027-12-15' });
    });

    it('cannot remove it twice (INVALID_TRANSITION)', async () => {
      const res = await server.gql(REMOVE, { input: { entryId, reason: 'CONDITIONS_MET', note: 'again' } }, await dept('SAMR_320100'));
      expect(codeOf(res)).toBe('INVALID_TRANSITION');
    });
  });
});

describe('dropping a procedure', () => {
  it('ends a NOTIFIED entry with its reason, and nothing follows from a dropped one (INVALID_TRANSITION)', async () => {
    clock = at('2027-01-06');
    const entry = ok(await notify('SAMR_440300', { subjectCode: SHENZHEN }), 'notifySeriousListing');
    const dropped = ok(await server.gql(DROP, { input: { entryId: entry.id, reason: '经核查，违法事实不能成立。' } }, await dept('SAMR_440300')), 'dropSeriousListing');
    expect(dropped).toMatchObject({ state: 'DROPPED', dropReason: '经核查，违法事实不能成立。' });
    expect(codeOf(await server.gql(DROP, { input: { entryId: entry.id, reason: 'again' } }, await dept('SAMR_440300')))).toBe('INVALID_TRANSITION');
    clock = at('2027-02-01');
    expect(codeOf(await server.gql(DECIDE, { input: decision(entry.id, '2027-02-01') }, await dept('SAMR_440300')))).toBe('INVALID_TRANSITION');
    expect(codeOf(await server.gql(REMOVE, { input: { entryId: entry.id, reason: 'CONDITIONS_MET', note: 'x' } }, await dept('SAMR_440300')))).toBe('INVALID_TRANSITION');
  });

  it('does not drop a LISTED entry (INVALID_TRANSITION)', async () => {
    const [listed] = await server.database.db.select({ id: seriousListEntries.id, agencyCode: seriousListEntries.agencyCode }).from(seriousListEntries)
      .where(and(eq(seriousListEntries.subjectId, listedFirm.id), eq(seriousListEntries.state, 'LISTED')));
    const id = opaque('SeriousListEntry', listed!.id);
    expect(codeOf(await server.gql(DROP, { input: { entryId: id, reason: 'x' } }, await dept(listed!.agencyCode)))).toBe('INVALID_TRANSITION');
  });
});

describe('concurrent decisions', () => {
  it('let exactly one of two simultaneous notices and one of two simultaneous listings take effect', async () => {
    clock = at('2027-03-01');
    const code = SHENZHEN;
    const [a, b] = await Promise.all([notify('SAMR_440300', { subjectCode: code }), notify('SAMR_440300', { subjectCode: code })]);
    const notified = [a, b].filter((r) => !r.body.errors);
    expect(notified).toHaveLength(1);
    expect(codeOf([a, b].find((r) => r.body.errors)!)).toBe('INVALID_TRANSITION');
    const entryId = notified[0]!.body.data!.notifySeriousListing.id;
    clock = at('2027-03-20');
    const decided = await Promise.all([1, 2].map(async () => server.gql(DECIDE, { input: decision(entryId, '2027-03-20') }, await dept('SAMR_440300'))));
    expect(decided.filter((r) => !r.body.errors)).toHaveLength(1);
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(codeOf(decided.find((r) => r.body.errors)!));
    const id = decodeListEntryId(entryId);
    const rows = await server.database.db.execute(sql`SELECT count(*)::int AS n FROM credit_records r JOIN serious_list_entries e ON e.credit_record_id = r.id WHERE e.id = ${id}`);
    expect(JSON.stringify(rows)).toContain('"n":1');
  });
});

describe('the court list', () => {
  let entryId: string;
  let idNumber: string;

  it('lists a natural person on a court decision with the case facts; the public sees the record with the ID number masked', async () => {
    const person = await build.naturalPerson({ region: '320106' });
    idNumber = person.idNumber!;
    // The court of the person's own county: a court lists only persons inside its area.
    const court = { code: 'SPC_320106', name: '南京市鼓楼区人民法院' };
    clock = at('2027-04-01');
    const entry = ok(await notify(court.code, { listType: 'COURT_DEFAULTER', subjectIdNumber: idNumber, reasons: '有履行能力而拒不履行生效法律文书确定的义务' }), 'notifySeriousListing');
    entryId = entry.id;
    clock = at('2027-04-20');
    const doc = { kind: 'JUDGMENT', number: '（2027）苏0106执123号', effectiveOn: '2027-04-20', title: '决定书（纳入失信被执行人名单）' };
    const missing = await server.gql(DECIDE, { input: { entryId, reasons: '有履行能力而拒不履行', document: doc } }, await dept(court.code));
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    expect(messageOf(missing)).toContain('courtCase');
    const courtCase = {
      caseNumber: '（2027）苏0106执123号', enforcementBasisNumber: '（2026）苏0106民初456号', enforcementBasisIssuer: '南京市鼓楼区人民法院',
      obligation: '支付货款人民币50,000元及利息。', performance: '全部未履行', filedOn: '2027-01-10',
    };
    ok(await server.gql(DECIDE, { input: { entryId, reasons: '有履行能力而拒不履行', document: doc, courtCase } }, await dept(court.code)), 'decideSeriousListing');
    const listing = await publicListing('COURT_DEFAULTER');
    const line = listing.edges.map((e: any) => e.node).find((n: any) => n.record.caseNumber === '（2027）苏0106执123号');
    expect(line.record).toMatchObject({ court: court.name, recordStatus: 'ACTIVE' });
    expect(line.record.respondentIdNumber).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    // Never the person's name in clear: the natural-person registration item is not published.
    expect(line.subject?.name ?? null).toBeNull();
  });
});

describe('ending a listing because an objection was upheld, or by credit repair', () => {
  const listedEntryOf = async (subject: BuiltSubject) => {
    const [row] = await server.database.db.select().from(seriousListEntries)
      .where(and(eq(seriousListEntries.subjectId, subject.id), eq(seriousListEntries.listTypeCode, 'SAMR_SERIOUS_VIOLATION'), eq(seriousListEntries.state, 'LISTED')));
    return row!;
  };

  it('revokes the record when an objection is upheld: it leaves the public listing', async () => {
    clock = at('2027-04-25');
    // The Shenzhen firm, listed in the concurrent-decisions story.
    const entry = await listedEntryOf(shenzhen);
    // The department types the entry's 记录编号 as it reads it off paper: lower case, spaces around.
    const typed = ` ${entry.recordNumber.toLowerCase()} `;
    const removed = ok(await server.gql(REMOVE, { input: { entryId: typed, reason: 'OBJECTION_UPHELD', note: '经复核，认定依据不足。' } }, await dept(entry.agencyCode)), 'removeFromSeriousList');
    expect(removed).toMatchObject({ id: opaque('SeriousListEntry', entry.id), state: 'REMOVED', removalReason: 'OBJECTION_UPHELD' });
    const [record] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, entry.creditRecordId!));
    expect(record!.status).toBe('REVOKED');
    // The record's history names the entry by its 记录编号 as stored, never by what the caller typed.
    const versions = await server.database.db.select().from(creditRecordVersions).where(eq(creditRecordVersions.recordId, entry.creditRecordId!));
    expect(versions.filter((v) => v.change === 'LIST_REMOVAL').map((v) => v.ground)).toEqual([`serious-list entry ${entry.recordNumber} removed (OBJECTION_UPHELD)`]);
    expect((await publicListing('SAMR_SERIOUS_VIOLATION')).edges.map((e: any) => e.node.subject?.uscc)).not.toContain(SHENZHEN);
  });

  it('gives the repair module one call that removes the entry as REPAIRED and marks its record, on the caller\'s transaction', async () => {
    clock = at('2027-04-26');
    const notified = ok(await notify('SAMR_320106', { subjectCode: shop.uscc }), 'notifySeriousListing');
    clock = at('2027-05-12');
    ok(await server.gql(DECIDE, { input: decision(notified.id, '2027-05-12') }, await dept('SAMR_320106')), 'decideSeriousListing');
    const entry = await listedEntryOf(shop);
    clock = at('2027-05-13');
    const removal = server.app.services.seriousListRemoval;
    const work = databaseWork(server.database.db);
    await expect(work.transaction((tx) => removal.removeForRepair(tx, entry.id, { at: clock, treatment: 'MARKED', note: '信用修复已核准。' })))
      .resolves.toMatchObject({ state: 'REMOVED', removalReason: 'REPAIRED' });
    const [record] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, entry.creditRecordId!));
    expect(record).toMatchObject({ status: 'REPAIRED', repairTreatment: 'MARKED' });
    await expect(work.transaction((tx) => removal.removeForRepair(tx, entry.id, { at: clock, treatment: 'MARKED' })))
      .rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });
});

describe('expiry', () => {
  it('reads a listing past its period as REMOVED (EXPIRED) without anyone acting, then records it when asked', async () => {
    clock = at('2027-05-01');
    const entry = ok(await notify('SAMR_320100', { subjectCode: STEEL }), 'notifySeriousListing');
    clock = at('2027-05-20');
    const listed = ok(await server.gql(DECIDE, { input: decision(entry.id, '2027-05-20') }, await dept('SAMR_320100')), 'decideSeriousListing');
    expect(listed.decision.listedUntil).toBe('2030-05-20');
    clock = at('2030-05-20');
    expect((await publicListing('SAMR_SERIOUS_VIOLATION')).edges.map((e: any) => e.node.subject?.uscc)).toContain(STEEL);
    clock = at('2030-05-21');
    const read = ok(await server.gql(ENTRIES, { state: 'REMOVED' }, await dept('SAMR_320100')), 'seriousListEntries');
    expect(read.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({
      id: entry.id, state: 'REMOVED', stateDerived: true, removalReason: 'EXPIRED', removedOn: '2030-05-21',
    }));
    expect((await publicListing('SAMR_SERIOUS_VIOLATION')).edges.map((e: any) => e.node.subject?.uscc)).not.toContain(STEEL);
    const early = await server.gql(REMOVE, { input: { entryId: entry.id, reason: 'CONDITIONS_MET', note: 'x' } }, await dept('SAMR_320100'));
    expect(codeOf(early)).toBe('INVALID_TRANSITION');
    const recorded = ok(await server.gql(REMOVE, { input: { entryId: entry.id, reason: 'EXPIRED', note: '列入期满。' } }, await dept('SAMR_320100')), 'removeFromSeriousList');
    expect(recorded).toMatchObject({ state: 'REMOVED', stateDerived: false, removalReason: 'EXPIRED' });
    // A new notice is possible once the old listing has ended.
    expect(ok(await notify('SAMR_320100', { subjectCode: STEEL }), 'notifySeriousListing').state).toBe('NOTIFIED');
  });

  it('pages the public listing with a count that matches what can be paged through', async () => {
    clock = at('2027-01-06');
    const first = listingOf(await server.gql(PUBLIC_LIST, { first: 2 }));
    const all: unknown[] = [...first.edges];
    let page = first;
    while (page.pageInfo.hasNextPage) {
      page = listingOf(await server.gql(PUBLIC_LIST, { first: 2, after: page.pageInfo.endCursor }));
      all.push(...page.edges);
    }
    expect(all.length).toBe(first.totalCount);
    expect(first.totalCount).toBeGreaterThan(0);
  });
});

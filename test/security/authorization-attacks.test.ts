/**
 * Authorization attacks through the real server, checked in the database: one subject
 * acting on another's record ids (IDOR), denied fields reached through an allowed edge, and
 * mutations the caller may not run, whose side effect must not happen.
 */
import { and, count, eq } from 'drizzle-orm';
import { consents, creditRecords, objections, repairApplications } from '../../src/db/schema';
import { expectStillServing } from '../support/attacks';
import { builder, type BuiltEntry, type BuiltSubject } from '../support/builders';
import { codeOf, opaque, rowId } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let clock = new Date('2026-12-01T10:00:00+08:00');
let server: TestServer;
let ownRecordId: string;
/** The attacked company (its penalty is ownRecordId); the shop that attacks it; a listed firm; a person with a consent. */
let steel: BuiltSubject;
let shop: BuiltSubject;
let listing: BuiltEntry;
let consentId: string;
let STEEL = '';
const stillServing = () => expectStillServing(server, steel);
beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100', address: '南京市鼓楼区中山北路1号' });
  STEEL = steel.uscc!;
  shop = await build.individualBusiness({ region: '320106' });
  ownRecordId = (await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2026-03-18' })).id;
  listing = await build.listing(await build.legalPerson({ region: '320106' }), { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320106', notifiedOn: '2026-11-02' });
  const person = await build.naturalPerson();
  consentId = (await build.consent(person, { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'] })).id;
}, 120_000);
afterAll(() => server.close());

const subject = (id: number) => authHeaders({ role: 'SUBJECT', subject: id });
const rows = async (table: typeof objections | typeof repairApplications) => (await server.database.db.select({ n: count() }).from(table))[0]!.n;
const FILE = 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id state } }';
const APPLY = 'mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id state } }';
const REASON = '处罚决定书载明的罚款金额与实际缴纳金额不一致，附缴款凭证。';
const repairInput = (creditRecordId: string) => ({
  creditRecordId,
  commitment: '本人承诺所提交材料真实有效，如有虚假愿承担相应法律责任。',
  obligationsEvidence: '罚款已于2026年5月缴清，缴款凭证编号 NJ-2026-0001。',
});

describe('one subject acting on another subject\'s record id (IDOR)', () => {
  it('gets NOT_FOUND filing an objection, and nothing is written or flagged', async () => {
    const before = await rows(objections);
    const res = await server.gql(FILE, { input: { creditRecordId: ownRecordId, reason: REASON } }, await subject(shop.id));
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(res.body.data?.fileObjection ?? null).toBeNull();
    expect(await rows(objections)).toBe(before);
    const [record] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(ownRecordId)));
    expect(record!.disputed).toBe(false);
    await stillServing();
  });

  it('gets NOT_FOUND applying for repair of it, and nothing is written', async () => {
    const before = await rows(repairApplications);
    const res = await server.gql(APPLY, { input: repairInput(ownRecordId) }, await subject(shop.id));
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(await rows(repairApplications)).toBe(before);
    await stillServing();
  });

  it('gets NOT_FOUND for a serious-list entry of another subject', async () => {
    const before = await rows(objections);
    // Another subject that exists (a token for one that does not is refused as UNAUTHENTICATED: token-attacks.test.ts).
    const res = await server.gql(FILE, { input: { listEntryId: listing.id, reason: REASON } }, await subject(shop.id));
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(await rows(objections)).toBe(before);
  });

  it('gets NOT_FOUND revoking another subject\'s consent, which stays live', async () => {
    const [consent] = await server.database.db.select().from(consents).where(eq(consents.id, rowId(consentId)));
    expect(consent).toBeDefined();
    const res = await server.gql('mutation($id: ID!) { revokeConsent(id: $id) { id } }', { id: opaque('Consent', consent!.id) }, await subject(shop.id));
    expect(codeOf(res)).toBe('NOT_FOUND');
    const [after] = await server.database.db.select().from(consents).where(eq(consents.id, consent!.id));
    expect(after!.revokedAt).toEqual(consent!.revokedAt);
    await stillServing();
  });

  it('while the owner filing the same id is accepted (so the refusals above are about ownership)', async () => {
    const res = await server.gql(FILE, { input: { creditRecordId: ownRecordId, reason: REASON } }, await subject(steel.id));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.fileObjection).toMatchObject({ state: 'PENDING' });
    const mine = await server.database.db.select({ n: count() }).from(objections).where(and(eq(objections.subjectId, steel.id), eq(objections.state, 'PENDING')));
    expect(mine[0]!.n).toBeGreaterThan(0);
  });
});

describe('a denied field reached through an allowed edge', () => {
  const FIELDS = 'name address phone legalRepIdNumber';

  it('is denied to another subject reaching the company through search, while the siblings are answered', async () => {
    const res = await server.gql(`{ searchSubjects(keyword: "${STEEL}") { edges { node { ${FIELDS} } } } }`, undefined, await subject(shop.id));
    const node = res.body.data!.searchSubjects.edges[0].node;
    expect(node).toMatchObject({ name: '南京钢铁联合有限公司', address: null, phone: null, legalRepIdNumber: null });
    const denied = (res.body.errors ?? []).map((e) => [e.path?.at(-1), e.extensions?.code]);
    expect(denied).toEqual(expect.arrayContaining([['address', 'FORBIDDEN'], ['legalRepIdNumber', 'FORBIDDEN']]));
    await stillServing();
  });

  it('is denied to the public reaching listed subjects through the serious lists', async () => {
    const res = await server.gql('{ seriousLists(first: 20) { edges { node { listName subject { name legalRepIdNumber phone } } } } }');
    const edges = res.body.data!.seriousLists.edges as Array<{ node: { subject: Record<string, unknown> | null } }>;
    expect(edges.length).toBeGreaterThan(0);
    for (const { node } of edges) expect(node.subject?.legalRepIdNumber ?? null).toBeNull();
    expect((res.body.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('is answered to the subject itself, through the same edge', async () => {
    const res = await server.gql(`{ searchSubjects(keyword: "${STEEL}") { edges { node { address } } } }`, undefined, await subject(steel.id));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.searchSubjects.edges[0].node.address).toEqual(expect.any(String));
  });
});

describe('a mutation the caller may not run', () => {
  // A function: the company's code is known once beforeAll has built it.
  const RECORD = () => `mutation { recordCreditInformation(input: {
    subjectCode: "${STEEL}", itemCode: "03-02-001", decisionDate: "2026-06-01", severity: GENERAL
    document: { kind: ADMINISTRATIVE_PENALTY, number: "宁鼓市监处罚〔2026〕77号", issuer: "南京市鼓楼区市场监督管理局", effectiveOn: "2026-06-01" }
    penalty: { violationType: "未按规定公示年度报告", penaltyCategory: "罚款", fineAmount: "0.5" }
  }) { id } }`;
  const recordCount = async () => (await server.database.db.select({ n: count() }).from(creditRecords))[0]!.n;

  it.each([
    ['a partner', () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')],
    ['a subject', () => subject(steel.id)],
    ['the public', async () => ({})],
  ])('is refused to %s recording credit information, and no record is written', async (_, headers) => {
    const before = await recordCount();
    const res = await server.gql(RECORD(), undefined, await headers());
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.body.data ?? null).toBeNull();
    expect(await recordCount()).toBe(before);
    await stillServing();
  });

  it('is refused to a partner, who may not read repair applications, applying for one; nothing is written', async () => {
    const before = await rows(repairApplications);
    const res = await server.gql(APPLY, { input: repairInput(ownRecordId) },
      await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(await rows(repairApplications)).toBe(before);
  });

  it('is refused to the public filing an objection, whose result it may not read; nothing is written', async () => {
    const before = await rows(objections);
    const res = await server.gql(FILE, { input: { creditRecordId: ownRecordId, reason: REASON } });
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(await rows(objections)).toBe(before);
  });

  it('runs for the department whose action it is (so the refusals above are about the caller)', async () => {
    const before = await recordCount();
    const res = await server.gql(RECORD(), undefined, await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'));
    expect(res.body.errors).toBeUndefined();
    expect(await recordCount()).toBe(before + 1);
  });
});

/**
 * Punishment measures (49号 五(九)(十)) through the real server: only from a published list,
 * citing the measure's own basis, in proportion to the record or listing they answer,
 * third-party measures only recommended; lifting; and the database refusing an imposed
 * third-party measure whatever code writes it.
 */
import { eq, sql } from 'drizzle-orm';
import { catalogVersions, measureApplications, punishmentMeasures } from '../../src/db/schema';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-01');
let server: TestServer;

const APPLICATION = 'id measureCode mode modeNote citedBasis active liftedAt liftReason creditRecordId listEntryId agencyCode';
const APPLY = `mutation($input: ApplyPunishmentMeasureInput!) { applyPunishmentMeasure(input: $input) { ${APPLICATION} } }`;
const LIFT = `mutation($input: LiftPunishmentMeasureInput!) { liftPunishmentMeasure(input: $input) { ${APPLICATION} } }`;
const LIST = `query($r: ID, $e: ID) { measureApplications(creditRecordId: $r, listEntryId: $e) { ${APPLICATION} } }`;
const REMOVE = 'mutation($input: RemoveFromSeriousListInput!) { removeFromSeriousList(input: $input) { state } }';

const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'JOINT_PUNISHMENT');
async function apply(agency: string, input: Record<string, unknown>) {
  return server.gql(APPLY, { input }, await dept(agency));
}

let generalPenalty: string;
let seriousPenalty: string;
let licence: string;
let revoked: string;
let ended: string;
let samrEntry: string;
let samrListRecord: string;
/** The agency that notified samrEntry: it, not any bureau of its system, removes it (管辖). */
const samrEntryAgency = 'SAMR_320106';
/** The firm the general penalty is about, and another subject. */
let firm: BuiltSubject;
let stranger: BuiltSubject;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'STA', 'STA_320000', 'STA_320100', 'MOF', 'MOF_320000', 'MOF_320100', 'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320106');
  let listed: BuiltSubject;
  [firm, stranger, listed] = await Promise.all([build.legalPerson(), build.legalPerson(), build.legalPerson()]);
  const by = 'SAMR_320106';
  generalPenalty = (await build.penalty(firm, { by, decisionDate: '2026-10-08', severity: 'GENERAL' })).id;
  seriousPenalty = (await build.penalty(stranger, { by, decisionDate: '2026-10-09', severity: 'SERIOUS' })).id;
  licence = (await build.licence(firm, { by, decisionDate: '2026-09-01' })).id;
  // A GENERAL penalty published for its minimum term, which had ended before the story's today.
  ended = (await build.penalty(stranger, { by, decisionDate: '2023-03-01', severity: 'GENERAL' })).id;
  const withdrawn = await build.penalty(stranger, { by, decisionDate: '2026-08-03', severity: 'SERIOUS' });
  await build.revoke(withdrawn, { by });
  revoked = withdrawn.id;
  // Notified on Wednesday 2026-05-06, its ten working days end on 2026-05-19: listed on 2026-05-20.
  const entry = await build.listing(listed, { listType: 'SAMR_SERIOUS_VIOLATION', by: samrEntryAgency, notifiedOn: '2026-05-06' });
  samrEntry = entry.id;
  samrListRecord = entry.recordId!;
}, 120_000);
afterAll(() => server.close());

describe('applying a measure is refused', () => {
  it('to anyone but a department (FORBIDDEN)', async () => {
    const res = await server.gql(APPLY, { input: { measureCode: 'KEY_SUPERVISION', creditRecordId: generalPenalty } }, await authHeaders({ role: 'SUBJECT', subject: firm.id }));
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('for a measure outside the published lists, including one of a list still in DRAFT (NOT_IN_CATALOG)', async () => {
    expect(codeOf(await apply('SAMR_320106', { measureCode: 'PUBLIC_SHAMING', creditRecordId: generalPenalty }))).toBe('NOT_IN_CATALOG');
    await server.database.db.insert(catalogVersions).values({
      id: 'measures-2027-draft', kind: 'MEASURE_LIST', title: '全国失信惩戒措施基础清单（2027年版，征求意见稿）', edition: '2027', sourceHash: 'draft', definition: {},
    });
    await server.database.db.insert(punishmentMeasures).values({
      listVersionId: 'measures-2027-draft', code: 'DRAFT_ONLY_MEASURE', name: '征求意见中的措施', category: 'MANAGEMENT',
      legalBasis: ['《某条例》'], implementer: '行业主管部门', definition: { appliesTo: { severities: ['GENERAL', 'SERIOUS'], listTypes: [] }, legalBasis: ['《某条例》'] },
    });
    const res = await apply('SAMR_320106', { measureCode: 'DRAFT_ONLY_MEASURE', creditRecordId: generalPenalty });
    expect(codeOf(res)).toBe('NOT_IN_CATALOG');
    expect(messageOf(res)).toContain('五(九)');
  });

  it('when the cited basis is not one the list gives for the measure (NOT_ELIGIBLE, 五(九))', async () => {
    const res = await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', creditRecordId: generalPenalty, citedBasis: '《某地方规范性文件》' });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toContain('国办发〔2019〕35号');
  });

  it('for a serious-only measure on a GENERAL record (NOT_ELIGIBLE, 过惩相当)', async () => {
    const res = await apply('SAMR_320106', { measureCode: 'NO_NOTIFICATION_COMMITMENT', creditRecordId: generalPenalty });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toMatch(/SERIOUS dishonesty; the target is GENERAL.*过惩相当/);
  });

  it('for a list measure on a serious record that is not a listing (NOT_ELIGIBLE)', async () => {
    // The procurement measure's implementer (财政部门); who may apply what is authority-powers.test.ts's subject.
    const res = await apply('MOF_320100', { measureCode: 'RESTRICT_GOVERNMENT_PROCUREMENT', creditRecordId: seriousPenalty });
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    expect(messageOf(res)).toContain('not a serious-list listing');
  });

  it('for a measure of another list, or of no list, on a list entry (NOT_ELIGIBLE)', async () => {
    const court = await apply('SPC_320106', { measureCode: 'RESTRICT_HIGH_CONSUMPTION', listEntryId: samrEntry });
    expect(codeOf(court)).toBe('NOT_ELIGIBLE');
    expect(messageOf(court)).toContain('only entries of COURT_DEFAULTER');
    const general = await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', listEntryId: samrEntry });
    expect(codeOf(general)).toBe('NOT_ELIGIBLE');
    expect(messageOf(general)).toContain('no list entry');
  });

  it('on a record that is not a dishonesty finding (NOT_ELIGIBLE), no longer ACTIVE or past its publication (INVALID_TRANSITION)', async () => {
    expect(codeOf(await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', creditRecordId: licence }))).toBe('NOT_ELIGIBLE');
    expect(codeOf(await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', creditRecordId: revoked }))).toBe('INVALID_TRANSITION');
    const past = await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', creditRecordId: ended });
    expect(codeOf(past)).toBe('INVALID_TRANSITION');
    expect(messageOf(past)).toContain('publication ended');
  });

  it('without exactly one target (BAD_USER_INPUT)', async () => {
    expect(codeOf(await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', creditRecordId: generalPenalty, listEntryId: samrEntry }))).toBe('BAD_USER_INPUT');
  });
});

describe('a legal application', () => {
  let keySupervision: string;

  it('imposes a management measure on a GENERAL record, citing the measure\'s own basis by default', async () => {
    const applied = ok(await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', creditRecordId: generalPenalty }), 'applyPunishmentMeasure');
    keySupervision = applied.id;
    expect(applied).toMatchObject({ measureCode: 'KEY_SUPERVISION', mode: 'IMPOSED', active: true, creditRecordId: generalPenalty, listEntryId: null, agencyCode: 'SAMR_320106' });
    expect(applied.citedBasis).toContain('国办发〔2019〕35号');
  });

  it('is not applied twice while in force (CONFLICT)', async () => {
    expect(codeOf(await apply('SAMR_320100', { measureCode: 'KEY_SUPERVISION', creditRecordId: generalPenalty }))).toBe('CONFLICT');
  });

  it('only ever recommends a measure organisations outside government decide themselves', async () => {
    const applied = ok(await apply('SAMR_320106', { measureCode: 'ASSOCIATION_DISCIPLINE', creditRecordId: generalPenalty }), 'applyPunishmentMeasure');
    expect(applied.mode).toBe('RECOMMENDED');
    expect(applied.modeNote).toContain('五(九)');
  });

  it('answers a listing with the measures of its list, on the entry and on its record', async () => {
    const basis = '《企业信息公示暂行条例》第十七条';
    const onEntry = ok(await apply('SAMR_320106', { measureCode: 'RESTRICT_LEGAL_REPRESENTATIVE', listEntryId: samrEntry, citedBasis: basis }), 'applyPunishmentMeasure');
    expect(onEntry).toMatchObject({ mode: 'IMPOSED', citedBasis: basis, listEntryId: samrEntry });
    const onRecord = ok(await apply('STA_320100', { measureCode: 'NO_NOTIFICATION_COMMITMENT', creditRecordId: samrListRecord }), 'applyPunishmentMeasure');
    expect(onRecord).toMatchObject({ mode: 'IMPOSED', creditRecordId: samrListRecord });
  });

  it('is listed in full to the system that made the record, and only its own to another system', async () => {
    ok(await apply('STA_320100', { measureCode: 'INCREASED_INSPECTION', creditRecordId: generalPenalty }), 'applyPunishmentMeasure');
    const samr = ok(await server.gql(LIST, { r: generalPenalty }, await dept('SAMR_320100')), 'measureApplications');
    expect(samr.map((a: any) => a.measureCode).sort()).toEqual(['ASSOCIATION_DISCIPLINE', 'INCREASED_INSPECTION', 'KEY_SUPERVISION']);
    const sta = ok(await server.gql(LIST, { r: generalPenalty }, await dept('STA_320100')), 'measureApplications');
    expect(sta.map((a: any) => a.measureCode)).toEqual(['INCREASED_INSPECTION']);
  });

  it('is shown in full to the subject it concerns, and to nobody else as a subject', async () => {
    const owner = firm.id;
    const mine = ok(await server.gql(LIST, { r: generalPenalty }, await authHeaders({ role: 'SUBJECT', subject: owner })), 'measureApplications');
    expect(mine.map((a: any) => a.measureCode).sort()).toEqual(['ASSOCIATION_DISCIPLINE', 'INCREASED_INSPECTION', 'KEY_SUPERVISION']);
    const other = await server.gql(LIST, { r: generalPenalty }, await authHeaders({ role: 'SUBJECT', subject: stranger.id }));
    const missing = await server.gql(LIST, { r: opaque('CreditRecord', 999999) }, await authHeaders({ role: 'SUBJECT', subject: owner }));
    expect(codeOf(other)).toBe('NOT_FOUND');
    expect(messageOf(other)).toBe(messageOf(missing));
  });

  it('is lifted by its system only, once (FORBIDDEN, then INVALID_TRANSITION)', async () => {
    expect(codeOf(await server.gql(LIFT, { input: { id: keySupervision, reason: '整改到位' } }, await dept('STA_320100')))).toBe('FORBIDDEN');
    clock = at('2026-12-10');
    const lifted = ok(await server.gql(LIFT, { input: { id: keySupervision, reason: '整改到位，解除重点监管。' } }, await dept('SAMR_320100')), 'liftPunishmentMeasure');
    expect(lifted).toMatchObject({ active: false, liftReason: '整改到位，解除重点监管。' });
    expect(lifted.liftedAt).toBe(clock.toISOString());
    expect(codeOf(await server.gql(LIFT, { input: { id: keySupervision, reason: 'again' } }, await dept('SAMR_320100')))).toBe('INVALID_TRANSITION');
    // Lifted, it may be applied anew.
    expect(ok(await apply('SAMR_320106', { measureCode: 'KEY_SUPERVISION', creditRecordId: generalPenalty }), 'applyPunishmentMeasure').active).toBe(true);
  });

  it('ends with the listing: removal lifts the measures on the entry and on its record', async () => {
    // Listed on 2026-05-20: a market-regulation listing ends early only after a full year (总局令第44号).
    clock = at('2027-05-25');
    expect(ok(await server.gql(REMOVE, { input: { entryId: samrEntry, reason: 'CONDITIONS_MET', note: '已履行法定义务。' } }, await dept(samrEntryAgency)), 'removeFromSeriousList').state).toBe('REMOVED');
    const onEntry = ok(await server.gql(LIST, { e: samrEntry }, await dept(samrEntryAgency)), 'measureApplications');
    const onRecord = ok(await server.gql(LIST, { r: samrListRecord }, await dept(samrEntryAgency)), 'measureApplications');
    for (const a of [...onEntry, ...onRecord]) {
      expect(a).toMatchObject({ active: false, liftedAt: clock.toISOString() });
      expect(a.liftReason).toContain('CONDITIONS_MET');
    }
    expect(onEntry.length + onRecord.length).toBe(2);
    expect(codeOf(await apply('SAMR_320106', { measureCode: 'RESTRICT_LEGAL_REPRESENTATIVE', listEntryId: samrEntry }))).toBe('INVALID_TRANSITION');
    // Its record stays ACTIVE (the listing ended, it was not withdrawn) but is no longer published: no new measure follows it.
    expect(codeOf(await apply('SAMR_320106', { measureCode: 'NO_NOTIFICATION_COMMITMENT', creditRecordId: samrListRecord }))).toBe('INVALID_TRANSITION');
  });
});

describe('concurrent decisions', () => {
  it('let one of two simultaneous applications of a measure, and one of two simultaneous lifts, take effect', async () => {
    const input = { measureCode: 'INCREASED_INSPECTION', creditRecordId: seriousPenalty };
    const applied = await Promise.all([apply('SAMR_320106', input), apply('SAMR_320100', input)]);
    expect(applied.filter((r) => !r.body.errors)).toHaveLength(1);
    expect(codeOf(applied.find((r) => r.body.errors)!)).toBe('CONFLICT');
    const id = applied.find((r) => !r.body.errors)!.body.data!.applyPunishmentMeasure.id;
    // Either bureau may have applied it: their common superior lifts it.
    const lifts = await Promise.all([1, 2].map(async () => server.gql(LIFT, { input: { id, reason: '检查比例恢复常态。' } }, await dept('SAMR_320100'))));
    expect(lifts.filter((r) => !r.body.errors)).toHaveLength(1);
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(codeOf(lifts.find((r) => r.body.errors)!));
    const rows = await server.database.db.execute(sql`SELECT count(*)::int AS n FROM measure_applications WHERE credit_record_id = ${rowId(seriousPenalty)}`);
    expect(JSON.stringify(rows)).toContain('"n":1');
  });
});

describe('the database itself', () => {
  it('refuses an IMPOSED third-party measure written directly', async () => {
    const [measure] = await server.database.db.select().from(punishmentMeasures).where(eq(punishmentMeasures.code, 'RISK_BASED_PRICING'));
    const recordId = rowId(generalPenalty);
    let message = '';
    try {
      await server.database.db.insert(measureApplications).values({
        measureId: measure!.id, measureCategory: 'THIRD_PARTY_VOLUNTARY', mode: 'IMPOSED', creditRecordId: recordId,
        agencyCode: 'SAMR_320106', citedBasis: measure!.legalBasis[0]!, appliedAt: clock,
      });
    } catch (e) {
      const err = e as { message?: string; cause?: { message?: string } };
      message = `${err.message ?? ''} ${err.cause?.message ?? ''}`;
    }
    expect(message).toContain('measure_third_party_only_recommended');
  });
});

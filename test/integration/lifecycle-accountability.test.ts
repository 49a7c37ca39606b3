/**
 * The accountability report (49号 九 强化追责问责) on violations fabricated here. Some of them
 * the database refuses, so the test goes around the guards as an attacker with table-owner
 * rights would (DISABLE TRIGGER, DROP CONSTRAINT … re-added NOT VALID) and checks that the
 * report still finds them. Acts without the power, grant or jurisdiction they need are written
 * straight to the tables (and to the access log through its chained append function), as an
 * import or an older version would have. Injected clock for the deadlines.
 */
import { and, eq, sql } from 'drizzle-orm';
import { appendAccessLog } from '../../src/audit/access-writer';
import { macKeyOf } from '../../src/audit/log-keys';
import { LogStream } from '../../src/audit/log-stream';
import {
  catalogItems, catalogVersions, creditRecords, legalDocuments, measureApplications, objections, punishmentMeasures,
  repairApplications, seriousListEntries, seriousListTypes,
} from '../../src/db/schema';
import { decodeId } from '../../src/graphql/opaque-id';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let clock = new Date('2026-11-20T04:00:00Z');
/** The company the fabricated records, objections and repairs are about; the firm the fabricated listings name. */
let FIRM = 0;
let LISTED_FIRM = 0;
beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server);
  await build.agencies('NDRC', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'SAMR_440000', 'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320106');
  await build.partners('JL_BANK', 'NJ_HR');
  FIRM = (await build.legalPerson({ region: '320106' })).id;
  LISTED_FIRM = (await build.legalPerson({ region: '320106' })).id;
});
afterAll(() => server.close());

const DAY = 86_400_000;
const at = (days: number) => new Date(clock.getTime() + days * DAY);

const REPORT = `query($n: Int) { accountabilityReport(sampleSize: $n) { asOf
  recordsOutsideCatalog { rule table count sampleIds } measuresOutsideList { count sampleIds }
  overdueObjections { count sampleIds samples { id responsibleAgency actingOfficial } } overdueRepairs { count sampleIds }
  objectionsDecidedLate { rule table count sampleIds samples { id responsibleAgency actingOfficial } }
  repairsDecidedLate { rule table count sampleIds samples { id responsibleAgency actingOfficial } }
  listingsWithoutDecisionDocument { count sampleIds } listingsWithoutPublishedStandard { count sampleIds }
  dishonestyRecordsWithoutDocument { count sampleIds }
  measuresByNonImplementers { rule table count sampleIds } readsOutsideAgreements { rule table count sampleIds }
  objectionsDecidedOutsideJurisdiction { rule table count sampleIds } repairsDecidedOutsideJurisdiction { rule table count sampleIds }
  versionsPublishedWithoutGovernance { rule table count sampleIds } } }`;

type Sample = { id: string; responsibleAgency: string | null; actingOfficial: string | null };
type Finding = { count: number; sampleIds: string[]; samples: Sample[] };
type Report = Record<string, Finding> & { asOf: string };

async function report(): Promise<Report> {
  const res = await server.gql(REPORT, { n: 100 }, await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }));
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.accountabilityReport;
}

const db = () => server.database.db;
const penaltyItemId = () => server.catalog.itemByCode('03-02-001')!.id;

/** Runs `write` with the named guard switched off, as someone bypassing the application would. */
async function withoutTrigger(table: string, trigger: string, write: () => Promise<unknown>) {
  await db().execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`));
  try {
    await write();
  } finally {
    await db().execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`));
  }
}

async function withoutCheck(table: string, name: string, definition: string, write: () => Promise<unknown>) {
  await db().execute(sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`));
  try {
    await write();
  } finally {
    // Back for every later row; NOT VALID because the fabricated row breaks it.
    await db().execute(sql.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${definition}) NOT VALID`));
  }
}

async function document(number: string): Promise<number> {
  const [d] = await db().insert(legalDocuments)
    .values({ kind: 'ADMINISTRATIVE_PENALTY', number, issuerName: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-10-01' })
    .returning({ id: legalDocuments.id });
  return d!.id;
}

async function penaltyRecord(documentId: number | null): Promise<number> {
  const [r] = await db().insert(creditRecords).values({
    subjectId: FIRM, catalogItemId: penaltyItemId(), dishonesty: true, legalDocumentId: documentId, agencyCode: 'SAMR_320106',
    decisionDate: '2026-10-01', severity: 'GENERAL', payload: {},
  }).returning({ id: creditRecords.id });
  return r!.id;
}

const LISTED = () => ({
  subjectId: LISTED_FIRM, agencyCode: 'SAMR_320106', noticeReasons: '拟列入', noticeBasis: '依据', noticeRights: '陈述申辩权',
  notifiedAt: new Date('2026-09-01T02:00:00Z'), objectionDeadline: '2026-09-15', decisionReasons: '事由', decisionBasis: '依据',
  measuresNotice: '措施', removalConditions: '条件', removalProcedure: '程序', remedies: '复议或诉讼', listedAt: new Date('2026-10-01T02:00:00Z'),
  state: 'LISTED' as const,
});

let baseline: Report;
beforeAll(async () => {
  baseline = await report();
});

/** A published measure of the list in force, by code. */
async function publishedMeasure(code: string): Promise<{ id: number; category: 'RIGHTS_REDUCTION' | 'MANAGEMENT' | 'THIRD_PARTY_VOLUNTARY' }> {
  const [m] = await db().select({ id: punishmentMeasures.id, category: punishmentMeasures.category })
    .from(punishmentMeasures).innerJoin(catalogVersions, eq(catalogVersions.id, punishmentMeasures.listVersionId))
    .where(and(eq(punishmentMeasures.code, code), eq(catalogVersions.status, 'PUBLISHED')));
  return m!;
}

/** Appends access-log rows the way the server does (the chained append_access_log function); returns their seqs. */
async function logReads(rows: Array<{ at: string; role: string; agency: string; purpose: string }>): Promise<string[]> {
  const requestId = `acc-test-${Math.random().toString(36).slice(2)}`;
  const entries = rows.map((r, i) => ({
    at: r.at, requestId: `${requestId}-${i}`, clientRequestId: null, principal: `test-${r.role.toLowerCase()}`, role: r.role, agencyCode: r.agency,
    purpose: r.purpose, operation: 'query Fabricated', subjectId: FIRM, itemCode: '03-02-001',
    fieldPath: 'subject.profile.penalties.edges.0.node{fineAmount}', decision: 'ALLOW' as const, reason: 'SHARE',
  }));
  await appendAccessLog(db(), entries, new LogStream(macKeyOf(Buffer.alloc(32, 5))));
  const result = await db().execute(sql`SELECT seq::text AS seq, request_id FROM access_log WHERE request_id LIKE ${`${requestId}-%`}`);
  const found = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ seq: string; request_id: string }>;
  return entries.map((e) => found.find((f) => f.request_id === e.requestId)!.seq);
}

describe('the accountability report', () => {
  it('finds nothing the database guards forbid in data written through the guards', () => {
    expect(baseline.recordsOutsideCatalog).toMatchObject({ count: 0, sampleIds: [] });
    expect(baseline.measuresOutsideList.count).toBe(0);
    expect(baseline.listingsWithoutDecisionDocument.count).toBe(0);
    expect(baseline.dishonestyRecordsWithoutDocument.count).toBe(0);
    // The seed applies, reads and decides only as the API lets it.
    expect(baseline.measuresByNonImplementers.count).toBe(0);
    expect(baseline.readsOutsideAgreements.count).toBe(0);
    expect(baseline.objectionsDecidedOutsideJurisdiction.count).toBe(0);
    expect(baseline.repairsDecidedOutsideJurisdiction.count).toBe(0);
    // The shipped catalog and measures-list versions predate the governance records: not judged (catalog-governance.test.ts).
    expect(baseline.versionsPublishedWithoutGovernance.count).toBe(0);
    expect(baseline.asOf).toBe(clock.toISOString());
  });

  it('finds a record of an item in no published catalog version, written around the trigger', async () => {
    await db().insert(catalogVersions).values({
      id: 'draft-2027', kind: 'BASE_CATALOG', title: '草案', edition: '2027', status: 'DRAFT', sourceHash: 'x', definition: {},
    });
    const [item] = await db().insert(catalogItems).values({
      versionId: 'draft-2027', code: '99-01-001', category: 'HONOURS', name: '草案事项', recordKind: 'HONOUR',
      providerSystem: 'SAMR', dishonesty: false, repairable: false, definition: {},
    }).returning({ id: catalogItems.id });
    const values = { subjectId: FIRM, catalogItemId: item!.id, dishonesty: false, agencyCode: 'SAMR_320106', decisionDate: '2026-10-01', payload: {} };
    await expect(db().insert(creditRecords).values(values)).rejects.toThrow();
    let id = 0;
    await withoutTrigger('credit_records', 'credit_records_published_item', async () => {
      [{ id }] = await db().insert(creditRecords).values(values).returning({ id: creditRecords.id }) as [{ id: number }];
    });
    const r = await report();
    expect(r.recordsOutsideCatalog).toMatchObject({ count: 1, sampleIds: [String(id)], table: 'credit_records' });
    expect(r.recordsOutsideCatalog).toMatchObject({ rule: expect.stringContaining('49号 二(一)') });
  });

  it('finds a dishonesty record without its legal document, written around the CHECK', async () => {
    let id = 0;
    await withoutCheck('credit_records', 'record_dishonesty_has_document', 'NOT dishonesty OR legal_document_id IS NOT NULL', async () => {
      id = await penaltyRecord(null);
    });
    const r = await report();
    expect(r.dishonestyRecordsWithoutDocument).toMatchObject({ count: 1, sampleIds: [String(id)] });
  });

  it('finds a measure applied from a list that was never published, written around the trigger', async () => {
    await db().insert(catalogVersions).values({
      id: 'measures-draft-2027', kind: 'MEASURE_LIST', title: '措施清单草案', edition: '2027', status: 'DRAFT', sourceHash: 'y', definition: {},
    });
    const [m] = await db().insert(punishmentMeasures).values({
      listVersionId: 'measures-draft-2027', code: 'DRAFT_MEASURE', name: '清单外措施', category: 'MANAGEMENT',
      legalBasis: ['无'], implementer: '任意', definition: {},
    }).returning({ id: punishmentMeasures.id });
    const recordId = await penaltyRecord(await document('宁鼓市监处罚〔2026〕A1号'));
    let id = 0;
    await withoutTrigger('measure_applications', 'measure_applications_published_measure', async () => {
      const [a] = await db().insert(measureApplications).values({
        measureId: m!.id, measureCategory: 'MANAGEMENT', mode: 'IMPOSED', creditRecordId: recordId, agencyCode: 'SAMR_320106',
        citedBasis: '无', appliedAt: at(-1),
      }).returning({ id: measureApplications.id });
      id = a!.id;
    });
    const r = await report();
    expect(r.measuresOutsideList).toMatchObject({ count: 1, sampleIds: [String(id)] });
  });

  it('counts objections pending past their due time at the request\'s clock, and no others', async () => {
    const recordId = await penaltyRecord(await document('宁鼓市监处罚〔2026〕A2号'));
    const objection = (filed: number, due: number, extra: Partial<typeof objections.$inferInsert> = {}) =>
      db().insert(objections).values({ subjectId: FIRM, creditRecordId: recordId, reason: '事实有误', filedAt: at(filed), dueAt: at(due), ...extra })
        .returning({ id: objections.id }).then(([o]) => String(o!.id));
    const overdue = await objection(-10, -1);
    const dueTomorrow = await objection(-3, 1);
    await objection(-10, -2, { state: 'DECIDED', outcome: 'REJECTED', decidedAt: at(-3), decidedBy: 'SAMR_320106', response: '维持' });
    const now = await report();
    expect(now.overdueObjections.count).toBe(baseline.overdueObjections.count + 1);
    expect(now.overdueObjections.sampleIds).toContain(overdue);
    expect(now.overdueObjections.sampleIds).not.toContain(dueTomorrow);
    const saved = clock;
    try {
      clock = at(2);
      const later = await report();
      expect(later.overdueObjections.sampleIds).toEqual(expect.arrayContaining([overdue, dueTomorrow]));
    } finally {
      clock = saved;
    }
  });

  it('counts repair applications submitted or accepted and undecided past their due time', async () => {
    const recordId = await penaltyRecord(await document('宁鼓市监处罚〔2026〕A3号'));
    const repair = (state: 'SUBMITTED' | 'ACCEPTED' | 'APPROVED', due: number) =>
      db().insert(repairApplications).values({
        subjectId: FIRM, creditRecordId: recordId, commitment: '信用承诺书', obligationsEvidence: '缴款凭证', filedAt: at(-10), dueAt: at(due), state,
        ...(state === 'APPROVED' ? { treatment: 'SHIELDED' as const, decidedAt: at(-2), decidedBy: 'SAMR_320106', decisionReason: '符合条件' } : {}),
      }).returning({ id: repairApplications.id }).then(([a]) => String(a!.id));
    const submitted = await repair('SUBMITTED', -1);
    const accepted = await repair('ACCEPTED', -1);
    const approved = await repair('APPROVED', -1);
    const notYet = await repair('SUBMITTED', 3);
    const r = await report();
    expect(r.overdueRepairs.count).toBe(baseline.overdueRepairs.count + 2);
    expect(r.overdueRepairs.sampleIds).toEqual(expect.arrayContaining([submitted, accepted]));
    expect(r.overdueRepairs.sampleIds).not.toContain(approved);
    expect(r.overdueRepairs.sampleIds).not.toContain(notYet);
  });

  it('finds a listing without a decision document, written around the CHECK', async () => {
    const definition = `state NOT IN ('LISTED', 'REMOVED') OR (decision_document_id IS NOT NULL AND decision_reasons IS NOT NULL
      AND decision_basis IS NOT NULL AND measures_notice IS NOT NULL AND removal_conditions IS NOT NULL
      AND removal_procedure IS NOT NULL AND remedies IS NOT NULL AND listed_at IS NOT NULL)`;
    let id = 0;
    await withoutCheck('serious_list_entries', 'entry_listed_has_decision', definition, async () => {
      const [e] = await db().insert(seriousListEntries).values({ ...LISTED(), listTypeCode: 'SAMR_SERIOUS_VIOLATION' })
        .returning({ id: seriousListEntries.id });
      id = e!.id;
    });
    const r = await report();
    expect(r.listingsWithoutDecisionDocument).toMatchObject({ count: 1, sampleIds: [String(id)] });
    expect(r.listingsWithoutPublishedStandard.sampleIds).not.toContain(String(id));
  });

  it('finds listings under a standard not published at all, or published only after the listing', async () => {
    const type = (code: string, publishedOn: string | null) => db().insert(seriousListTypes).values({
      code, name: code, decidingSystem: 'SAMR', legalBasis: ['《测试条例》'], standardDocument: '认定标准（征求意见稿）',
      standardLevel: 'DEPARTMENT_RULE', commentFrom: '2026-06-01', commentTo: '2026-07-15', standardPublishedOn: publishedOn,
      catalogItemCode: '06-03-001', definition: {},
    });
    await type('TEST_UNPUBLISHED', null);
    await type('TEST_PUBLISHED_LATE', '2026-10-15');
    const entry = async (listTypeCode: string, number: string) => {
      const [e] = await db().insert(seriousListEntries).values({ ...LISTED(), listTypeCode, decisionDocumentId: await document(number) })
        .returning({ id: seriousListEntries.id });
      return String(e!.id);
    };
    const unpublished = await entry('TEST_UNPUBLISHED', '宁鼓市监列〔2026〕1号');
    const late = await entry('TEST_PUBLISHED_LATE', '宁鼓市监列〔2026〕2号');
    const lawful = await entry('SAMR_SERIOUS_VIOLATION', '宁鼓市监列〔2026〕3号');
    const r = await report();
    expect(r.listingsWithoutPublishedStandard.count).toBe(baseline.listingsWithoutPublishedStandard.count + 2);
    expect(r.listingsWithoutPublishedStandard.sampleIds).toEqual(expect.arrayContaining([unpublished, late]));
    expect(r.listingsWithoutPublishedStandard.sampleIds).not.toContain(lawful);
  });

  it('finds measures applied by an agency whose system is not an implementer, and not those of implementers', async () => {
    const before = await report();
    const recordId = await penaltyRecord(await document('宁鼓市监处罚〔2026〕A4号'));
    const apply = async (code: string, agencyCode: string) => {
      const m = await publishedMeasure(code);
      const [a] = await db().insert(measureApplications).values({
        measureId: m.id, measureCategory: m.category, mode: m.category === 'THIRD_PARTY_VOLUNTARY' ? 'RECOMMENDED' : 'IMPOSED',
        creditRecordId: recordId, agencyCode, citedBasis: '《测试》', appliedAt: at(-1),
      }).returning({ id: measureApplications.id });
      return String(a!.id);
    };
    // A county market regulator restricting high consumption: the court's measure (agency-powers.yaml: SPC).
    const byRegulator = await apply('RESTRICT_HIGH_CONSUMPTION', 'SAMR_320106');
    // An HR firm (not a public body, not a bank) "recommending" the banks' risk-based pricing.
    const byHrFirm = await apply('RISK_BASED_PRICING', 'NJ_HR');
    const byCourt = await apply('RESTRICT_HIGH_CONSUMPTION', 'SPC_320106');
    // mayImplementMeasure: a public body may recommend a third-party measure; a bank implements it.
    const recommendedByRegulator = await apply('RISK_BASED_PRICING', 'SAMR_320106');
    const byBank = await apply('RISK_BASED_PRICING', 'JL_BANK');
    const r = await report();
    expect(r.measuresByNonImplementers).toMatchObject({
      table: 'measure_applications', rule: expect.stringContaining('49号 五(九)'), count: before.measuresByNonImplementers.count + 2,
    });
    expect(r.measuresByNonImplementers.sampleIds.slice(0, 2)).toEqual([byHrFirm, byRegulator]);
    for (const lawful of [byCourt, recommendedByRegulator, byBank]) expect(r.measuresByNonImplementers.sampleIds).not.toContain(lawful);
    expect(r.measuresOutsideList.count).toBe(before.measuresOutsideList.count);
  });

  it('finds agency reads under a purpose no agreement in force on the read\'s China date granted, and not granted ones', async () => {
    const before = await report();
    const today = clock.toISOString();
    const [licensing1, licensing2, expiredUtcEve, inForceUtcEve, granted, auditor, licensing3] = await logReads([
      // JL_BANK's agreements grant FINANCIAL_SERVICE (and, until 2024-12-31, EMPLOYMENT_SCREENING) only.
      { at: today, role: 'PARTNER', agency: 'JL_BANK', purpose: 'ADMIN_LICENSING_REVIEW' },
      { at: today, role: 'PARTNER', agency: 'JL_BANK', purpose: 'ADMIN_LICENSING_REVIEW' },
      // 2024-12-31 16:30 UTC is 2025-01-01 00:30 in China: the staff-screening agreement had ended.
      { at: '2024-12-31T16:30:00Z', role: 'PARTNER', agency: 'JL_BANK', purpose: 'EMPLOYMENT_SCREENING' },
      // 2024-12-31 15:30 UTC is 23:30 on its last day in China: in force.
      { at: '2024-12-31T15:30:00Z', role: 'PARTNER', agency: 'JL_BANK', purpose: 'EMPLOYMENT_SCREENING' },
      { at: today, role: 'PARTNER', agency: 'JL_BANK', purpose: 'FINANCIAL_SERVICE' },
      // An auditor's own read is no agency read.
      { at: today, role: 'AUDITOR', agency: 'NDRC', purpose: 'AUDIT' },
      // Same agency, purpose and day as the first two: one group, sampled by its first row only.
      { at: today, role: 'PARTNER', agency: 'JL_BANK', purpose: 'ADMIN_LICENSING_REVIEW' },
    ]);
    const r = await report();
    expect(r.readsOutsideAgreements).toMatchObject({
      table: 'access_log', rule: expect.stringContaining('49号 三(三)'), count: before.readsOutsideAgreements.count + 4,
    });
    expect(r.readsOutsideAgreements.sampleIds).toEqual(expect.arrayContaining([licensing1, expiredUtcEve]));
    for (const notSampled of [licensing2, licensing3, inForceUtcEve, granted, auditor]) expect(r.readsOutsideAgreements.sampleIds).not.toContain(notSampled);
    expect(r.readsOutsideAgreements.sampleIds.length).toBe(before.readsOutsideAgreements.sampleIds.length + 2);
  });

  it('finds objections and repairs decided by an agency outside the recorder\'s jurisdiction, and not by it or its superiors', async () => {
    const before = await report();
    const recordId = await penaltyRecord(await document('宁鼓市监处罚〔2026〕A5号'));
    const objection = (decidedBy: string) =>
      db().insert(objections).values({
        subjectId: FIRM, creditRecordId: recordId, reason: '事实有误', filedAt: at(-10), dueAt: at(5),
        state: 'DECIDED', outcome: 'REJECTED', decidedAt: at(-1), decidedBy, response: '维持',
      }).returning({ id: objections.id }).then(([o]) => String(o!.id));
    const repair = (decidedBy: string) =>
      db().insert(repairApplications).values({
        subjectId: FIRM, creditRecordId: recordId, commitment: '信用承诺书', obligationsEvidence: '缴款凭证', filedAt: at(-10), dueAt: at(5),
        state: 'APPROVED', treatment: 'SHIELDED', decidedAt: at(-1), decidedBy, decisionReason: '符合条件',
      }).returning({ id: repairApplications.id }).then(([a]) => String(a!.id));
    // The record was made by 南京市鼓楼区市场监督管理局 (SAMR_320106).
    const byGuangdong = await objection('SAMR_440000');
    const byCourt = await objection('SPC_320106');
    const byProvince = await objection('SAMR_320000');
    const byRecorder = await objection('SAMR_320106');
    // An objection to a list entry: judged against the agency that notified it (SAMR_320106 too).
    const [entry] = await db().insert(seriousListEntries)
      .values({ ...LISTED(), listTypeCode: 'SAMR_SERIOUS_VIOLATION', decisionDocumentId: await document('宁鼓市监列〔2026〕4号') })
      .returning({ id: seriousListEntries.id });
    const entryObjection = (decidedBy: string) =>
      db().insert(objections).values({
        subjectId: LISTED_FIRM, listEntryId: entry!.id, reason: '不符合认定标准', filedAt: at(-10), dueAt: at(5),
        state: 'DECIDED', outcome: 'REJECTED', decidedAt: at(-1), decidedBy, response: '维持',
      }).returning({ id: objections.id }).then(([o]) => String(o!.id));
    const entryByGuangdong = await entryObjection('SAMR_440000');
    const entryByCity = await entryObjection('SAMR_320100');
    const repairByNeighbour = await repair('SAMR_440000');
    const repairByCity = await repair('SAMR_320100');
    const r = await report();
    expect(r.objectionsDecidedOutsideJurisdiction).toMatchObject({
      table: 'objections', rule: expect.stringContaining('49号 四(八)'), count: before.objectionsDecidedOutsideJurisdiction.count + 3,
    });
    expect(r.objectionsDecidedOutsideJurisdiction.sampleIds.slice(0, 3)).toEqual([entryByGuangdong, byCourt, byGuangdong]);
    for (const lawful of [byProvince, byRecorder, entryByCity]) expect(r.objectionsDecidedOutsideJurisdiction.sampleIds).not.toContain(lawful);
    expect(r.repairsDecidedOutsideJurisdiction).toMatchObject({
      table: 'repair_applications', rule: expect.stringContaining('49号 六(十二)'), count: before.repairsDecidedOutsideJurisdiction.count + 1,
    });
    expect(r.repairsDecidedOutsideJurisdiction.sampleIds[0]).toBe(repairByNeighbour);
    expect(r.repairsDecidedOutsideJurisdiction.sampleIds).not.toContain(repairByCity);
  });

  it('finds objections and repairs decided after their due time, naming the deciding agency and official, and not those decided in time', async () => {
    const before = await report();
    const recordId = await penaltyRecord(await document('宁鼓市监处罚〔2026〕A6号'));
    const objection = (decidedAt: number, official: string) =>
      db().insert(objections).values({
        subjectId: FIRM, creditRecordId: recordId, reason: '事实有误', filedAt: at(-10), dueAt: at(-3),
        state: 'DECIDED', outcome: 'REJECTED', decidedAt: at(decidedAt), decidedBy: 'SAMR_320106', decidedByOfficial: official, response: '维持',
      }).returning({ id: objections.id }).then(([o]) => String(o!.id));
    const repair = (decidedAt: number) =>
      db().insert(repairApplications).values({
        subjectId: FIRM, creditRecordId: recordId, commitment: '信用承诺书', obligationsEvidence: '缴款凭证', filedAt: at(-10), dueAt: at(-3),
        state: 'REJECTED', decidedAt: at(decidedAt), decidedBy: 'SAMR_320100', decidedByOfficial: 'clerk-wang', decisionReason: '不符合条件',
      }).returning({ id: repairApplications.id }).then(([a]) => String(a!.id));
    const late = await objection(-1, 'clerk-li');
    const inTime = await objection(-4, 'clerk-li');
    const lateRepair = await repair(-2);
    const inTimeRepair = await repair(-5);
    const r = await report();
    expect(r.objectionsDecidedLate).toMatchObject({ table: 'objections', rule: expect.stringContaining('49号 四(八)'), count: before.objectionsDecidedLate.count + 1 });
    expect(r.objectionsDecidedLate.samples[0]).toEqual({ id: late, responsibleAgency: 'SAMR_320106', actingOfficial: 'clerk-li' });
    expect(r.objectionsDecidedLate.sampleIds).not.toContain(inTime);
    expect(r.repairsDecidedLate).toMatchObject({ rule: expect.stringContaining('49号 六(十二)'), count: before.repairsDecidedLate.count + 1 });
    expect(r.repairsDecidedLate.samples[0]).toEqual({ id: lateRepair, responsibleAgency: 'SAMR_320100', actingOfficial: 'clerk-wang' });
    expect(r.repairsDecidedLate.sampleIds).not.toContain(inTimeRepair);
  });

  it('names the official a decision through the API was made by, and the agency that must act on what is overdue', async () => {
    const build = builder(server, { clock: { now: () => clock, set: (d) => { clock = d; } } });
    const company = await build.legalPerson({ region: '320106' });
    const record = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-10-08' });
    const filed = await server.gql('mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id dueOn } }',
      { input: { creditRecordId: record.id, reason: '罚款金额录入有误，请予核实更正。' } }, await authHeaders({ role: 'SUBJECT', subject: company.id }));
    expect(filed.body.errors).toBeUndefined();
    const saved = clock;
    try {
      // Three days after the due day: overdue, then decided late.
      clock = new Date(`${filed.body.data!.fileObjection.dueOn}T10:00:00+08:00`);
      clock = at(3);
      const overdue = (await report()).overdueObjections.samples.find((x) => x.id === String(decodeId('Objection', filed.body.data!.fileObjection.id, 'id')));
      expect(overdue).toEqual(expect.objectContaining({ responsibleAgency: 'SAMR_320106', actingOfficial: null }));
      const decided = await server.gql('mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { id } }',
        { input: { id: filed.body.data!.fileObjection.id, outcome: 'REJECTED', response: '经核查，异议不成立，予以维持。' } },
        await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'));
      expect(decided.body.errors).toBeUndefined();
      const late = (await report()).objectionsDecidedLate.samples[0];
      expect(late).toEqual({ id: String(decodeId('Objection', filed.body.data!.fileObjection.id, 'id')), responsibleAgency: 'SAMR_320106', actingOfficial: 'test-department' });
    } finally {
      clock = saved;
    }
  });

  it('is for auditors only, and bounds the sample size', async () => {
    const dept = await server.gql(REPORT, { n: 5 }, await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'));
    expect(dept.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooMany = await server.gql(REPORT, { n: 1000 }, await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }));
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

/**
 * The accountability report (49号 九 强化追责问责) on violations fabricated here. Some of them
 * the database refuses, so the test goes around the guards as an attacker with table-owner
 * rights would (DISABLE TRIGGER, DROP CONSTRAINT … re-added NOT VALID) and checks that the
 * report still finds them. Injected clock for the deadlines.
 */
import { sql } from 'drizzle-orm';
import {
  catalogItems, catalogVersions, creditRecords, legalDocuments, measureApplications, objections, punishmentMeasures,
  repairApplications, seriousListEntries, seriousListTypes,
} from '../../src/db/schema';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let clock = new Date('2026-11-20T04:00:00Z');
beforeAll(async () => {
  server = await startTestServer({ subjects: 30, now: () => clock });
});
afterAll(() => server.close());

const DAY = 86_400_000;
const at = (days: number) => new Date(clock.getTime() + days * DAY);

const REPORT = `query($n: Int) { accountabilityReport(sampleSize: $n) { asOf
  recordsOutsideCatalog { rule table count sampleIds } measuresOutsideList { count sampleIds }
  overdueObjections { count sampleIds } overdueRepairs { count sampleIds }
  listingsWithoutDecisionDocument { count sampleIds } listingsWithoutPublishedStandard { count sampleIds }
  dishonestyRecordsWithoutDocument { count sampleIds } } }`;

type Finding = { count: number; sampleIds: string[] };
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
    subjectId: 1, catalogItemId: penaltyItemId(), dishonesty: true, legalDocumentId: documentId, agencyCode: 'SAMR_320106',
    decisionDate: '2026-10-01', severity: 'GENERAL', payload: {},
  }).returning({ id: creditRecords.id });
  return r!.id;
}

const LISTED = {
  subjectId: 4, agencyCode: 'SAMR_320106', noticeReasons: '拟列入', noticeBasis: '依据', noticeRights: '陈述申辩权',
  notifiedAt: new Date('2026-09-01T02:00:00Z'), objectionDeadline: '2026-09-15', decisionReasons: '事由', decisionBasis: '依据',
  measuresNotice: '措施', removalConditions: '条件', removalProcedure: '程序', remedies: '复议或诉讼', listedAt: new Date('2026-10-01T02:00:00Z'),
  state: 'LISTED' as const,
};

let baseline: Report;
beforeAll(async () => {
  baseline = await report();
});

describe('the accountability report', () => {
  it('finds nothing the database guards forbid in data written through the guards', () => {
    expect(baseline.recordsOutsideCatalog).toMatchObject({ count: 0, sampleIds: [] });
    expect(baseline.measuresOutsideList.count).toBe(0);
    expect(baseline.listingsWithoutDecisionDocument.count).toBe(0);
    expect(baseline.dishonestyRecordsWithoutDocument.count).toBe(0);
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
    const values = { subjectId: 1, catalogItemId: item!.id, dishonesty: false, agencyCode: 'SAMR_320106', decisionDate: '2026-10-01', payload: {} };
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
      db().insert(objections).values({ subjectId: 1, creditRecordId: recordId, reason: '事实有误', filedAt: at(filed), dueAt: at(due), ...extra })
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
        subjectId: 1, creditRecordId: recordId, commitment: '信用承诺书', obligationsEvidence: '缴款凭证', filedAt: at(-10), dueAt: at(due), state,
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
      const [e] = await db().insert(seriousListEntries).values({ ...LISTED, listTypeCode: 'SAMR_SERIOUS_VIOLATION' })
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
      const [e] = await db().insert(seriousListEntries).values({ ...LISTED, listTypeCode, decisionDocumentId: await document(number) })
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

  it('is for auditors only, and bounds the sample size', async () => {
    const dept = await server.gql(REPORT, { n: 5 }, await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'));
    expect(dept.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooMany = await server.gql(REPORT, { n: 1000 }, await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }));
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

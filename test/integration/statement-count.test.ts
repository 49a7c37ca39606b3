/**
 * The N+1 guard: a profile query issues the same number of SQL statements whether the
 * subject has 1 record or 50, and a partner batch the same for 1 subject or 30.
 */
import { sql } from 'drizzle-orm';
import { creditRecords, legalDocuments, subjects } from '../../src/db/schema';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ subjects: 10 });
});
afterAll(() => server.close());

const PROFILE = `query($code: String!) { subject(code: $code) { name legalRepresentative
  profile {
    licences { totalCount edges { node { decisionDate ... on AdministrativeLicence { documentNumber licensingAuthority } } } }
    penalties(first: 100) { totalCount edges { node { decisionDate publicationEnd catalogItem { code name }
      ... on AdministrativePenalty { documentNumber penaltyCategory fineAmount legalRepresentative decidingAuthority } } } }
    honesty { totalCount } anomalies { totalCount } seriousLists { totalCount }
  } } }`;

async function subjectWithPenalties(uscc: string, count: number): Promise<void> {
  const db = server.database.db;
  const [s] = await db.insert(subjects).values({ kind: 'LEGAL_PERSON', uscc, name: `测试企业${count}`, legalRepresentative: '张三', regionCode: '320100' })
    .returning({ id: subjects.id });
  const item = server.catalog.itemByCode('03-02-001')!;
  for (let i = 0; i < count; i++) {
    const [doc] = await db.insert(legalDocuments).values({
      kind: 'ADMINISTRATIVE_PENALTY', number: `测罚〔2026〕${count}-${i}号`, issuerName: '南京市市场监督管理局', effectiveOn: '2026-06-01',
    }).returning({ id: legalDocuments.id });
    await db.insert(creditRecords).values({
      subjectId: s!.id, catalogItemId: item.id, dishonesty: true, legalDocumentId: doc!.id, agencyCode: 'SAMR',
      decisionDate: '2026-06-01', severity: 'GENERAL', regime: 'NDRC_ORDER_36', publishFrom: '2026-06-01', publishMinUntil: '2026-09-01',
      publishUntil: '2027-06-01', payload: { documentNumber: `测罚〔2026〕${count}-${i}号`, penaltyCategory: '罚款', fineAmount: '1.5', legalRepresentative: '张三' },
    });
  }
}

describe('SQL statements per request', () => {
  it('do not grow with the records a profile returns (1 vs 50)', async () => {
    const one = '91110000600037341L';
    const fifty = '91440300708461136T';
    await subjectWithPenalties(one, 1);
    await subjectWithPenalties(fifty, 50);
    const a = await server.gql(PROFILE, { code: one });
    const b = await server.gql(PROFILE, { code: fifty });
    expect(a.body.data?.subject.profile.penalties.totalCount).toBe(1);
    expect(b.body.data?.subject.profile.penalties.totalCount).toBe(50);
    expect(b.statements).toBe(a.statements);
    expect(a.statements).toBeLessThanOrEqual(2);
  });

  it('do not grow with the subjects of a partner batch, access log write included', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const rows = (await server.database.db.execute(sql`SELECT uscc FROM subjects WHERE uscc IS NOT NULL ORDER BY id`)) as unknown;
    const codes = ((Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ uscc: string }>).map((r) => r.uscc);
    const q = `query($c: [String!]!) { subjectsByCodes(codes: $c) { name legalRepresentative profile { penalties { totalCount edges { node { ... on AdministrativePenalty { fineAmount } } } } } } }`;
    const single = await server.gql(q, { c: codes.slice(0, 1) }, headers);
    const batch = await server.gql(q, { c: codes }, headers);
    expect(batch.body.errors).toBeUndefined();
    expect(batch.statements).toBe(single.statements);
  });
});

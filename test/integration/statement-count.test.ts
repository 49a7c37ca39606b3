/**
 * The N+1 guard: a profile query issues the same number of SQL statements whether the
 * subject has 1 record or 50, and a partner batch the same for 1 subject or 12.
 */
import { builder, type Builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let build: Builder;
beforeAll(async () => {
  server = await startTestServer({ seed: false });
  build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
});
afterAll(() => server.close());

const PROFILE = `query($code: String!) { subject(code: $code) { name legalRepresentative
  profile {
    licences { totalCount edges { node { decisionDate ... on AdministrativeLicence { documentNumber licensingAuthority } } } }
    penalties(first: 100) { totalCount edges { node { decisionDate publicationEnd catalogItem { code name }
      ... on AdministrativePenalty { documentNumber penaltyCategory fineAmount legalRepresentative decidingAuthority } } } }
    honesty { totalCount } anomalies { totalCount } seriousLists { totalCount }
  } } }`;

/** A company with `count` market-regulation penalties and a licence, recorded through the API; its code. */
async function subjectWithPenalties(count: number): Promise<string> {
  const company = await build.legalPerson({ name: `测试企业${count}`, region: '320100' });
  for (let i = 0; i < count; i++) await build.penalty(company, { by: 'SAMR_320100', decisionDate: '2026-06-01' });
  await build.licence(company, { by: 'SAMR_320100', decisionDate: '2026-01-05' });
  return company.uscc!;
}

describe('SQL statements per request', () => {
  it('do not grow with the records a profile returns (1 vs 50)', async () => {
    const one = await subjectWithPenalties(1);
    const fifty = await subjectWithPenalties(50);
    const a = await server.gql(PROFILE, { code: one });
    const b = await server.gql(PROFILE, { code: fifty });
    expect(a.body.data?.subject.profile.penalties.totalCount).toBe(1);
    expect(b.body.data?.subject.profile.penalties.totalCount).toBe(50);
    expect(b.statements).toBe(a.statements);
    // The subject and its profile's records are read in one statement (CreditRecordRepo.subjectsWithVisibleRecords).
    expect(a.statements).toBe(1);
  });

  it('do not grow with the subjects of a partner batch, access log write included', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push(await subjectWithPenalties(i % 3 + 1));
    const q = `query($c: [String!]!) { subjectsByCodes(codes: $c) { name legalRepresentative profile { penalties { totalCount edges { node { ... on AdministrativePenalty { fineAmount } } } } } } }`;
    const single = await server.gql(q, { c: codes.slice(0, 1) }, headers);
    const batch = await server.gql(q, { c: codes }, headers);
    expect(batch.body.errors).toBeUndefined();
    expect(batch.statements).toBe(single.statements);
  });
});

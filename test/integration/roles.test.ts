/**
 * What each role sees, and does not see, of a subject's data — through the real server,
 * middleware and database. The test builds a steel company with a current and an expired
 * penalty, a natural person with a penalty, and a dozen firms for the batch lookup.
 */
import { sql } from 'drizzle-orm';
import { builder, type BuiltSubject } from '../support/builders';
import { ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const clock = new Date('2026-12-01T10:00:00+08:00');
const TODAY = '2026-12-01';
let server: TestServer;
let steel: BuiltSubject;
let STEEL = '';
/** A natural person with a penalty (03-02-001), and a second firm. */
let wang: BuiltSubject;
let other: BuiltSubject;
let firms: BuiltSubject[];

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server);
  await build.agencies('NDRC', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'STA', 'STA_320000', 'STA_320100');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  steel = await build.legalPerson({ name: '南京测试钢铁联合有限公司', region: '320106', legalRepresentative: '陈立平', address: '南京市鼓楼区中山北路1号' });
  STEEL = steel.uscc!;
  const rep = { legalRepresentative: '陈立平' };
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2025-06-10', fields: rep });
  // Published for three years at most: ended in 2022, kept in the database.
  await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2019-09-16', fields: rep });
  wang = await build.naturalPerson({ name: '王建军', region: '320106' });
  await build.penalty(wang, { by: 'SAMR_320106', decisionDate: '2026-03-02' });
  other = await build.individualBusiness();
  firms = [steel, other];
  for (let i = 0; i < 12; i++) {
    const firm = await build.legalPerson();
    await build.penalty(firm, { by: 'SAMR_320106', decisionDate: '2026-06-01' });
    await build.licence(firm, { by: 'SAMR_320106', decisionDate: '2026-06-02' });
    firms.push(firm);
  }
}, 120_000);
afterAll(() => server.close());

const PROFILE = `query Profile($code: String!) {
  subject(code: $code) {
    name legalRepresentative legalRepIdNumber address
    profile { penalties(first: 50) { totalCount edges { node { decisionDate recordStatus publicationEnd
      ... on AdministrativePenalty { documentNumber fineAmount legalRepresentative legalRepIdNumber } } } } }
  }
}`;

const errorAt = (body: { errors?: Array<{ path?: (string | number)[]; extensions?: Record<string, unknown> }> }, path: string) =>
  body.errors?.find((e) => e.path?.join('.') === path)?.extensions;

describe('the public (no token)', () => {
  it('sees published registration fields, the legal representative desensitised, and not the address or ID number', async () => {
    const { body } = await server.gql(PROFILE, { code: STEEL });
    expect(body.data?.subject).toMatchObject({ name: '南京测试钢铁联合有限公司', legalRepresentative: '陈**', address: null, legalRepIdNumber: null });
    expect(errorAt(body, 'subject.address')).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_PUBLISHED' });
    expect(errorAt(body, 'subject.legalRepIdNumber')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sees only penalties inside their publication window, never an expired one', async () => {
    const { body } = await server.gql(PROFILE, { code: STEEL });
    const nodes = body.data!.subject.profile.penalties.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    const today = TODAY;
    for (const n of nodes) {
      expect(n.recordStatus).toBe('ACTIVE');
      expect(n.publicationEnd === null || (n.publicationEnd as string) >= today).toBe(true);
      expect(n.legalRepresentative).toMatch(/^陈\*+$/);
    }
    // The 2019 penalty (ended 2022) is gone from the public view; it is still in the database.
    expect(nodes.map((n: { decisionDate: string }) => n.decisionDate)).not.toContain('2019-09-16');
  });

  it('cannot find a natural person, by name or by ID number', async () => {
    const search = await server.gql('{ searchSubjects(keyword: "王建军") { totalCount } }');
    expect(search.body.data?.searchSubjects.totalCount).toBe(0);
    const byId = await server.gql('query($id: String!) { naturalPerson(idNumber: $id) { name } }', { id: wang.idNumber });
    expect(byId.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('finds companies by part of their name, with a count that matches what it can page through', async () => {
    const { body } = await server.gql('{ searchSubjects(keyword: "测试钢铁", first: 5) { totalCount edges { node { name uscc } } } }');
    expect(body.data?.searchSubjects.edges[0].node).toEqual({ name: '南京测试钢铁联合有限公司', uscc: STEEL });
    expect(body.data?.searchSubjects.totalCount).toBe(body.data?.searchSubjects.edges.length);
  });

  it('leaves no trace in the access log', async () => {
    const before = await server.database.db.execute(sql`SELECT count(*)::int AS n FROM access_log`);
    await server.gql(PROFILE, { code: STEEL });
    const after = await server.database.db.execute(sql`SELECT count(*)::int AS n FROM access_log`);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });
});

describe('a partner agency', () => {
  it('must declare a purpose', async () => {
    const res = await server.gql(PROFILE, { code: STEEL }, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }));
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
  });

  it('receives shared fields in clear for a statutory purpose, and every access is logged', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const res = await server.gql(PROFILE, { code: STEEL }, headers);
    expect(res.body.data?.subject.legalRepresentative).toBe('陈立平');
    expect(res.body.data?.subject.legalRepIdNumber).toMatch(/^320106\d{11}[\dX]$/);
    const rows = (await server.database.db.execute(
      sql`SELECT field_path, decision, reason, purpose FROM access_log WHERE agency_code = 'JS_PRTC'`,
    )) as unknown as { rows?: unknown[] } | unknown[];
    const list = (Array.isArray(rows) ? rows : rows.rows) as Array<{ field_path: string; purpose: string }>;
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((r) => r.purpose === 'PUBLIC_RESOURCE_TRADING')).toBe(true);
    expect(list.some((r) => r.field_path.startsWith('subject{'))).toBe(true);
  });

  it('needs the person\'s live consent for a consent-based purpose: without it the person does not exist for the partner', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE');
    const query = `query($id: String!) { naturalPerson(idNumber: $id) { name
      profile { penalties { edges { node { catalogItem { code } ... on AdministrativePenalty { documentNumber fineAmount } } } } } } }`;
    const penaltyPath = 'naturalPerson.profile.penalties.edges.0.node.documentNumber';
    const without = await server.gql(query, { id: wang.idNumber }, headers);
    // No consent, no trace: not an envelope, not a count, not even that the person exists.
    expect(without.body).toEqual({ data: { naturalPerson: null } });
    const granted = await builder(server, { clock: { now: () => clock, set: () => {} } })
      .consent(wang, { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001', '03-02-002'] });
    const withConsent = await server.gql(query, { id: wang.idNumber }, headers);
    expect(withConsent.body.data?.naturalPerson.profile.penalties.edges[0].node.documentNumber).toMatch(/〔\d{4}〕/);
    expect(errorAt(withConsent.body, penaltyPath)).toBeUndefined();
    // Registration is not shared for this purpose at all: the name stays withheld, and says why.
    expect(errorAt(withConsent.body, 'naturalPerson.name')).toMatchObject({ code: 'PURPOSE_NOT_PERMITTED' });
    // The person withdraws it (PIPL 第十五条).
    ok(await server.gql('mutation($id: ID!) { revokeConsent(id: $id) { id } }', { id: granted.id }, await authHeaders({ role: 'SUBJECT', subject: wang.id })), 'revokeConsent');
    const revoked = await server.gql(query, { id: wang.idNumber }, headers);
    expect(revoked.body).toEqual({ data: { naturalPerson: null } });
  });

  it('looks up many subjects in one request with a constant number of SQL statements', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const list = firms.map((f) => f.uscc!);
    const q = 'query($c: [String!]!) { subjectsByCodes(codes: $c) { name profile { penalties { totalCount } licences { totalCount } } } }';
    const one = await server.gql(q, { c: list.slice(0, 1) }, headers);
    const many = await server.gql(q, { c: list }, headers);
    expect(many.body.data?.subjectsByCodes).toHaveLength(list.length);
    expect(many.statements).toBe(one.statements);
  });
});

describe('the data subject', () => {
  it('sees its own data in clear, expired records included, and who accessed it', async () => {
    const headers = await authHeaders({ role: 'SUBJECT', subject: steel.id });
    const { body } = await server.gql(PROFILE, { code: STEEL }, headers);
    expect(body.data?.subject).toMatchObject({ legalRepresentative: '陈立平', address: expect.stringContaining('南京市') });
    const dates = body.data!.subject.profile.penalties.edges.map((e: { node: { decisionDate: string } }) => e.node.decisionDate);
    expect(dates).toContain('2019-09-16');
    const log = await server.gql('{ myAccessLog(first: 50) { totalCount edges { node { agencyCode purpose } } } }', {}, headers);
    expect(log.body.data?.myAccessLog.edges.map((e: { node: { agencyCode: string } }) => e.node.agencyCode)).toContain('JS_PRTC');
  });

  it('sees other subjects only as the public does', async () => {
    const headers = await authHeaders({ role: 'SUBJECT', subject: other.id });
    const { body } = await server.gql(PROFILE, { code: STEEL }, headers);
    expect(body.data?.subject.legalRepresentative).toBe('陈**');
    expect(errorAt(body, 'subject.address')).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('other roles', () => {
  it('lets an auditor read and verify the access log, and nobody else', async () => {
    const auditor = await authHeaders({ role: 'AUDITOR', agency: 'NDRC' });
    const ok = await server.gql('{ verifyAccessLog { ok checked } }', {}, auditor);
    expect(ok.body.data?.verifyAccessLog.ok).toBe(true);
    expect(ok.body.data?.verifyAccessLog.checked).toBeGreaterThan(0);
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const denied = await server.gql('{ accessLog { totalCount } }', {}, partner);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('does not let a catalog administrator batch-read subjects', async () => {
    const admin = await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC' });
    const res = await server.gql('query($c: [String!]!) { subjectsByCodes(codes: $c) { name } }', { c: [STEEL] }, admin);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an expired or foreign token with 401, never the public view', async () => {
    const res = await server.gql(PROFILE, { code: STEEL }, { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    expect(res.body.data).toBeUndefined();
  });
});

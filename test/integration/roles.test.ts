/**
 * What each role sees, and does not see, of the seeded data — through the real server,
 * middleware and database. Sample subjects: #1 南京钢铁联合有限公司 (legal person), #2 an
 * individual business, #3 王建军 (natural person on the court list).
 */
import { sql } from 'drizzle-orm';
import { makeResidentId } from '../../src/identifiers';
import { consents } from '../../src/db/schema';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ subjects: 40 });
});
afterAll(() => server.close());

const STEEL = '91320100748204660Q';
const WANG_ID = makeResidentId({ divisionCode: '320106', birthDate: '1978-06-15', sequence: 123 });

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
    expect(body.data?.subject).toMatchObject({ name: '南京钢铁联合有限公司', legalRepresentative: '陈**', address: null, legalRepIdNumber: null });
    expect(errorAt(body, 'subject.address')).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_PUBLISHED' });
    expect(errorAt(body, 'subject.legalRepIdNumber')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sees only penalties inside their publication window, never an expired one', async () => {
    const { body } = await server.gql(PROFILE, { code: STEEL });
    const nodes = body.data!.subject.profile.penalties.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    const today = new Date().toISOString().slice(0, 10);
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
    const byId = await server.gql('query($id: String!) { naturalPerson(idNumber: $id) { name } }', { id: WANG_ID });
    expect(byId.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('finds companies by part of their name, with a count that matches what it can page through', async () => {
    const { body } = await server.gql('{ searchSubjects(keyword: "南京钢铁", first: 5) { totalCount edges { node { name uscc } } } }');
    expect(body.data?.searchSubjects.edges[0].node).toEqual({ name: '南京钢铁联合有限公司', uscc: STEEL });
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
    await server.database.db.execute(sql`DELETE FROM consents WHERE grantee_agency_code = 'JL_BANK' AND subject_id = 3`);
    const without = await server.gql(query, { id: WANG_ID }, headers);
    // No consent, no trace: not an envelope, not a count, not even that the person exists.
    expect(without.body).toEqual({ data: { naturalPerson: null } });
    const now = Date.now();
    const [granted] = await server.database.db.insert(consents).values({
      subjectId: 3, granteeAgencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001', '03-02-002'],
      grantedAt: new Date(now - 60_000), expiresAt: new Date(now + 86_400_000), channel: 'ONLINE', evidence: 'e-signature 42',
    }).returning({ id: consents.id });
    const withConsent = await server.gql(query, { id: WANG_ID }, headers);
    expect(withConsent.body.data?.naturalPerson.profile.penalties.edges[0].node.documentNumber).toMatch(/〔\d{4}〕/);
    expect(errorAt(withConsent.body, penaltyPath)).toBeUndefined();
    // Registration is not shared for this purpose at all: the name stays withheld, and says why.
    expect(errorAt(withConsent.body, 'naturalPerson.name')).toMatchObject({ code: 'PURPOSE_NOT_PERMITTED' });
    await server.database.db.execute(sql`UPDATE consents SET revoked_at = now() WHERE id = ${granted!.id}`);
    const revoked = await server.gql(query, { id: WANG_ID }, headers);
    expect(revoked.body).toEqual({ data: { naturalPerson: null } });
  });

  it('looks up many subjects in one request with a constant number of SQL statements', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const codes = (await server.database.db.execute(sql`SELECT uscc FROM subjects WHERE uscc IS NOT NULL ORDER BY id LIMIT 30`)) as unknown;
    const list = ((Array.isArray(codes) ? codes : (codes as { rows: unknown[] }).rows) as Array<{ uscc: string }>).map((r) => r.uscc);
    const q = 'query($c: [String!]!) { subjectsByCodes(codes: $c) { name profile { penalties { totalCount } licences { totalCount } } } }';
    const one = await server.gql(q, { c: list.slice(0, 1) }, headers);
    const many = await server.gql(q, { c: list }, headers);
    expect(many.body.data?.subjectsByCodes).toHaveLength(list.length);
    expect(many.statements).toBe(one.statements);
  });
});

describe('the data subject', () => {
  it('sees its own data in clear, expired records included, and who accessed it', async () => {
    const headers = await authHeaders({ role: 'SUBJECT', subject: 1 });
    const { body } = await server.gql(PROFILE, { code: STEEL }, headers);
    expect(body.data?.subject).toMatchObject({ legalRepresentative: '陈立平', address: expect.stringContaining('南京市') });
    const dates = body.data!.subject.profile.penalties.edges.map((e: { node: { decisionDate: string } }) => e.node.decisionDate);
    expect(dates).toContain('2019-09-16');
    const log = await server.gql('{ myAccessLog(first: 50) { totalCount edges { node { agencyCode purpose } } } }', {}, headers);
    expect(log.body.data?.myAccessLog.edges.map((e: { node: { agencyCode: string } }) => e.node.agencyCode)).toContain('JS_PRTC');
  });

  it('sees other subjects only as the public does', async () => {
    const headers = await authHeaders({ role: 'SUBJECT', subject: 2 });
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
    const res = await server.gql('{ subjectsByCodes(codes: ["91320100748204660Q"]) { name } }', {}, admin);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an expired or foreign token with 401, never the public view', async () => {
    const res = await server.gql(PROFILE, { code: STEEL }, { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    expect(res.body.data).toBeUndefined();
  });
});

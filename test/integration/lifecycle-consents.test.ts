/**
 * Consents (49号 七(十四)): a subject grants, revokes and lists its own; a partner reading
 * for a consent-based purpose sees the person's data exactly while a consent is live. Through
 * the real server with an injected clock. The test builds its own natural person, 王建军, with
 * one penalty, and another subject, and registers the agencies it calls as (no demo seed).
 */
import { sql } from 'drizzle-orm';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf } from '../support/responses';

let server: TestServer;
let clock = new Date('2026-11-20T04:00:00Z');
/** 王建军, a natural person with no consent yet, and another person with a consent of her own. */
let wangSubject: BuiltSubject;
let otherSubject: BuiltSubject;
beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server, { clock: { now: () => clock, set: (at) => { clock = at; } } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.partners('JL_BANK');
  wangSubject = await build.naturalPerson({ name: '王建军', region: '320106' });
  otherSubject = await build.naturalPerson({ name: '李娜', region: '320102' });
  await build.consent(otherSubject, { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'] });
});
afterAll(() => server.close());

const DAY = 86_400_000;

const GRANT = `mutation($input: GrantConsentInput!) {
  grantConsent(input: $input) { id agencyCode agencyName purposes itemCodes grantedAt expiresAt revokedAt channel evidence state }
}`;
const REVOKE = 'mutation($id: ID!) { revokeConsent(id: $id) { id state revokedAt } }';
const MINE = `query($first: Int, $after: String) {
  myConsents(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id agencyCode state grantedAt } } }
}`;
const PARTNER_READ = `query($id: String!) { naturalPerson(idNumber: $id) {
  profile { penalties(first: 100) { edges { node { id ... on AdministrativePenalty { documentNumber } } } } } } }`;

const wang = () => authHeaders({ role: 'SUBJECT', subject: wangSubject.id });
const other = () => authHeaders({ role: 'SUBJECT', subject: otherSubject.id });
const bank = () => authHeaders({ role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE');
const isoIn = (ms: number) => new Date(clock.getTime() + ms).toISOString();

let penaltyId: string;

function consent(extra: Record<string, unknown> = {}) {
  return {
    agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'], expiresAt: isoIn(30 * DAY),
    channel: '手机银行', evidence: '授权书电子签名摘要 0f3a9c', ...extra,
  };
}

const grant = async (input: Record<string, unknown>, headers?: Record<string, string>) =>
  server.gql(GRANT, { input }, headers ?? (await wang()));

/** What the bank sees of the penalty made below: 'clear', or the error code of its 文号. */
/** 'clear' when the bank reads the penalty; 'NO_TRACE' when, without consent, the person does not exist for it. */
async function bankSees(): Promise<string> {
  const res = await server.gql(PARTNER_READ, { id: wangSubject.idNumber }, await bank());
  if (res.body.data?.naturalPerson === null && !res.body.errors) return 'NO_TRACE';
  const edges = res.body.data!.naturalPerson.profile.penalties.edges as Array<{ node: { id: string; documentNumber: string | null } }>;
  const i = edges.findIndex((e) => e.node.id === penaltyId);
  if (i < 0) throw new Error('the bank does not see the record at all');
  if (edges[i]!.node.documentNumber) return 'clear';
  const path = `naturalPerson.profile.penalties.edges.${i}.node.documentNumber`;
  return res.body.errors?.find((e) => e.path?.join('.') === path)?.extensions?.code ?? 'none';
}

beforeAll(async () => {
  // A penalty of 王建军's under item 03-02-001, which the bank may receive for FINANCIAL_SERVICE with his consent.
  penaltyId = (await builder(server).penalty(wangSubject, {
    by: 'SAMR_320106', decisionDate: '2026-10-08', severity: 'GENERAL',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: '宁鼓市监处罚〔2026〕C1号', issuer: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-10-09' },
    fields: { penaltyCategory: '罚款', fineAmount: '0.0500', violationType: '无照经营' },
  })).id;
});

describe('granting and revoking a consent', () => {
  it('takes effect for the partner\'s next read, and a revocation ends it at once', async () => {
    expect(await bankSees()).toBe('NO_TRACE');
    const granted = await grant(consent());
    expect(granted.body.errors).toBeUndefined();
    const c = granted.body.data!.grantConsent;
    expect(c).toMatchObject({
      agencyCode: 'JL_BANK', agencyName: '江苏金陵商业银行股份有限公司', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'],
      grantedAt: clock.toISOString(), revokedAt: null, channel: '手机银行', state: 'ACTIVE',
    });
    expect(await bankSees()).toBe('clear');

    const revoked = await server.gql(REVOKE, { id: c.id }, await wang());
    expect(revoked.body.data!.revokeConsent).toEqual({ id: c.id, state: 'REVOKED', revokedAt: clock.toISOString() });
    expect(await bankSees()).toBe('NO_TRACE');
    const twice = await server.gql(REVOKE, { id: c.id }, await wang());
    expect(codeOf(twice)).toBe('INVALID_TRANSITION');
    expect(messageOf(twice)).toMatch(/already revoked/);
  });

  it('does not count once expired, and an expired consent cannot be revoked', async () => {
    const c = (await grant(consent({ expiresAt: isoIn(DAY) }))).body.data!.grantConsent;
    expect(await bankSees()).toBe('clear');
    const saved = clock;
    try {
      clock = new Date(saved.getTime() + DAY + 1000);
      expect(await bankSees()).toBe('NO_TRACE');
      const mine = await server.gql(MINE, { first: 100 }, await wang());
      const node = mine.body.data!.myConsents.edges.find((e: { node: { id: string } }) => e.node.id === c.id).node;
      expect(node.state).toBe('EXPIRED');
      const revoke = await server.gql(REVOKE, { id: c.id }, await wang());
      expect(codeOf(revoke)).toBe('INVALID_TRANSITION');
      expect(messageOf(revoke)).toMatch(/expired/);
    } finally {
      clock = saved;
    }
  });

  it('lets only the subject itself revoke its consent', async () => {
    const c = (await grant(consent())).body.data!.grantConsent;
    const byOther = await server.gql(REVOKE, { id: c.id }, await other());
    expect(codeOf(byOther)).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(REVOKE, { id: 'bm9wZQ' }, await wang()))).toBe('NOT_FOUND');
    expect((await server.gql(REVOKE, { id: c.id }, await wang())).body.data!.revokeConsent.state).toBe('REVOKED');
  });
});

describe('what a consent may say', () => {
  it('refuses a lifetime grant, citing 49号 七(十四)', async () => {
    const res = await grant(consent({ expiresAt: null }));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/lifetime grant.*49号 七\(十四\)/);
  });

  it('refuses an expiry further ahead than the maximum, or not in the future, and accepts one at the maximum', async () => {
    const far = await grant(consent({ expiresAt: '9999-12-31T00:00:00Z' }));
    expect(codeOf(far)).toBe('BAD_USER_INPUT');
    expect(messageOf(far)).toMatch(/at most 365 days ahead.*七\(十四\)/);
    expect(codeOf(await grant(consent({ expiresAt: isoIn(366 * DAY) })))).toBe('BAD_USER_INPUT');
    expect(messageOf(await grant(consent({ expiresAt: isoIn(-3_600_000) })))).toMatch(/not in the future/);
    expect(messageOf(await grant(consent({ expiresAt: clock.toISOString() })))).toMatch(/not in the future/);
    const atMax = await grant(consent({ expiresAt: isoIn(365 * DAY) }));
    expect(atMax.body.data!.grantConsent.state).toBe('ACTIVE');
  });

  it('refuses purposes that do not rest on consent, explaining why', async () => {
    const statutory = await grant(consent({ purposes: ['PUBLIC_RESOURCE_TRADING'] }));
    expect(codeOf(statutory)).toBe('BAD_USER_INPUT');
    expect(messageOf(statutory)).toMatch(/does not rest on consent.*FINANCIAL_SERVICE/);
    expect(codeOf(await grant(consent({ purposes: ['SELF_ACCESS'] })))).toBe('BAD_USER_INPUT');
    expect(codeOf(await grant(consent({ purposes: ['NO_SUCH_PURPOSE'] })))).toBe('BAD_USER_INPUT');
    expect(codeOf(await grant(consent({ purposes: [] })))).toBe('BAD_USER_INPUT');
  });

  it('refuses items outside the catalog in force, or not shared with the agency for the purpose', async () => {
    expect(codeOf(await grant(consent({ itemCodes: ['99-99-999'] })))).toBe('NOT_IN_CATALOG');
    const notShared = await grant(consent({ itemCodes: ['01-02-001'] }));
    expect(codeOf(notShared)).toBe('BAD_USER_INPUT');
    expect(messageOf(notShared)).toMatch(/not shared with JL_BANK/);
  });

  it('refuses an unknown agency and blank evidence, writing nothing', async () => {
    const count = async () => {
      const r = (await server.database.db.execute(sql`SELECT count(*)::int AS n FROM consents`)) as unknown as { rows?: Array<{ n: number }> } | Array<{ n: number }>;
      return (Array.isArray(r) ? r : r.rows!)[0]!.n;
    };
    const before = await count();
    expect(codeOf(await grant(consent({ agencyCode: 'NO_SUCH_AGENCY' })))).toBe('NOT_FOUND');
    expect(codeOf(await grant(consent({ evidence: '  ' })))).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });
});

describe('listing one\'s consents', () => {
  it('lists only one\'s own, newest first, page by page', async () => {
    const first = await server.gql(MINE, { first: 2 }, await wang());
    const page = first.body.data!.myConsents;
    expect(page.edges).toHaveLength(2);
    expect(page.totalCount).toBeGreaterThan(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges[0].node.grantedAt >= page.edges[1].node.grantedAt).toBe(true);
    const next = await server.gql(MINE, { first: 2, after: page.pageInfo.endCursor }, await wang());
    const ids = new Set(page.edges.map((e: { node: { id: string } }) => e.node.id));
    expect(next.body.data!.myConsents.edges.every((e: { node: { id: string } }) => !ids.has(e.node.id))).toBe(true);
    const others = await server.gql(MINE, { first: 100 }, await other());
    expect(others.body.data!.myConsents.edges).toHaveLength(1);
    expect(others.body.data!.myConsents.edges.every((e: { node: { id: string } }) => !ids.has(e.node.id))).toBe(true);
  });

  it('is for subjects only', async () => {
    expect(codeOf(await server.gql(MINE, { first: 5 }))).toBe('FORBIDDEN');
    expect(codeOf(await grant(consent(), await bank()))).toBe('FORBIDDEN');
  });
});

/**
 * The front page's public figures across subjects (publishedCounts, latestPublications): they
 * count and show exactly what the public may see — a record changes the public count exactly
 * as it changes the subject's public profile — and the newest 双公示 record comes first.
 */
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { ok } from '../support/responses';
import { startTestServer, type TestServer } from '../support/server';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-10');
let server: TestServer;
let build: Builder;

beforeAll(async () => {
  server = await startTestServer({ subjects: 20, now: () => clock });
  build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
}, 120_000);
afterAll(() => server.close());

const SAMR = 'SAMR_320106';

async function counts(): Promise<Record<string, number>> {
  const rows = ok<{ category: string; name: string; count: number }[]>(await server.gql('{ publishedCounts { category name count } }'), 'publishedCounts');
  return Object.fromEntries(rows.map((r) => [r.category, r.count]));
}

/** The subject's public profile: licences and penalties it shows. */
async function profileTotal(subject: BuiltSubject): Promise<number> {
  const res = await server.gql('query($code: String!) { subject(code: $code) { profile { licences(first: 1) { totalCount } penalties(first: 1) { totalCount } } } }', { code: subject.uscc });
  const profile = ok(res, 'subject').profile;
  return profile.licences.totalCount + profile.penalties.totalCount;
}

describe('publishedCounts', () => {
  it('names each category as the catalog does and counts the seeded public records', async () => {
    const res = await server.gql('{ publishedCounts { category name count } }');
    const rows = ok<{ category: string; name: string; count: number }[]>(res, 'publishedCounts');
    expect(rows).toContainEqual(expect.objectContaining({ category: 'ADMINISTRATIVE_MANAGEMENT', name: '行政管理信息' }));
    expect(rows.find((r) => r.category === 'ADMINISTRATIVE_MANAGEMENT')!.count).toBeGreaterThan(0);
    expect(rows.map((r) => r.category)).not.toContain('REGISTRATION_BASICS');
  });

  it('moves exactly as the subject\'s public profile does: a published penalty counts, an expired one does not', async () => {
    const company = await build.legalPerson();
    const before = await counts();
    await build.penalty(company, { by: SAMR, decisionDate: '2026-12-01' });
    const afterPublished = await counts();
    expect(await profileTotal(company)).toBe(1);
    expect(afterPublished.ADMINISTRATIVE_MANAGEMENT).toBe(before.ADMINISTRATIVE_MANAGEMENT! + 1);

    // A minor penalty decided years ago: out of its publication period, on the profile and in the count alike.
    const other = await build.legalPerson();
    await build.penalty(other, { by: SAMR, decisionDate: '2020-03-02', severity: 'MINOR' });
    expect(await profileTotal(other)).toBe(0);
    expect((await counts()).ADMINISTRATIVE_MANAGEMENT).toBe(afterPublished.ADMINISTRATIVE_MANAGEMENT);
  });
});

describe('latestPublications', () => {
  it('shows the newest 双公示 record first, with its subject, as the public sees them', async () => {
    const company = await build.legalPerson();
    clock = at('2026-12-11');
    const made = await build.licence(company, { by: SAMR, decisionDate: '2026-12-11' });
    const res = await server.gql(`{ latestPublications(first: 5) {
      id subject { uscc name } record { __typename id decisionDate publicationStart }
    } }`);
    const latest = ok<{ id: string; subject: { uscc: string }; record: { __typename: string; id: string; publicationStart: string } }[]>(res, 'latestPublications');
    expect(latest.length).toBe(5);
    expect(latest[0]).toMatchObject({ id: made.id, subject: { uscc: company.uscc }, record: { id: made.id } });
    for (const r of latest) expect(['AdministrativeLicence', 'AdministrativePenalty']).toContain(r.record.__typename);
    const starts = latest.map((r) => r.record.publicationStart);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it('refuses a page size outside 1 to 50', async () => {
    const res = await server.gql('{ latestPublications(first: 51) { id } }');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

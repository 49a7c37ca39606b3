/**
 * What a normalised client cache (Apollo, Relay, urql) relies on: every object it stores has an
 * `id`, the same object has the same id wherever in the graph it is reached, and a batch answers
 * per position. And what the ids must not do: a subject's id derives from nothing a client knows
 * (not its code, not a natural person's ID number), and differs between callers, so it is no
 * pseudonym two callers could match a person by.
 */
import { sql } from 'drizzle-orm';
import { issueToken } from '../../src/auth/tokens';
import { createIdNumberVault, makeResidentId } from '../../src/identifiers';
import { authHeaders, startTestServer, TEST_KEYS, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ subjects: 40 });
}, 240_000);
afterAll(() => server?.close());

const STEEL = '91320100748204660Q';
const WANG = makeResidentId({ divisionCode: '320106', birthDate: '1978-06-15', sequence: 123 });
const vault = createIdNumberVault({ hmacKey: TEST_KEYS.idHmac, encryptionKey: TEST_KEYS.idEncryption });
const OPAQUE = /^[A-Za-z0-9_-]{22}$/;

const SUBJECT_ID = 'query($c: String!) { subject(code: $c) { id uscc } }';

async function subjectId(headers: Record<string, string> = {}): Promise<string> {
  const res = await server.gql(SUBJECT_ID, { c: STEEL }, headers);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.subject.id;
}

/** The internal id of the natural person with this ID number (found by its keyed hash, as the server does). */
async function internalIdOf(idNumber: string): Promise<number> {
  const hash = vault.lookupHash(idNumber).toString('hex');
  const result = await server.database.db.execute<{ id: string }>(sql`SELECT id FROM subjects WHERE id_number_hash = ${hash}`);
  const rows = (result as unknown as { rows?: Array<{ id: string }> }).rows ?? (result as unknown as Array<{ id: string }>);
  return Number(rows[0]!.id);
}

describe('Subject.id', () => {
  it('is opaque, and the same for one caller on every request and every path to the subject', async () => {
    const first = await subjectId();
    expect(first).toMatch(OPAQUE);
    expect(await subjectId()).toBe(first);
    // Found by search, the same subject is the same cache entry.
    const search = await server.gql('query($k: String!) { searchSubjects(keyword: $k) { edges { node { id uscc } } } }', { k: STEEL });
    expect(search.body.data!.searchSubjects.edges).toEqual([{ node: { id: first, uscc: STEEL } }]);
    // And it is not the code, nor anything decoding to the row id or the code.
    const decoded = Buffer.from(first, 'base64url').toString('latin1');
    expect(decoded).not.toMatch(/Subject|\d{3}/);
    expect(first).not.toContain(STEEL);
  });

  it('differs between subjects, and between callers for the same subject', async () => {
    const publicId = await subjectId();
    const partner = await subjectId(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
    const auditor = await subjectId(await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }));
    expect(new Set([publicId, partner, auditor]).size).toBe(3);
    const two = await server.gql('{ searchSubjects(keyword: "南京", first: 2) { edges { node { id uscc } } } }');
    const [a, b] = two.body.data!.searchSubjects.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(a).toMatch(OPAQUE);
    expect(a).not.toBe(b);
  });

  it('of a natural person encodes no ID number and differs for each caller entitled to the person', async () => {
    const PERSON = 'query($n: String!) { naturalPerson(idNumber: $n) { id } }';
    const gulou = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    const found = await server.gql(PERSON, { n: WANG }, gulou);
    // The bureau may reach the person's records but not every registration field (those stay
    // nullable, withheld field by field): the id is what keys the person in its cache all the same.
    expect(found.body.data!.naturalPerson).toEqual({ id: expect.stringMatching(OPAQUE) });
    const id: string = found.body.data!.naturalPerson.id;
    expect((await server.gql(PERSON, { n: WANG }, gulou)).body.data!.naturalPerson.id).toBe(id);
    const decoded = Buffer.from(id, 'base64url').toString('latin1');
    expect(decoded).not.toContain(WANG.slice(-6));
    expect(id).not.toContain(vault.lookupHash(WANG).toString('base64url').slice(0, 8));

    // Another official of the same bureau, and the person themself: each a different id for the same person.
    const colleagueToken = await issueToken(TEST_KEYS.jwtSecret, { sub: 'another-official', role: 'DEPARTMENT', agency: 'SAMR_320106' });
    const colleague = await server.gql(PERSON, { n: WANG }, { authorization: `Bearer ${colleagueToken}`, 'x-purpose': 'CREDIT_SUPERVISION' });
    const self = await server.gql(PERSON, { n: WANG }, await authHeaders({ role: 'SUBJECT', subject: await internalIdOf(WANG) }));
    const ids = [id, colleague.body.data!.naturalPerson.id, self.body.data!.naturalPerson.id];
    expect(ids.every((x) => OPAQUE.test(x))).toBe(true);
    expect(new Set(ids).size).toBe(3);
  });

  it('of a natural person on the public lists is new in every anonymous request: no public pseudonym follows a person', async () => {
    const q = '{ seriousLists(first: 100) { edges { node { subject { id uscc subjectKind } } } } }';
    type Node = { subject: { id: string; uscc: string | null; subjectKind: string | null } | null };
    const read = async () => ((await server.gql(q)).body.data!.seriousLists.edges as Array<{ node: Node }>).map((e) => e.node.subject);
    const [first, second] = [await read(), await read()];
    const persons = first.map((s, i) => [s, second[i]] as const).filter(([s]) => s && s.uscc === null);
    const organisations = first.map((s, i) => [s, second[i]] as const).filter(([s]) => s?.uscc);
    expect(persons.length).toBeGreaterThan(0);
    expect(organisations.length).toBeGreaterThan(0);
    for (const [a, b] of persons) {
      expect(a!.id).toMatch(OPAQUE);
      expect(b!.id).not.toBe(a!.id);
    }
    // An organisation's code is published anyway: it keeps one public id.
    for (const [a, b] of organisations) expect(b!.id).toBe(a!.id);
    // Within one response a person listed twice is one cache entry.
    const ids = new Map<string, string>();
    for (const s of first) if (s?.uscc) expect(ids.get(s.uscc) ?? (ids.set(s.uscc, s.id), s.id)).toBe(s.id);
  });

  it('is never an argument: no field of the schema takes a subject id', async () => {
    const res = await server.gql('{ __schema { types { fields { name args { name type { name ofType { name } } } } } } }');
    const args = (res.body.data!.__schema.types as Array<{ fields: Array<{ name: string; args: Array<{ name: string }> }> | null }>)
      .flatMap((t) => t.fields ?? []).flatMap((f) => f.args.map((a) => `${f.name}(${a.name})`));
    expect(args.filter((a) => /subjectId|^node\(/.test(a))).toEqual([]);
  });
});

describe('subjectsByCodes answers per code', () => {
  it('gives a malformed code its own INVALID_USCC at its position, and answers the others', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const res = await server.gql(
      'query($c: [String!]!) { subjectsByCodes(codes: $c) { id uscc } }',
      { c: [STEEL, '91320100748204660X', '91320100000000000Z'.slice(0, 17) + '0', STEEL] },
      headers,
    );
    const list = res.body.data!.subjectsByCodes;
    expect(list).toHaveLength(4);
    expect(list[0]).toEqual({ id: expect.stringMatching(OPAQUE), uscc: STEEL });
    expect(list[3]).toEqual(list[0]);
    expect(list[1]).toBeNull();
    const errors = res.body.errors ?? [];
    expect(errors.find((e: { path?: unknown[] }) => e.path?.join('.') === 'subjectsByCodes.1')).toMatchObject({
      message: expect.stringMatching(/^codes\[1\]: /),
      extensions: { code: 'INVALID_USCC', index: 1 },
    });
    // Position 2 is either malformed too (then its own error) or a well-formed code nobody has (null, no error).
    expect(errors.every((e: { path?: unknown[] }) => ['subjectsByCodes.1', 'subjectsByCodes.2'].includes(e.path?.join('.') ?? ''))).toBe(true);
  });

  it('still refuses a batch over the limit as a whole', async () => {
    const headers = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const res = await server.gql('query($c: [String!]!) { subjectsByCodes(codes: $c) { uscc } }', { c: Array(101).fill(STEEL) }, headers);
    expect(res.body.data?.subjectsByCodes ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|COST_LIMIT|SELECTION_LIMIT/);
  });
});

describe('closed vocabularies are enums', () => {
  it('filters records by RecordKind and CatalogCategory values, and refuses a string where an enum is due', async () => {
    const q = `query($c: String!, $k: [RecordKind!], $cat: [CatalogCategory!]) { subject(code: $c) {
      creditRecords(first: 100, recordKinds: $k, categories: $cat) { totalCount edges { node { __typename recordStatus severity catalogItem { category recordKind } } } } } }`;
    const all = (await server.gql(q, { c: STEEL })).body.data!.subject.creditRecords;
    const penalties = (await server.gql(q, { c: STEEL, k: ['PENALTY'] })).body.data!.subject.creditRecords;
    expect(penalties.totalCount).toBeGreaterThan(0);
    expect(penalties.totalCount).toBeLessThan(all.totalCount);
    for (const { node } of penalties.edges) {
      expect(node).toMatchObject({ __typename: 'AdministrativePenalty', catalogItem: { recordKind: 'PENALTY' } });
      expect(['ACTIVE', 'REPAIRED', 'REVOKED']).toContain(node.recordStatus);
    }
    const management = (await server.gql(q, { c: STEEL, cat: ['ADMINISTRATIVE_MANAGEMENT'] })).body.data!.subject.creditRecords;
    expect(management.edges.every((e: { node: { catalogItem: { category: string } } }) => e.node.catalogItem.category === 'ADMINISTRATIVE_MANAGEMENT')).toBe(true);

    const literal = await server.gql(`{ subject(code: "${STEEL}") { creditRecords(recordKinds: ["PENALTY"]) { totalCount } } }`);
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknown = await server.gql(q, { c: STEEL, k: ['FINE'] });
    expect(unknown.body.errors?.[0]?.message).toMatch(/FINE/);
  });

  it('describes every enum value, the record kinds from their descriptors and the categories from the catalog', async () => {
    const res = await server.gql(`{
      kinds: __type(name: "RecordKind") { enumValues { name description } }
      categories: __type(name: "CatalogCategory") { enumValues { name description } }
    }`);
    const kinds = res.body.data!.kinds.enumValues as Array<{ name: string; description: string }>;
    expect(kinds.find((v) => v.name === 'PENALTY')?.description).toMatch(/^行政处罚.*AdministrativePenalty/);
    const categories = res.body.data!.categories.enumValues as Array<{ name: string; description: string }>;
    expect(categories).toHaveLength(13);
    expect(categories.find((v) => v.name === 'INTELLECTUAL_PROPERTY')?.description).toBe('知识产权信息');
  });
});

describe('SeriousListing.id', () => {
  it('identifies each line of the public listing, stably, and is not its record\'s id', async () => {
    const q = '{ seriousLists(first: 20) { edges { node { id record { id } } } } }';
    const [a, b] = [await server.gql(q), await server.gql(q)];
    const nodes = a.body.data!.seriousLists.edges.map((e: { node: { id: string; record: { id: string } } }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(b.body.data!.seriousLists.edges.map((e: { node: unknown }) => e.node)).toEqual(nodes);
    expect(new Set(nodes.map((n: { id: string }) => n.id)).size).toBe(nodes.length);
    for (const n of nodes) expect(n.id).not.toBe(n.record.id);
  });
});

describe('reference data and the access log', () => {
  it('give every item, measure, list type, purpose and log entry an id of its own', async () => {
    const ref = await server.gql(`{ catalogItems { id code version } punishmentMeasures { id code version severities }
      seriousListTypes { id code standardLevel } purposes { id code personalDataBasis declaredBy } }`);
    expect(ref.body.errors).toBeUndefined();
    for (const list of Object.values(ref.body.data!) as Array<Array<{ id: string }>>) {
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
    }
    const again = await server.gql('{ catalogItems { id code version } }');
    expect(again.body.data!.catalogItems).toEqual(ref.body.data!.catalogItems);

    // Reach the log with an auditor's read, then read it back: each entry keyed by an opaque id.
    const auditor = await authHeaders({ role: 'AUDITOR', agency: 'NDRC' });
    await server.gql(SUBJECT_ID, { c: STEEL }, auditor);
    const log = await server.gql('{ accessLog(first: 5) { edges { node { id seq } } } }', {}, auditor);
    const entries = log.body.data!.accessLog.edges.map((e: { node: { id: string; seq: string } }) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.id).not.toBe(e.seq);
    expect(new Set(entries.map((e: { id: string }) => e.id)).size).toBe(entries.length);
  });
});

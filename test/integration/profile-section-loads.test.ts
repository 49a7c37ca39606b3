/**
 * The profile's sections load only the record kinds the operation selects: a partner's batch
 * asking for penalties does not load, decide and build every licence of fifty companies. What
 * a section lists must never depend on that narrowing: every way of selecting sections —
 * aliases, fragments, inline fragments, several `profile` fields, `creditRecords` beside them —
 * gives the records `creditRecords(recordKinds:)` gives.
 */
import { CreditRecordRepo } from '../../src/modules/credit-record/credit-record.repo';
import { accessEntries } from '../support/access-log';
import { builder, type BuiltSubject } from '../support/builders';
import { ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let steel: BuiltSubject;
let glass: BuiltSubject;
beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  steel = await build.legalPerson({ region: '320100' });
  glass = await build.legalPerson({ region: '320100' });
  for (const [subject, day] of [[steel, '10'], [steel, '11'], [glass, '12']] as const) {
    await build.penalty(subject, { by: 'SAMR_320106', decisionDate: `2025-06-${day}` });
    await build.licence(subject, { by: 'SAMR_320106', decisionDate: `2025-05-${day}` });
    await build.licence(subject, { by: 'SAMR_320106', decisionDate: `2025-04-${day}` });
  }
}, 120_000);
afterAll(() => server.close());

const partner = () => authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
const NODE = 'edges { node { id recordNumber catalogItem { recordKind } } }';

/**
 * The record kinds of every row the repository loaded while `run` ran: by the records loader,
 * or with their subject in one statement.
 */
async function kindsLoaded(run: () => Promise<unknown>): Promise<string[][]> {
  const spy = jest.spyOn(CreditRecordRepo.prototype, 'visibleForSubjects');
  const fused = jest.spyOn(CreditRecordRepo.prototype, 'subjectsWithVisibleRecords');
  try {
    await run();
    const loads = [
      ...await Promise.all(spy.mock.results.map((r) => r.value as Promise<Array<{ catalogItemId: number }>>)),
      ...await Promise.all(fused.mock.results.map(async (r) => (await (r.value as Promise<{ records: Array<{ catalogItemId: number }> }>)).records)),
    ];
    const kindOf = new Map<number, string>();
    for (const item of server.catalog.allItems()) kindOf.set(item.id, item.recordKind);
    return loads.map((rows) => [...new Set(rows.map((r) => kindOf.get(r.catalogItemId)!))].sort());
  } finally {
    spy.mockRestore();
    fused.mockRestore();
  }
}

/** A request's access-log entries (path, item, decision, reason), sorted, count rows split (test/support/access-log.ts). */
async function logOf(requestId: string): Promise<string[]> {
  return (await accessEntries(server.database, requestId)).map((e) => [e.path, e.item, e.decision, e.reason].join(' ')).sort();
}

async function byKind(subject: BuiltSubject, kind: string, headers?: Record<string, string>) {
  const res = await server.gql(`query($code: String!, $k: [RecordKind!]) { subject(code: $code) { creditRecords(first: 100, recordKinds: $k) { ${NODE} } } }`,
    { code: subject.uscc, k: [kind] }, headers);
  return ok(res, 'subject').creditRecords.edges;
}

describe('profile sections', () => {
  it('load only the kinds the operation selects: penalties alone read no licence', async () => {
    const headers = await partner();
    let data: { subjectsByCodes: Array<{ profile: { penalties: { totalCount: number } } }> } | undefined;
    const loads = await kindsLoaded(async () => {
      const res = await server.gql(`query($codes: [String!]!) { subjectsByCodes(codes: $codes) { profile { penalties(first: 5) { totalCount ${NODE} } } } }`,
        { codes: [steel.uscc, glass.uscc] }, headers);
      data = { subjectsByCodes: ok(res, 'subjectsByCodes') };
    });
    expect(data!.subjectsByCodes.map((s) => s.profile.penalties.totalCount)).toEqual([2, 1]);
    // One statement for both subjects, and it carried penalties only.
    expect(loads).toEqual([['PENALTY']]);
  });

  it('selected together share one load of their kinds', async () => {
    const loads = await kindsLoaded(() => server.gql(`query($code: String!) { subject(code: $code) { profile {
      penalties { totalCount } licences { totalCount } } } }`, { code: steel.uscc }));
    expect(loads).toEqual([['LICENCE', 'PENALTY']]);
  });

  it.each([
    ['directly', `profile { penalties(first: 9) { ${NODE} } licences(first: 9) { ${NODE} } }`],
    ['under aliases', `profile { p: penalties(first: 9) { ${NODE} } l: licences(first: 9) { ${NODE} } }`],
    ['through a fragment spread', 'profile { ...Sections }', `fragment Sections on CreditProfile { p: penalties(first: 9) { ${NODE} } l: licences(first: 9) { ${NODE} } }`],
    ['through nested fragments', 'profile { ...A }', `fragment A on CreditProfile { p: penalties(first: 9) { ${NODE} } ...B } fragment B on CreditProfile { l: licences(first: 9) { ${NODE} } }`],
    ['through inline fragments, one skipped', `profile { ... on CreditProfile { p: penalties(first: 9) { ${NODE} } } ... @skip(if: true) { honesty { totalCount } } l: licences(first: 9) { ${NODE} } }`],
    ['split across two profile fields', `a: profile { p: penalties(first: 9) { ${NODE} } } b: profile { l: licences(first: 9) { ${NODE} } }`],
    ['beside creditRecords', `creditRecords(first: 1) { totalCount } profile { penalties(first: 9) { ${NODE} } licences(first: 9) { ${NODE} } }`],
  ])('list what creditRecords(recordKinds:) lists, selected %s', async (_how, selection, fragments = '') => {
    for (const headers of [undefined, await partner()]) {
      const res = await server.gql(`query($code: String!) { subject(code: $code) { ${selection} } } ${fragments}`, { code: steel.uscc }, headers);
      const subject = ok(res, 'subject') as Record<string, { penalties?: { edges: unknown[] }; licences?: { edges: unknown[] }; p?: { edges: unknown[] }; l?: { edges: unknown[] } }>;
      const profiles = Object.entries(subject).filter(([k]) => k !== 'creditRecords').map(([, v]) => v);
      const penalties = profiles.map((p) => (p.p ?? p.penalties)?.edges).find(Boolean);
      const licences = profiles.map((p) => (p.l ?? p.licences)?.edges).find(Boolean);
      expect(penalties).toEqual(await byKind(steel, 'PENALTY', headers));
      expect(licences).toEqual(await byKind(steel, 'LICENCE', headers));
      expect(penalties).toHaveLength(2);
      expect(licences).toHaveLength(4);
    }
  });

  describe('read with their subject in one statement', () => {
    const SECTIONS = `profile { penalties(first: 9) { totalCount ${NODE} } licences(first: 9) { totalCount ${NODE} } honesty { totalCount } }`;
    const callers: Array<[string, () => Promise<Record<string, string> | undefined>]> = [
      ['the public', async () => undefined],
      ['a partner', partner],
      ['the recording department', () => authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')],
    ];
    it.each(callers)('give %s what the records loader gives', async (_who, headersOf) => {
      const headers = await headersOf();
      for (const subject of [steel, glass]) {
        const one = await server.gql(`query($code: String!) { subject(code: $code) { name ${SECTIONS} } }`, { code: subject.uscc }, headers);
        // A second profile of other sections makes two loads: nothing is read ahead, the subject
        // is read alone and each load goes through the records loader — the reference.
        const apart = await server.gql(`query($code: String!) { subject(code: $code) { name ${SECTIONS} other: profile { anomalies { totalCount } } } }`, { code: subject.uscc }, headers);
        const { other: _other, ...reference } = ok(apart, 'subject');
        expect(ok(one, 'subject')).toEqual(reference);
        expect(ok(one, 'subject').profile.penalties.totalCount).toBeGreaterThan(0);
        expect(one.statements).toBe(apart.statements - 2);
      }
    });

    it('give a partner\'s batch what the records loader gives, position by position', async () => {
      const headers = await partner();
      // Unknown and malformed codes keep their positions: null, and an INVALID_USCC error at theirs.
      const codes = [glass.uscc, '91320100748204660Q', steel.uscc, 'not-a-code', glass.uscc];
      const batch = (extra: string, requestId: string) => server.gql(`query($codes: [String!]!) { subjectsByCodes(codes: $codes) { name ${SECTIONS} ${extra} } }`,
        { codes }, { ...headers, 'x-request-id': requestId });
      const together = await batch('', 'batch-together');
      const apart = await batch('other: profile { anomalies { totalCount } }', 'batch-apart');
      // The access log says the same of both, but for what the second profile itself read.
      expect(await logOf('batch-together')).toEqual((await logOf('batch-apart')).filter((row) => !row.includes('other.')));
      expect((await logOf('batch-together')).length).toBeGreaterThan(0);
      expect(together.body.errors).toEqual(apart.body.errors);
      expect(together.body.errors?.[0]?.path).toEqual(['subjectsByCodes', 3]);
      const reference = (apart.body.data?.subjectsByCodes as Array<Record<string, unknown> | null>).map((s) => s && (({ other: _o, ...rest }) => rest)(s));
      expect(together.body.data?.subjectsByCodes).toEqual(reference);
      expect(reference.map((s) => s === null)).toEqual([false, true, false, true, false]);
      expect(together.statements).toBe(apart.statements - 2);
    });

    it('an unknown code answers null, in the one statement', async () => {
      const res = await server.gql(`query($code: String!) { subject(code: $code) { name ${SECTIONS} } }`, { code: '91320100748204660Q' });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.subject).toBeNull();
      expect(res.statements).toBe(1);
    });

    it('a subject without records the viewer may see has empty sections', async () => {
      const bare = await builder(server).legalPerson({ region: '320100' });
      const res = await server.gql(`query($code: String!) { subject(code: $code) { name ${SECTIONS} } }`, { code: bare.uscc });
      expect(ok(res, 'subject').profile).toMatchObject({ penalties: { totalCount: 0, edges: [] }, licences: { totalCount: 0, edges: [] }, honesty: { totalCount: 0 } });
      expect(res.statements).toBe(1);
    });
  });
});

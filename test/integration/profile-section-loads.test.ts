/**
 * The profile's sections load only the record kinds the operation selects: a partner's batch
 * asking for penalties does not load, decide and build every licence of fifty companies. What
 * a section lists must never depend on that narrowing: every way of selecting sections —
 * aliases, fragments, inline fragments, several `profile` fields, `creditRecords` beside them —
 * gives the records `creditRecords(recordKinds:)` gives.
 */
import { CreditRecordRepo } from '../../src/modules/credit-record/credit-record.repo';
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

/** The record kinds of every row the repository loaded while `run` ran. */
async function kindsLoaded(run: () => Promise<unknown>): Promise<string[][]> {
  const spy = jest.spyOn(CreditRecordRepo.prototype, 'visibleForSubjects');
  try {
    await run();
    const loads = await Promise.all(spy.mock.results.map((r) => r.value as Promise<Array<{ catalogItemId: number }>>));
    const kindOf = new Map<number, string>();
    for (const item of server.catalog.allItems()) kindOf.set(item.id, item.recordKind);
    return loads.map((rows) => [...new Set(rows.map((r) => kindOf.get(r.catalogItemId)!))].sort());
  } finally {
    spy.mockRestore();
  }
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
});

/**
 * The access log as the partner, the subject and the auditor meet it: exactly one row per
 * non-public access (a record read, per outcome), written with the request, chained; and no
 * data released when the log cannot be written.
 */
import { sql } from 'drizzle-orm';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
/** A company whose legal representative is 陈立平, and a shop that asks about it as another subject. */
let steel: BuiltSubject;
let shop: BuiltSubject;
let STEEL = '';
beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const build = builder(server);
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100', legalRepresentative: '陈立平' });
  shop = await build.individualBusiness({ region: '320106' });
  STEEL = steel.uscc!;
});
afterAll(() => server.close());

type Row = { field_path: string; decision: string; reason: string; client_request_id: string; purpose: string; operation: string };
async function rowsOf(requestId: string): Promise<Row[]> {
  const r = (await server.database.db.execute(
    sql`SELECT field_path, decision, reason, client_request_id, purpose, operation FROM access_log WHERE client_request_id = ${requestId} ORDER BY seq`,
  )) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: Row[] }).rows) as Row[];
}

describe('the access log', () => {
  it('has one row per record read and outcome, with who, purpose, the agreement it was shared under, operation and fields', async () => {
    const headers = { ...(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')), 'x-request-id': 'req-one-row' };
    const q = 'query Bids($c: [String!]!) { subjectsByCodes(codes: $c) { name legalRepresentative } }';
    const res = await server.gql(q, { c: [STEEL, shop.uscc] }, headers);
    expect(res.body.errors).toBeUndefined();
    expect(await rowsOf('req-one-row')).toEqual([
      { field_path: 'subjectsByCodes.0{name,legalRepresentative}', decision: 'ALLOW', reason: 'SHARED:JS_PRTC_2024', client_request_id: 'req-one-row', purpose: 'PUBLIC_RESOURCE_TRADING', operation: 'query Bids' },
      { field_path: 'subjectsByCodes.1{name,legalRepresentative}', decision: 'ALLOW', reason: 'SHARED:JS_PRTC_2024', client_request_id: 'req-one-row', purpose: 'PUBLIC_RESOURCE_TRADING', operation: 'query Bids' },
    ]);
  });

  it('records denials too, as their own rows with the reason', async () => {
    const headers = { ...(await authHeaders({ role: 'SUBJECT', subject: shop.id })), 'x-request-id': 'req-denied' };
    const res = await server.gql(`{ subject(code: "${STEEL}") { name address } }`, {}, headers);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rows = await rowsOf('req-denied');
    expect(rows.map((r) => [r.field_path, r.decision, r.reason])).toEqual([
      ['subject{name}', 'ALLOW', 'PUBLISHED'],
      ['subject{address}', 'DENY', 'FIELD_NOT_PUBLISHED'],
    ]);
  });

  it('withholds the data when the log cannot be written (fail closed)', async () => {
    const headers = { ...(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')), 'x-request-id': 'req-fail' };
    await server.database.db.execute(sql`ALTER TABLE access_log ADD CONSTRAINT simulate_outage CHECK (false) NOT VALID`);
    try {
      const res = await server.gql(`{ subject(code: "${STEEL}") { name legalRepIdNumber } }`, {}, headers);
      expect(res.status).toBe(500);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'AUDIT_WRITE_FAILED' } })]);
      expect(JSON.stringify(res.body)).not.toContain('陈立平');
    } finally {
      await server.database.db.execute(sql`ALTER TABLE access_log DROP CONSTRAINT simulate_outage`);
    }
    expect(await rowsOf('req-fail')).toEqual([]);
    const after = await server.gql(`{ subject(code: "${STEEL}") { name } }`, {}, headers);
    expect(after.body.data?.subject.name).toBe('南京钢铁联合有限公司');
  });
});

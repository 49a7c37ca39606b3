/**
 * The database link dropped while requests run (PostgreSQL only: PGlite runs in-process and
 * has no connection to cut). A TCP proxy sits between the server and PostgreSQL; cutting it
 * mid-request must give the client a clear error rather than a hang, leave no partial write,
 * and — once the link is back — the same server process serves again (postgres.js reconnects).
 *
 * Two concurrent decisions on one repair application or objection taking effect exactly once
 * are proven in test/integration/lifecycle-repair.test.ts and lifecycle-objections.test.ts
 * ("takes effect exactly once when two decisions arrive together"); not repeated here.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { builder, type BuiltSubject } from '../support/builders';
import type { TestDatabase } from '../support/db';
import { rowId } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { CuttableProxy } from './cuttable-proxy';

const url = process.env.DATABASE_URL;
if (!url) {
  // eslint-disable-next-line no-console
  console.warn('database-connection.test.ts: skipped — needs DATABASE_URL (PostgreSQL); on PGlite there is no connection to cut');
}

/** The company read and objected to: a legal representative and a penalty of 2024. */
let steel: BuiltSubject;
let STEEL = '';
const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
const clock = at('2026-12-01');
const REASON = '处罚决定书载明的罚款金额与实际缴纳金额不一致，附缴款凭证。';
const FILE = 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id state } }';
const PENALTIES = `query($code: String!) { subject(code: $code) { profile { penalties(first: 100) { edges { node {
  id decisionDate disputed catalogItem { code } } } } } } }`;
const READ = `query($code: String!) { subject(code: $code) { name legalRepresentative creditRecords(first: 10) { totalCount } } }`;

(url ? describe : describe.skip)('the database link dropped mid-request (PostgreSQL)', () => {
  let proxy: CuttableProxy;
  let server: TestServer;
  let direct: postgres.Sql;
  let admin: postgres.Sql;
  const name = `credit_fault_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    direct = postgres(target.toString(), { max: 1, onnotice: () => {} });
    proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    const proxied = new URL(target);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const db = await openDatabase({ kind: 'postgres', url: proxied.toString(), poolSize: 4 });
    await migrate(db);
    const database: TestDatabase = { ...db, destroy: () => db.close() };
    server = await startTestServer({ seed: false, now: () => clock, database });
    const build = builder(server);
    await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
    await build.partners('JS_PRTC');
    steel = await build.legalPerson({ region: '320100', legalRepresentative: '陈立平' });
    STEEL = steel.uscc!;
    await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2024-03-18' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await proxy?.cut();
    await direct?.end();
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  // A hung request fails the test through the abort instead of stalling the suite.
  async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  /** Until the pool has noticed dropped connections: readiness runs a query through it. */
  async function untilReady(): Promise<void> {
    const ready = server.url.replace(/\/graphql$/, '/readyz');
    for (let i = 0; i < 100; i++) {
      if ((await fetch(ready)).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the server never became ready again');
  }

  it('answers a partner read cut mid-request with a clear error, records no access, and serves again once the link is back', async () => {
    const headers = { ...(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')), 'x-request-id': 'fault-read' };
    const cut = proxy.cutOn(/./);
    const res = await send(READ, { code: STEEL }, headers);
    await cut;
    expect(res.body.data?.subject ?? null).toBeNull();
    expect(['INTERNAL_SERVER_ERROR', 'AUDIT_WRITE_FAILED']).toContain(res.body.errors?.[0]?.extensions?.code);
    expect(res.body.errors[0].message).not.toMatch(/ECONN|postgres|CONNECTION_CLOSED/i);

    const during = await send(READ, { code: STEEL }, { ...headers, 'x-request-id': 'fault-read-down' });
    expect(during.body.data?.subject ?? null).toBeNull();

    await proxy.start();
    const after = await send(READ, { code: STEEL }, { ...headers, 'x-request-id': 'fault-read-after' });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.subject.legalRepresentative).toBe('陈立平');
    const logged = await direct`SELECT client_request_id, count(*)::int AS n FROM access_log WHERE client_request_id LIKE 'fault-read%' GROUP BY client_request_id`;
    expect(logged.map((r) => r.client_request_id)).toEqual(['fault-read-after']);
  });

  it('leaves no partial write when the link drops as a mutation commits, and accepts the same mutation after the link is back', async () => {
    const subject = await authHeaders({ role: 'SUBJECT', subject: steel.id });
    const listed = await send(PENALTIES, { code: STEEL }, subject);
    const record = listed.body.data.subject.profile.penalties.edges.map((e: any) => e.node)
      .find((n: any) => n.catalogItem.code === '03-02-001' && n.decisionDate === '2024-03-18');
    expect(record.disputed).toBe(false);
    const recordId = rowId(record.id);
    const pendingFor = () => direct`SELECT count(*)::int AS n FROM objections WHERE credit_record_id = ${recordId} AND state = 'PENDING'`;
    const disputedOf = () => direct`SELECT disputed FROM credit_records WHERE id = ${recordId}`;

    // Fresh connections re-send statement text, so the COMMIT of this transaction is recognisable.
    await proxy.dropConnections();
    await untilReady();
    const cut = proxy.cutOn(/\bcommit\b/i);
    const res = await send(FILE, { input: { creditRecordId: record.id, reason: REASON } }, subject);
    await cut;
    expect(res.body.data?.fileObjection ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect((await pendingFor())[0]!.n).toBe(0);
    expect((await disputedOf())[0]!.disputed).toBe(false);

    await proxy.start();
    const again = await send(FILE, { input: { creditRecordId: record.id, reason: REASON } }, subject);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.fileObjection.state).toBe('PENDING');
    expect((await pendingFor())[0]!.n).toBe(1);
    expect((await disputedOf())[0]!.disputed).toBe(true);
  });
});

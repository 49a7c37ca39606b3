/**
 * Request ids are the server's: a client's X-Request-Id is kept beside the server's id as the
 * client's reference, so two agencies choosing the same one never share a log key. And a
 * subject's access-log entries are receipts: the row's chain hash with a checkpoint signed by
 * the log's Ed25519 key, checkable later by anyone with the public key.
 */
import { createPublicKey, verify } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { checkpointMessage } from '../../src/audit/checkpoint';
import { builder, type BuiltSubject } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const READ = 'query($code: String!) { subject(code: $code) { name legalRepresentative } }';
let server: TestServer;
/** The company the partners read: its access-log entries are its receipts. */
let steel: BuiltSubject;

async function rows(where: ReturnType<typeof sql>): Promise<Array<{ request_id: string; client_request_id: string | null; agency_code: string; hash: string }>> {
  const r = (await server.database.db.execute(sql`SELECT request_id, client_request_id, agency_code, hash FROM access_log WHERE ${where} ORDER BY seq`)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as never;
}

async function read(headers: Record<string, string>): Promise<string> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: READ, variables: { code: steel.uscc } }) });
  expect(res.status).toBe(200);
  return res.headers.get('x-request-id')!;
}

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const build = builder(server);
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agencies('NDRC', 'SAMR', 'SAMR_320000', 'SAMR_320100');
  steel = await build.legalPerson({ region: '320100' });
});
afterAll(() => server.close());

describe('request ids', () => {
  it('are the server\'s: two agencies sending the same X-Request-Id get ids of their own, the client\'s kept beside them', async () => {
    const prtc = await read({ ...(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')), 'x-request-id': 'shared-42' });
    const samr = await read({ ...(await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320100' }, 'CREDIT_SUPERVISION')), 'x-request-id': 'shared-42' });
    expect(prtc).toMatch(/^[0-9a-f-]{36}$/);
    expect(samr).toMatch(/^[0-9a-f-]{36}$/);
    expect(prtc).not.toBe(samr);
    const shared = await rows(sql`client_request_id = 'shared-42'`);
    expect(new Set(shared.map((r) => r.request_id))).toEqual(new Set([prtc, samr]));
    for (const id of [prtc, samr]) {
      expect(new Set((await rows(sql`request_id = ${id}`)).map((r) => r.agency_code)).size).toBe(1);
    }
    const auditor = await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }, 'AUDIT');
    const found = await server.gql('query($r: String) { accessLog(requestId: $r, first: 50) { edges { node { requestId clientRequestId agencyCode } } } }', { r: prtc }, auditor);
    const nodes = found.body.data?.accessLog.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: { agencyCode: string; clientRequestId: string }) => n.agencyCode === 'JS_PRTC' && n.clientRequestId === 'shared-42')).toBe(true);
  });

  it('keeps no client reference that is not plainly an id, or that spells an ID number', async () => {
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    for (const offered of ['110101199003077777', 'has space', 'x'.repeat(65)]) {
      const id = await read({ ...partner, 'x-request-id': offered });
      expect(id).not.toBe(offered);
      expect((await rows(sql`request_id = ${id}`)).map((r) => r.client_request_id)).toEqual(expect.arrayContaining([null]));
      expect(await rows(sql`client_request_id = ${offered}`)).toEqual([]);
    }
  });
});

describe('receipts in myAccessLog', () => {
  const MINE = '{ myAccessLog(first: 100) { edges { node { seq hash checkpoint { lastSeq head rowCount at keyId signature publicKey } } } } }';

  it('carry the row\'s hash and the newest signed checkpoint covering it, which checks out with the public key alone', async () => {
    await read(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
    const subject = await authHeaders({ role: 'SUBJECT', subject: steel.id });
    const before = await server.gql(MINE, {}, subject);
    const entries = before.body.data?.myAccessLog.edges.map((e: { node: unknown }) => e.node) as Array<{ seq: string; hash: string; checkpoint: null | Record<string, string> }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.checkpoint === null)).toBe(true);

    const signed = (await server.app.audit.checkpointer.checkpoint())!;
    await read(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
    const after = (await server.gql(MINE, {}, subject)).body.data?.myAccessLog.edges.map((e: { node: unknown }) => e.node) as typeof entries;
    const covered = after.filter((e) => Number(e.seq) <= signed.lastSeq);
    const newer = after.filter((e) => Number(e.seq) > signed.lastSeq);
    expect(covered.length).toBe(entries.length);
    expect(newer.length).toBeGreaterThan(0);
    expect(newer.every((e) => e.checkpoint === null)).toBe(true);

    const receipt = covered[0]!;
    const [stored] = await rows(sql`seq = ${Number(receipt.seq)}`);
    expect(receipt.hash).toBe(stored!.hash);
    const c = receipt.checkpoint!;
    const publicKey = createPublicKey({ key: Buffer.from(`302a300506032b6570032100${c.publicKey}`, 'hex'), format: 'der', type: 'spki' });
    const message = checkpointMessage({ lastSeq: Number(c.lastSeq), head: c.head, rowCount: Number(c.rowCount), at: c.at, keyId: c.keyId });
    expect(verify(null, message, publicKey, Buffer.from(c.signature, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(message.toString().replace(`"rowCount":${c.rowCount}`, '"rowCount":1')), publicKey, Buffer.from(c.signature, 'base64'))).toBe(false);
  });

  it('never show a checkpoint someone wrote into the table without the signing key', async () => {
    const [head] = await rows(sql`seq = (SELECT max(seq) FROM access_log)`);
    await server.database.db.execute(sql`INSERT INTO access_log_checkpoints (last_seq, head, row_count, at, key_id, signature)
      SELECT max(seq) + 1000, ${head!.hash}, 1, now(), 'forged', 'AAAA' FROM access_log`);
    const subject = await authHeaders({ role: 'SUBJECT', subject: steel.id });
    const mine = (await server.gql(MINE, {}, subject)).body.data?.myAccessLog.edges.map((e: { node: { checkpoint: null | { keyId: string } } }) => e.node);
    expect(mine.some((n: { checkpoint: null | { keyId: string } }) => n.checkpoint?.keyId === 'forged')).toBe(false);
  });
});

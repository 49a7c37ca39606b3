/**
 * DATABASE_READ_URL against a real streaming replica (scripts/replica.sh start; CI exports
 * TEST_DATABASE_READ_URL). Where a request was served is proven by what it sees: replay is
 * paused on the replica, a record is written on the primary, and only the primary knows it.
 *
 * Two servers share this file's database: one whose lag bound never trips here (it shows
 * which requests read the replica) and one with a 1 s bound (it shows the fall-back).
 * Replay is paused cluster-wide, so everything runs in one file, in order.
 */
import pino from 'pino';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { attachReadReplica, inReadScope, markReadRoutable } from '../../src/db/read-routing';
import type { ReplicaStatus } from '../../src/db/replica-lag';
import { subjects } from '../../src/db/schema';
import { createServer, type AppServer } from '../../src/server';
import { openTestDatabase, type TestDatabase } from '../support/db';
import { authHeaders, startTestServer, TEST_KEYS, type TestServer } from '../support/server';

const READ_URL = process.env.TEST_DATABASE_READ_URL;
const enabled = Boolean(READ_URL && process.env.DATABASE_URL);
const suite = enabled ? describe : describe.skip;
if (!enabled) {
  console.log('test/replica skipped: set DATABASE_URL and TEST_DATABASE_READ_URL (scripts/replica.sh start prints it)');
}

const STEEL = '91320100748204660Q';
const ISSUER = '南京市鼓楼区市场监督管理局';
const PUBLIC_PENALTIES = 'query($code: String!) { subject(code: $code) { profile { penalties(first: 100) { totalCount } } } }';
const PARTNER_PENALTIES = 'query($c: [String!]!) { subjectsByCodes(codes: $c) { name legalRepresentative profile { penalties(first: 100) { totalCount } } } }';
const RECORD = `mutation($input: RecordCreditInformationInput!) {
  recordCreditInformation(input: $input) { id recordStatus ... on AdministrativePenalty { documentNumber } }
}`;

let serial = 0;
function penalty() {
  serial += 1;
  return {
    subjectCode: STEEL, itemCode: '03-02-001', decisionDate: '2026-10-12', severity: 'GENERAL',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: `宁鼓市监处罚〔2026〕R${serial}号`, issuer: ISSUER, effectiveOn: '2026-10-15', title: '行政处罚决定书' },
    penalty: { violationType: '未按规定公示年度报告', penaltyCategory: '罚款', fineAmount: '0.5000', decidingAuthority: ISSUER, penaltyBasis: '《企业信息公示暂行条例》第十八条' },
  };
}

/** Polls until `check` holds; a bound on waiting, not an assertion about speed. */
async function until(what: string, check: () => Promise<boolean>, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('read replica (DATABASE_READ_URL)', () => {
  let primary: TestDatabase;
  let replicaAdmin: postgres.Sql;
  let primaryUrl: URL;
  let replicaUrl: URL;
  /** Lag bound never reached in this file: shows which requests read the replica. */
  let server: TestServer;
  /** Lag bound 1 s: shows the fall-back to the primary. */
  let strict: AppServer;
  let strictUrl: string;
  const closeLater: Array<() => Promise<void>> = [];

  const readyz = async (base: string): Promise<{ status: string; replica: ReplicaStatus }> =>
    (await fetch(base.replace(/\/graphql$/, '/readyz'))).json() as never;
  const gqlAt = async (url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  };
  const publicCount = async (url: string): Promise<number> => {
    const res = await gqlAt(url, PUBLIC_PENALTIES, { code: STEEL });
    expect(res.errors).toBeUndefined();
    return res.data.subject.profile.penalties.totalCount;
  };
  const accessRowsOn = async (client: postgres.Sql): Promise<number> => Number((await client`SELECT count(*)::int AS n FROM access_log`)[0].n);
  /** The shared primary, which the servers' own close() must leave open. */
  const borrowedPrimary = () => ({ ...primary, close: async () => {} });

  beforeAll(async () => {
    primary = await openTestDatabase();
    const [{ name }] = await primary.pg!<{ name: string }[]>`SELECT current_database() AS name`;
    primaryUrl = new URL(process.env.DATABASE_URL!);
    primaryUrl.pathname = `/${name}`;
    replicaUrl = new URL(READ_URL!);
    replicaUrl.pathname = `/${name}`;
    // Physical replication copies the whole cluster: the database created above appears on the replica once replayed.
    const replicaServer = new URL(READ_URL!);
    replicaServer.pathname = '/postgres';
    replicaAdmin = postgres(replicaServer.toString(), { max: 1, onnotice: () => {} });
    await replicaAdmin`SELECT pg_wal_replay_resume()`;
    await until(`database ${name} on the replica`, async () => (await replicaAdmin`SELECT 1 FROM pg_database WHERE datname = ${name}`).length === 1);

    const routed = await attachReadReplica(borrowedPrimary(), { url: replicaUrl.toString(), poolSize: 2, maxLagMs: 600_000 });
    server = await startTestServer({ subjects: 30, database: { ...routed, destroy: () => routed.close() } });
    const strictDb = await attachReadReplica(borrowedPrimary(), { url: replicaUrl.toString(), poolSize: 2, maxLagMs: 1000 });
    strict = await createServer({ config: { env: 'test', keys: TEST_KEYS }, database: strictDb, catalog: server.catalog, logger: pino({ level: 'silent' }) });
    strictUrl = await strict.listen(0, '127.0.0.1');
    closeLater.push(() => strictDb.close());
    // Both servers read the replica once it has replayed the seeded data.
    await until('both servers serving from the replica', async () =>
      (await readyz(server.url)).replica.serving === 'replica' && (await readyz(strictUrl)).replica.serving === 'replica');
  });

  afterAll(async () => {
    if (replicaAdmin) await replicaAdmin`SELECT pg_wal_replay_resume()`.catch(() => undefined);
    if (strict) await strict.close();
    for (const close of closeLater) await close();
    if (server) await server.close();
    await replicaAdmin?.end();
    if (primary) await primary.destroy();
  });

  it('reports the replica in /readyz: state, lag bound and where public reads go', async () => {
    const body = await readyz(server.url);
    expect(body.status).toBe('ready');
    expect(body.replica).toMatchObject({ state: 'streaming', serving: 'replica', maxLagMs: 600_000 });
    expect(body.replica.lagMs).toEqual(expect.any(Number));
  });

  it('serves public queries from the replica, and writes, token holders and the access log from the primary', async () => {
    const before = await publicCount(server.url);
    const replicaDb = postgres(replicaUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      await replicaAdmin`SELECT pg_wal_replay_pause()`;
      await until('replay paused', async () => (await replicaAdmin`SELECT pg_get_wal_replay_pause_state() AS s`)[0].s === 'paused');

      // The mutation reads back what it wrote: that read went to the primary, or it would find nothing.
      const written = await gqlAt(server.url, RECORD, { input: penalty() }, await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'));
      expect(written.errors).toBeUndefined();
      expect(written.data.recordCreditInformation).toMatchObject({ recordStatus: 'ACTIVE', documentNumber: `宁鼓市监处罚〔2026〕R${serial}号` });

      // The public reads the paused replica: the new penalty is not there yet.
      expect(await publicCount(server.url)).toBe(before);

      // A partner reads the primary (consents must be current), and its access is logged there.
      const logged = await accessRowsOn(primary.pg!);
      const onReplica = await accessRowsOn(replicaDb);
      const partner = await gqlAt(server.url, PARTNER_PENALTIES, { c: [STEEL] }, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
      expect(partner.errors).toBeUndefined();
      expect(partner.data.subjectsByCodes[0].profile.penalties.totalCount).toBe(before + 1);
      expect(await accessRowsOn(primary.pg!)).toBeGreaterThan(logged);
      expect(await accessRowsOn(replicaDb)).toBe(onReplica);

      // The subject itself reads the primary too: it sees what was just recorded about it.
      const own = await gqlAt(server.url, PUBLIC_PENALTIES, { code: STEEL }, await authHeaders({ role: 'SUBJECT', subject: 1 }));
      expect(own.errors).toBeUndefined();
      expect(own.data.subject.profile.penalties.totalCount).toBeGreaterThan(before);
    } finally {
      await replicaAdmin`SELECT pg_wal_replay_resume()`;
      await replicaDb.end();
    }
    await until('the replica replays the new penalty', async () => (await publicCount(server.url)) === before + 1);
  });

  it('sends public reads to the primary while the replica is further behind than DATABASE_READ_MAX_LAG_MS, and back once it catches up', async () => {
    const before = await publicCount(strictUrl);
    try {
      await replicaAdmin`SELECT pg_wal_replay_pause()`;
      const written = await gqlAt(strictUrl, RECORD, { input: penalty() }, await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION'));
      expect(written.errors).toBeUndefined();
      await until('the strict server gives up the paused replica', async () => (await readyz(strictUrl)).replica.serving === 'primary');
      const status = (await readyz(strictUrl)).replica;
      expect(status.state).toBe('lagging');
      expect(status.lagMs).toBeGreaterThan(1000);
      // Served by the primary: the record written after the pause is published at once.
      expect(await publicCount(strictUrl)).toBe(before + 1);
      // The lenient server still reads the paused replica: the difference is the bound alone.
      expect(await publicCount(server.url)).toBe(before);
    } finally {
      await replicaAdmin`SELECT pg_wal_replay_resume()`;
    }
    await until('the strict server returns to the replica', async () => (await readyz(strictUrl)).replica.serving === 'replica');
    expect(await publicCount(strictUrl)).toBe(before + 1);
  });

  it('pins a request to the primary from its first write on: reads after a write see it', async () => {
    const db = server.database.db;
    const standby = async () => (await db.select({ standby: sql<boolean>`pg_is_in_recovery()` }).from(subjects).limit(1))[0].standby;
    // Outside a request, or in one not marked read-routable: the primary.
    expect(await standby()).toBe(false);
    expect(await inReadScope(() => standby())).toBe(false);
    const seen = await inReadScope(async () => {
      markReadRoutable();
      const first = await standby();
      await db.execute(sql`SELECT 1`); // raw SQL may have side effects (the access-log append is one): a write
      return [first, await standby()];
    });
    expect(seen).toEqual([true, false]);
  });

  it('falls back to the primary when the replica is unreachable or is not a standby, and says why', async () => {
    const dead = new URL(replicaUrl);
    dead.port = '1';
    const unreachable = await attachReadReplica(borrowedPrimary(), { url: dead.toString(), poolSize: 1, maxLagMs: 5000 });
    const notStandby = await attachReadReplica(borrowedPrimary(), { url: primaryUrl.toString(), poolSize: 1, maxLagMs: 5000 });
    try {
      expect(unreachable.readReplica!.status()).toMatchObject({ state: 'unavailable', serving: 'primary', error: expect.stringContaining('ECONNREFUSED') });
      expect(notStandby.readReplica!.status()).toMatchObject({ state: 'not-a-replica', serving: 'primary', error: expect.stringContaining('not in recovery') });
      for (const database of [unreachable, notStandby]) {
        const rows = await inReadScope(() => {
          markReadRoutable();
          return database.db.select({ standby: sql<boolean>`pg_is_in_recovery()` }).from(subjects).limit(1);
        });
        expect(rows).toEqual([{ standby: false }]);
      }
    } finally {
      await unreachable.close();
      await notStandby.close();
    }
  });
});

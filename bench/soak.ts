/**
 * `npm run soak [-- --duration 60 --connections 32 --subjects 300]`: a server started on the
 * local PostgreSQL (a fresh, seeded database, dropped afterwards) under 32 concurrent clients —
 * half partners reading subjects by code, half the public searching — for a fixed time
 * (autocannon). Then it checks what must hold after sustained load:
 *   - the access log has exactly one row per partner record access answered (counted per
 *     request id) and none for requests never answered or for the public;
 *   - the access log's hash chain verifies;
 *   - no error other than RATE_LIMITED occurred;
 * and reports the server's RSS at start and end. Exit 1 when a check fails.
 *
 * ADMIN_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server
 * the soak database is created on.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { issueToken } from '../src/auth/tokens';
import { openDatabase } from '../src/db/database';
import { macKeyOf } from '../src/audit/log-keys';
import { verifyAccessLogChain } from '../src/audit/verify-chain';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    subjects: { type: 'string', default: '300' },
    'rate-limit-per-ip': { type: 'string', default: '100000000' },
    'rate-limit-per-principal': { type: 'string', default: '100000000' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const adminUrl = process.env.ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const PARTNER_QUERY = 'query SoakPartner($code: String!) { subject(code: $code) { name legalRepresentative } }';
const PUBLIC_QUERY = 'query SoakPublic($kw: String!) { searchSubjects(keyword: $kw, first: 10) { totalCount edges { node { name uscc } } } }';
const KEYWORDS = ['公司', '南京', '建设', '科技', '商贸', '有限'];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round(Number(line.replace(/\D/g, '')) / 1024);
};

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start-up`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server not ready after 120 s');
}

interface Tally { sent: Set<string>; answered: Set<string>; okIds: Set<string>; errors: Map<string, number> }
const tally = (): Tally => ({ sent: new Set(), answered: new Set(), okIds: new Set(), errors: new Map() });

function record(t: Tally, status: number, body: string, requestId: string | undefined): void {
  if (requestId) t.answered.add(requestId);
  let codes: string[] = [];
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> };
    codes = (parsed.errors ?? []).map((e) => e.extensions?.code ?? 'UNCODED');
  } catch {
    codes = [`HTTP_${status}_NON_JSON`];
  }
  if (codes.length === 0 && status === 200) {
    if (requestId) t.okIds.add(requestId);
    return;
  }
  for (const c of codes.length ? codes : [`HTTP_${status}`]) t.errors.set(c, (t.errors.get(c) ?? 0) + 1);
}

function load(base: string, clients: number, label: string, t: Tally, headers: Record<string, string>, body: () => string) {
  let n = 0;
  return autocannon({
    url: `${base}/graphql`,
    connections: clients,
    duration,
    requests: [{
      method: 'POST',
      setupRequest: (req: any) => {
        const id = `${label}-${++n}`;
        t.sent.add(id);
        return { ...req, headers: { ...headers, 'content-type': 'application/json', 'x-request-id': id }, body: body() };
      },
      onResponse: (status: number, resBody: string, _ctx: unknown, resHeaders: Record<string, string>) =>
        record(t, status, resBody, resHeaders?.['x-request-id']),
    }],
  } as any);
}

async function main(): Promise<number> {
  const name = `credit_soak_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const jwtSecret = randomBytes(32).toString('hex');
  const accessLogKey = randomBytes(32);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      // Development: a production server refuses this superuser connection (src/db/privileges.ts), and
      // the soak's fresh database is migrated and seeded by the server itself at start.
      ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl.toString(), SEED_DEMO: 'true', SEED_SUBJECTS: args.subjects,
      ID_HMAC_KEY: randomBytes(32).toString('hex'), ID_ENCRYPTION_KEY: randomBytes(32).toString('hex'), JWT_SECRET: jwtSecret,
      ACCESS_LOG_KEY: accessLogKey.toString('hex'), ACCESS_LOG_SIGNING_KEY: randomBytes(32).toString('hex'), ACCESS_LOG_CHECKPOINT_FILE: 'off',
      RATE_LIMIT_PER_IP: args['rate-limit-per-ip'], RATE_LIMIT_PER_PRINCIPAL: args['rate-limit-per-principal'],
    },
  });
  const db = postgres(dbUrl.toString(), { max: 2, onnotice: () => {} });
  try {
    const started = Date.now();
    await waitReady(base, child);
    const codes = (await db`SELECT uscc FROM subjects WHERE kind = 'LEGAL_PERSON' AND uscc IS NOT NULL ORDER BY id LIMIT 100`).map((r) => r.uscc as string);
    const token = await issueToken(Buffer.from(jwtSecret, 'utf8'), { sub: 'soak-partner', role: 'PARTNER', agency: 'JS_PRTC' });
    const rssStart = rssMb(child.pid!);
    console.log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s (seeded ${args.subjects} subjects); RSS ${rssStart} MB; ${connections} clients for ${duration} s`);

    const partner = tally();
    const pub = tally();
    let i = 0;
    const [p, q] = await Promise.all([
      load(base, Math.ceil(connections / 2), 'soak-p', partner, { authorization: `Bearer ${token}`, 'x-purpose': 'PUBLIC_RESOURCE_TRADING' },
        () => JSON.stringify({ query: PARTNER_QUERY, variables: { code: codes[i++ % codes.length] } })),
      load(base, Math.floor(connections / 2), 'soak-q', pub, {},
        () => JSON.stringify({ query: PUBLIC_QUERY, variables: { kw: KEYWORDS[i++ % KEYWORDS.length] } })),
    ]);
    await new Promise((r) => setTimeout(r, 1000)); // let the last in-flight requests finish writing
    const rssEnd = rssMb(child.pid!);

    // request_id is the server's (the x-request-id answered); the id the soak sent is the client's reference.
    const rows = await db`SELECT request_id, client_request_id, role, count(*)::int AS n FROM access_log GROUP BY request_id, client_request_id, role`;
    const perRequest = new Map(rows.map((r) => [r.request_id as string, r.n as number]));
    const clientOf = new Map(rows.map((r) => [r.request_id as string, r.client_request_id as string | null]));
    const publicRows = rows.filter((r) => r.role === 'PUBLIC').reduce((s, r) => s + (r.n as number), 0);
    // Answered without error: exactly one row. Answered with an error (rate limit): none.
    const wrongCount = [...partner.answered].filter((id) => (perRequest.get(id) ?? 0) !== (partner.okIds.has(id) ? 1 : 0));
    // Rows of requests still in flight when the clients stopped: their answers were never read.
    const unanswered = [...perRequest.keys()].filter((id) => partner.sent.has(clientOf.get(id) ?? '') && !partner.answered.has(id));
    const stray = [...perRequest.keys()].filter((id) => !partner.sent.has(clientOf.get(id) ?? ''));
    const logRows = [...perRequest.values()].reduce((a, b) => a + b, 0);

    const database = await openDatabase({ kind: 'postgres', url: dbUrl.toString(), poolSize: 2 });
    const chain = await verifyAccessLogChain(database.db, { macKeys: [macKeyOf(accessLogKey)] });
    await database.close();

    const errorsOf = (t: Tally) => Object.fromEntries(t.errors);
    const unexpected = [...partner.errors, ...pub.errors].filter(([code]) => code !== 'RATE_LIMITED');
    console.log(JSON.stringify({
      durationSeconds: duration, connections,
      partner: { sent: partner.sent.size, answered: partner.answered.size, ok: partner.okIds.size, errors: errorsOf(partner), reqPerSec: p.requests.average, latencyP99ms: p.latency.p99 },
      public: { sent: pub.sent.size, answered: pub.answered.size, ok: pub.okIds.size, errors: errorsOf(pub), reqPerSec: q.requests.average, latencyP99ms: q.latency.p99 },
      accessLog: { rows: logRows, partnerRequestsAnsweredOk: partner.okIds.size, requestsWithOtherThanOneRow: wrongCount.length, rowsForUnansweredRequests: unanswered.length, strayRequestIds: stray.length, publicRows, chain },
      serverRssMb: { start: rssStart, end: rssEnd },
    }, null, 2));
    const failures = [
      wrongCount.length && `${wrongCount.length} answered partner requests do not have exactly one access-log row (e.g. ${wrongCount.slice(0, 3).join(', ')})`,
      stray.length && `${stray.length} access-log request ids were never sent`,
      logRows !== partner.okIds.size + unanswered.length && `access log holds ${logRows} rows for ${partner.okIds.size} answered partner reads (+${unanswered.length} cut off at the end)`,
      !chain.ok && `hash chain broken: ${JSON.stringify(chain.firstBroken)}`,
      unexpected.length && `errors other than RATE_LIMITED: ${JSON.stringify(unexpected)}`,
    ].filter(Boolean);
    for (const f of failures) console.error(`SOAK FAILED: ${f}`);
    if (!failures.length) console.log('soak passed: one access-log row per partner read, chain intact, no errors but rate limits');
    return failures.length ? 1 : 0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await db.end();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(2);
});

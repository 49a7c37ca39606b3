/**
 * Graceful shutdown of the real process: `node -r @swc-node/register src/main.ts` is started
 * as a child, a partner request is caught half-sent (its body not yet complete, so it is
 * certainly in flight), SIGTERM arrives; the listener closes, the request still completes
 * with its data, its access-log rows are in the database once the process has exited 0,
 * and the hash chain verifies. On PGlite the data directory is reopened after exit; on
 * PostgreSQL (DATABASE_URL) the child runs on a fresh database of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { issueToken } from '../../src/auth/tokens';
import { verifyAccessLogChain } from '../../src/audit/verify-chain';
import { openDatabase, type Database } from '../../src/db/database';
import { onPostgres } from '../support/db';
import { startTestServer } from '../support/server';

const ROOT = join(__dirname, '..', '..');
const KEYS = {
  ID_HMAC_KEY: randomBytes(32).toString('hex'),
  ID_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  JWT_SECRET: randomBytes(24).toString('hex'),
  ACCESS_LOG_KEY: randomBytes(32).toString('hex'),
  ACCESS_LOG_SIGNING_KEY: randomBytes(32).toString('hex'),
  ACCESS_LOG_CHECKPOINT_FILE: 'off',
};
const STEEL = '91320100748204660Q';

/** Where the child keeps its data, and how the test reads it after the child has exited. */
interface Target {
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'credit-shutdown-'));
  return {
    env: { PGLITE_DIR: join(dir, 'pglite'), DEV_KEYS_FILE: join(dir, 'keys.json') },
    open: () => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `credit_shutdown_${randomBytes(5).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), SEED_DEMO: 'true' },
    open: () => openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 }),
    dispose: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The child's stdout as JSON log lines, with a way to wait for one. */
function logLines(child: ChildProcess) {
  const lines: Array<Record<string, any>> = [];
  const waiting: Array<{ test: (l: Record<string, any>) => boolean; resolve: (l: Record<string, any>) => void }> = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop()!;
    for (const text of parts) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, any>;
      lines.push(line);
      for (const w of [...waiting]) if (w.test(line)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(line); }
    }
  });
  return {
    lines,
    waitFor: (test: (l: Record<string, any>) => boolean) =>
      new Promise<Record<string, any>>((resolve) => {
        const seen = lines.find(test);
        if (seen) resolve(seen);
        else waiting.push({ test, resolve });
      }),
  };
}

function count(result: unknown): number {
  const rows = (result as { rows?: Array<{ n: number }> }).rows ?? (result as Array<{ n: number }>);
  return Number(rows[0]!.n);
}

describe('graceful shutdown of the server process', () => {
  let target: Target;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    target = onPostgres() ? await postgresTarget() : await pgliteTarget();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await target?.dispose();
  });

  it('on SIGTERM stops accepting connections, finishes the request in flight, writes its access log and exits 0', async () => {
    const env: Record<string, string> = {
      PATH: process.env.PATH!, HOME: process.env.HOME ?? ROOT, NODE_ENV: 'development',
      HOST: '127.0.0.1', PORT: '0', SEED_SUBJECTS: '12', RATE_LIMIT_ENABLED: 'false', LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '120000', ...KEYS, ...target.env,
    };
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const log = logLines(child);
    const serving = await Promise.race([log.waitFor((l) => l.msg === 'serving'), exited.then((code) => { throw new Error(`exited ${code}: ${stderr}`); })]);
    const { port } = new URL(serving.url as string);

    // A partner read whose body is only half sent: the server has it in hand and must wait for the rest.
    const token = await issueToken(Buffer.from(KEYS.JWT_SECRET, 'utf8'), { role: 'PARTNER', sub: 'drain-test', agency: 'JS_PRTC' });
    const body = JSON.stringify({ query: `query DrainRead { subjectsByCodes(codes: ["${STEEL}"]) { name legalRepresentative profile { penalties { totalCount } } } }` });
    let sendRest!: () => void;
    const response = new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port, path: '/graphql', method: 'POST',
        headers: {
          'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}`,
          'x-purpose': 'PUBLIC_RESOURCE_TRADING', 'x-request-id': 'drain-read-1',
        },
      }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => { text += c.toString(); });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 40));
      sendRest = () => req.end(body.slice(40));
    });
    // The request is in the server's hands once /metrics counts it in flight (besides the scrape itself).
    for (;;) {
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if (/^credit_api_http_requests_in_flight 2$/m.test(metrics)) break;
    }

    child.kill('SIGTERM');
    await log.waitFor((l) => l.msg?.startsWith('stopped accepting connections'));
    // New connections are refused from now on…
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    // …while the request in flight completes with its data.
    sendRest();
    const res = await response;
    expect({ status: res.status, text: res.status === 200 ? '' : res.text }).toEqual({ status: 200, text: '' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.text).data.subjectsByCodes[0].name).toBeTruthy();

    expect(await exited).toBe(0);
    expect(log.lines.some((l) => l.msg === 'stopped')).toBe(true);
    expect(log.lines.find((l) => l.clientRequestId === 'drain-read-1' && l.msg === 'request')).toMatchObject({ status: 200, operation: 'DrainRead', role: 'PARTNER' });

    const database = await target.open();
    try {
      expect(count(await database.db.execute(sql`SELECT count(*)::int AS n FROM access_log WHERE client_request_id = 'drain-read-1'`))).toBeGreaterThan(0);
      expect(await verifyAccessLogChain(database.db)).toMatchObject({ ok: true });
    } finally {
      await database.close();
    }
  }, 300_000);
});

describe('readiness while draining', () => {
  it('answers /readyz 503 once the server begins to drain', async () => {
    const server = await startTestServer({ subjects: 3 });
    try {
      const base = server.url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      server.app.beginDrain();
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not ready', draining: true });
    } finally {
      await server.close();
    }
  }, 240_000);
});

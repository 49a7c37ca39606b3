/**
 * scripts/backup.sh and scripts/restore.sh on PostgreSQL: a seeded database with partner
 * reads in its access log is dumped while the server runs, restored into a new empty
 * database, and the restore proves itself — every table has the same number of rows and the
 * access log's hash chain verifies (restore.sh runs `npm run audit:verify`). A non-empty
 * target is refused.
 *
 * PostgreSQL only: on PGlite (no DATABASE_URL) the suite is skipped — the test database is
 * in memory, and an embedded deployment is backed up as a stopped data directory (a plain
 * tar of PGLITE_DIR), which has no dump format of its own to prove.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { verifyAccessLogChain } from '../../src/audit/verify-chain';
import { openDatabase } from '../../src/db/database';
import { onPostgres } from '../support/db';
import { authHeaders, startTestServer, TEST_AUDIT_ENV, TEST_KEYS, type TestServer } from '../support/server';

const ROOT = join(__dirname, '..', '..');
const KEY_ENV = {
  ID_HMAC_KEY: TEST_KEYS.idHmac.toString('hex'),
  ID_ENCRYPTION_KEY: TEST_KEYS.idEncryption.toString('hex'),
  JWT_SECRET: TEST_KEYS.jwtSecret.toString('utf8'),
  ...TEST_AUDIT_ENV,
  ACCESS_LOG_CHECKPOINT_FILE: 'off',
};

function run(script: string, args: string[], env: Record<string, string>) {
  const { PGLITE_DIR: _unused, ...inherited } = process.env;
  const result = spawnSync('bash', [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env: { ...inherited, ...env }, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** Row count of every table in the public schema. */
async function tableCounts(sql: postgres.Sql): Promise<Record<string, number>> {
  const tables = await sql<Array<{ name: string }>>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = Number((await sql.unsafe(`SELECT count(*)::int AS n FROM "${name}"`))[0]!.n);
  return out;
}

(onPostgres() ? describe : describe.skip)('backup and restore (PostgreSQL)', () => {
  let server: TestServer;
  let sourceUrl: string;
  let targetUrl: string;
  let admin: postgres.Sql;
  const restored = `credit_restore_${randomBytes(5).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'credit-backup-'));

  beforeAll(async () => {
    server = await startTestServer({ subjects: 25 });
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${server.database.pg!.options.database}`;
    sourceUrl = url.toString();
    url.pathname = `/${restored}`;
    targetUrl = url.toString();
    admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${restored}`);
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${restored} WITH (FORCE)`);
    await admin?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a dump taken while serving into an empty database: same rows, intact access-log chain', async () => {
    const partner = await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING');
    const read = await server.gql('{ subjectsByCodes(codes: ["91320100748204660Q"]) { name legalRepresentative profile { penalties { totalCount } } } }', undefined, partner);
    expect(read.body.errors).toBeUndefined();
    const source = postgres(sourceUrl, { max: 1, onnotice: () => {} });
    const before = await tableCounts(source).finally(() => source.end());
    expect(before.access_log).toBeGreaterThan(0);

    const backup = run('backup.sh', [dir], { DATABASE_URL: sourceUrl });
    expect(backup).toMatchObject({ status: 0 });
    const [file] = readdirSync(dir).filter((f) => /^credit-\d{8}T\d{6}Z\.dump$/.test(f));
    expect(file).toBeDefined();

    const restore = run('restore.sh', [join(dir, file!), targetUrl], KEY_ENV);
    expect(restore.out).toContain(`access log intact: ${before.access_log} rows verified`);
    expect(restore.status).toBe(0);

    const target = postgres(targetUrl, { max: 1, onnotice: () => {} });
    expect(await tableCounts(target).finally(() => target.end())).toEqual(before);
    const database = await openDatabase({ kind: 'postgres', url: targetUrl, poolSize: 1 });
    try {
      expect(await verifyAccessLogChain(database.db, { macKeys: server.app.audit.keys.mac, verifyingKey: server.app.audit.keys.verifying }))
        .toMatchObject({ ok: true, checked: before.access_log, firstBroken: null, warnings: [] });
    } finally {
      await database.close();
    }
  }, 300_000);

  it('refuses to restore into a database that already has tables', () => {
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.dump'));
    const again = run('restore.sh', [join(dir, file!), targetUrl], KEY_ENV);
    expect(again.status).not.toBe(0);
    expect(again.out).toMatch(/already has \d+ tables; restore only into an empty database/);
  });

  it('refuses to restore without the keys of the deployment', () => {
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.dump'));
    const { ID_HMAC_KEY: _dropped, ...partial } = KEY_ENV;
    const noKeys = run('restore.sh', [join(dir, file!), targetUrl], { ...partial, ID_HMAC_KEY: '' });
    expect(noKeys.status).not.toBe(0);
    expect(noKeys.out).toMatch(/ID_HMAC_KEY is not set/);
  });
});

/**
 * The access log against someone holding the application's own database credentials: the
 * application role (credit_app) reads the log and appends to it only through
 * append_access_log. It cannot update, delete, truncate, insert directly, switch triggers off
 * or set session_replication_role; what it can append without ACCESS_LOG_KEY — a back-dated
 * auditor read — is named by `npm run audit:verify` as the first bad row. The server itself
 * serves, and logs, as that role. Production refuses to start as a superuser or the owner.
 * The register of issued reports likewise: the role inserts and reads, nothing more.
 *
 * PostgreSQL: a real login role in credit_app, its own connection, and the real CLI.
 * PGlite (one connection, no logins): the same role through SET ROLE, and the verifier itself.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { verifyAccessLogChain } from '../../src/audit/verify-chain';
import { openDatabase, type Database } from '../../src/db/database';
import { privilegeProblems } from '../../src/db/privileges';
import { builder, type BuiltSubject } from '../support/builders';
import { onPostgres } from '../support/db';
import { authHeaders, startTestServer, TEST_AUDIT_ENV, TEST_KEYS, type TestServer } from '../support/server';

const ROOT = join(__dirname, '..', '..');
const APP_LOGIN = 'credit_api_test';
/** The company the partner reads (built by the owner, before anything runs as credit_app). */
let company: BuiltSubject;

let owner: TestServer;
/** The server as the application role: on PostgreSQL a second server on its own login. */
let served: TestServer;
let appDatabase: Database | undefined;
let databaseUrl: string | undefined;

/** A statement on the application role's connection; resolves to its error message, or 'ok'. */
async function asApp(statement: ReturnType<typeof sql>): Promise<string> {
  const db = appDatabase?.db ?? owner.database.db;
  try {
    await db.execute(statement);
    return 'ok';
  } catch (err) {
    const e = err as { cause?: { message?: string }; message: string };
    return e.cause?.message ?? e.message;
  }
}

function verifyCli(): { status: number | null; out: string } {
  const { PGLITE_DIR: _unused, ...inherited } = process.env;
  const result = spawnSync(join(ROOT, 'node_modules/.bin/node'), ['-r', '@swc-node/register', 'src/cli/audit-verify.ts'], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000,
    env: {
      ...inherited, DATABASE_URL: databaseUrl!, ...TEST_AUDIT_ENV, ACCESS_LOG_CHECKPOINT_FILE: 'off',
      ID_HMAC_KEY: TEST_KEYS.idHmac.toString('hex'), ID_ENCRYPTION_KEY: TEST_KEYS.idEncryption.toString('hex'),
      JWT_SECRET: TEST_KEYS.jwtSecret.toString('utf8'),
    },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

async function verify(): Promise<{ ok: boolean; text: string }> {
  if (databaseUrl) {
    const r = verifyCli();
    return { ok: r.status === 0, text: r.out };
  }
  const r = await verifyAccessLogChain(owner.database.db, { macKeys: owner.app.audit.keys.mac, verifyingKey: owner.app.audit.keys.verifying });
  return { ok: r.ok, text: r.firstBroken ? `access log BROKEN at seq ${r.firstBroken.seq}: ${r.firstBroken.problem}` : `access log intact: ${r.checked} rows verified` };
}

beforeAll(async () => {
  owner = await startTestServer({ seed: false });
  const build = builder(owner);
  await build.agencies('NDRC');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  company = await build.legalPerson({ region: '320100', legalRepresentative: '陈立平' });
  if (onPostgres()) {
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DO $$ BEGIN CREATE ROLE ${APP_LOGIN} LOGIN IN ROLE credit_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.end();
    const [row] = (await owner.database.db.execute(sql`SELECT current_database() AS name`)) as unknown as Array<{ name: string }>;
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${row!.name}`;
    databaseUrl = url.toString();
    url.username = APP_LOGIN;
    appDatabase = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    served = await startTestServer({ database: { ...appDatabase, destroy: () => appDatabase!.close() }, seed: false });
  } else {
    await owner.database.db.execute(sql`SET ROLE credit_app`);
    served = owner;
  }
}, 240_000);

afterAll(async () => {
  if (served !== owner) await served?.close();
  if (!appDatabase) await owner.database.db.execute(sql`RESET ROLE`).catch(() => undefined);
  await owner?.close();
});

describe('the application role', () => {
  it('serves a partner as credit_app, and the read is logged through the append function', async () => {
    expect(await privilegeProblems(appDatabase?.db ?? owner.database.db)).toEqual([]);
    const res = await served.gql(`{ subject(code: "${company.uscc}") { name legalRepresentative } }`, {},
      await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.subject?.legalRepresentative).toBeTruthy();
    expect(await asApp(sql`SELECT count(*) FROM access_log`)).toBe('ok');
    expect((await verify()).ok).toBe(true);
  });

  it('cannot change, remove or directly insert access-log rows, nor switch the guards off', async () => {
    const refused = /permission denied|must be owner|insufficient privilege/i;
    expect(await asApp(sql`UPDATE access_log SET reason = 'edited'`)).toMatch(refused);
    expect(await asApp(sql`DELETE FROM access_log WHERE seq = (SELECT max(seq) FROM access_log)`)).toMatch(refused);
    expect(await asApp(sql`TRUNCATE access_log`)).toMatch(refused);
    expect(await asApp(sql`INSERT INTO access_log (at, request_id, principal, role, operation, field_path, decision, reason, prev_hash, hash)
      VALUES (now(), 'x', 'x', 'AUDITOR', 'q', 'f', 'ALLOW', 'r', repeat('0', 64), repeat('0', 64))`)).toMatch(refused);
    expect(await asApp(sql`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_delete`)).toMatch(refused);
    expect(await asApp(sql`SET session_replication_role = replica`)).toMatch(refused);
    expect(await asApp(sql`DELETE FROM access_log_checkpoints`)).toMatch(refused);
    expect(await asApp(sql`UPDATE access_log_checkpoints SET row_count = 0`)).toMatch(refused);
    expect(await asApp(sql`SELECT credit_apply_privileges()`)).toMatch(refused);
    expect(await asApp(sql`ALTER FUNCTION append_access_log(jsonb) SECURITY INVOKER`)).toMatch(refused);
    expect(await asApp(sql`ALTER FUNCTION append_access_log_grouped(jsonb) SECURITY INVOKER`)).toMatch(refused);
    // Only the application role may append: neither function is executable by PUBLIC.
    const publicMay = (await owner.database.db.execute(sql`SELECT has_function_privilege('public', 'append_access_log(jsonb)', 'EXECUTE') AS a,
      has_function_privilege('public', 'append_access_log_grouped(jsonb)', 'EXECUTE') AS b`)) as unknown;
    expect((Array.isArray(publicMay) ? publicMay : (publicMay as { rows: unknown[] }).rows)).toEqual([{ a: false, b: false }]);
  });

  it('registers the reports it issues, and cannot change, remove or truncate the register', async () => {
    const res = await fetch(`${served.url.replace(/\/graphql$/, '')}/report/${company.uscc}`);
    expect(res.status).toBe(200);
    const number = res.headers.get('x-report-number')!;
    const registered = (await owner.database.db.execute(sql`SELECT digest FROM issued_reports WHERE report_number = ${number}`)) as unknown;
    expect((Array.isArray(registered) ? registered : (registered as { rows: unknown[] }).rows)).toEqual([
      { digest: res.headers.get('x-report-digest')!.replace('sha256=', '') },
    ]);
    // Refused by the grants, before the register's own triggers (test/integration/database-guards.test.ts) run.
    const denied = /permission denied/i;
    expect(await asApp(sql`UPDATE issued_reports SET digest = repeat('0', 64) WHERE report_number = ${number}`)).toMatch(denied);
    expect(await asApp(sql`DELETE FROM issued_reports WHERE report_number = ${number}`)).toMatch(denied);
    expect(await asApp(sql`TRUNCATE issued_reports`)).toMatch(denied);
    expect(await asApp(sql`ALTER TABLE issued_reports DISABLE TRIGGER issued_reports_no_update_delete`)).toMatch(/must be owner/i);
    expect(await asApp(sql`INSERT INTO issued_reports (report_number, digest, issued_at, edition, format, issuer)
      VALUES ('CR-TAMPER-0001', repeat('e', 64), now(), 'PUBLIC', 'HTML', 'PUBLIC')`)).toBe('ok');
  });

  it('cannot delete case files, credit records, their documents or subjects (migration 0026), but may delete an attachment', async () => {
    const denied = /permission denied/i;
    for (const table of ['objections', 'repair_applications', 'serious_list_entries', 'measure_applications', 'consents',
      'credit_records', 'legal_documents', 'subjects']) {
      expect([table, await asApp(sql.raw(`DELETE FROM ${table} WHERE false`))]).toEqual([table, expect.stringMatching(denied)]);
    }
    // Retention removes a file whole; and reading and updating go on as before.
    expect(await asApp(sql`DELETE FROM attachments WHERE false`)).toBe('ok');
    expect(await asApp(sql`SELECT count(*) FROM objections`)).toBe('ok');
    expect(await asApp(sql`UPDATE consents SET revoked_at = revoked_at WHERE false`)).toBe('ok');
  });

  it('can append a back-dated auditor read through the function, and audit:verify names that row', async () => {
    const forged = [{
      at: '2025-03-01T08:00:00.000Z', requestId: 'forged', clientRequestId: null, principal: 'auditor-1', role: 'AUDITOR',
      agencyCode: 'NDRC', purpose: 'AUDIT', operation: 'query Audit', subjectId: company.id, itemCode: '03-02-001',
      fieldPath: 'subject{name}', decision: 'ALLOW', reason: 'AUDIT', writer: 'w0123456789abcdef', writerSeq: 1,
      keyId: owner.app.audit.keys.mac[0]!.id, mac: 'cd'.repeat(32),
    }];
    expect(await asApp(sql`SELECT append_access_log(${JSON.stringify(forged)}::jsonb)`)).toBe('ok');
    const rows = (await owner.database.db.execute(sql`SELECT seq::text AS seq FROM access_log WHERE request_id = 'forged'`)) as unknown;
    const seq = ((Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ seq: string }>)[0]!.seq;
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.text).toContain(`access log BROKEN at seq ${seq}: the MAC does not match`);
  }, 120_000);
});

describe('production start', () => {
  it('refuses a superuser and the tables\' owner, naming the fix, and accepts credit_app', async () => {
    if (appDatabase) {
      expect(await privilegeProblems(owner.database.db)).toEqual([expect.stringContaining('is a superuser')]);
      expect(await privilegeProblems(appDatabase.db)).toEqual([]);
    } else {
      await owner.database.db.execute(sql`RESET ROLE`);
      try {
        expect(await privilegeProblems(owner.database.db)).toEqual([expect.stringContaining('is a superuser')]);
        await owner.database.db.execute(sql`SET ROLE credit_owner`);
        expect(await privilegeProblems(owner.database.db)).toEqual([expect.stringContaining('owns the tables')]);
      } finally {
        await owner.database.db.execute(sql`SET ROLE credit_app`);
      }
    }
  });

  (onPostgres() ? it : it.skip)('npm start in production as a superuser exits with the fix named', () => {
    const { PGLITE_DIR: _unused, ...inherited } = process.env;
    const result = spawnSync(join(ROOT, 'node_modules/.bin/node'), ['-r', '@swc-node/register', 'src/main.ts'], {
      cwd: ROOT, encoding: 'utf8', timeout: 120_000,
      env: {
        ...inherited, NODE_ENV: 'production', PORT: '0', DATABASE_URL: databaseUrl!, ...TEST_AUDIT_ENV, ACCESS_LOG_CHECKPOINT_FILE: 'off',
        ID_HMAC_KEY: TEST_KEYS.idHmac.toString('hex'), ID_ENCRYPTION_KEY: TEST_KEYS.idEncryption.toString('hex'),
        JWT_SECRET: TEST_KEYS.jwtSecret.toString('utf8'),
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to start in production: database user "\w+" is a superuser\. Fix: connect as a login role that is a member of credit_app/);
  }, 120_000);
});

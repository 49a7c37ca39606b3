/**
 * `npm run migrate` as an operator runs it: a real process on an embedded database directory.
 * It applies what is pending, says so, applies nothing the second time, and refuses a
 * directory another process holds with the lock's own message and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/database';

const ROOT = path.resolve(__dirname, '../..');
const journal = JSON.parse(readFileSync(path.join(ROOT, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
const { DATABASE_URL: _ignored, NODE_OPTIONS: _jest, ...inherited } = process.env;

function migrateCli(dataDir: string) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/migrate.ts'], {
    cwd: ROOT, env: { ...inherited, PGLITE_DIR: dataDir }, encoding: 'utf8', timeout: 120_000,
  });
}

describe('npm run migrate', () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'migrate-cli-')), 'db');

  it('applies every migration to a new database, then finds nothing to apply', () => {
    const first = migrateCli(dataDir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const n = journal.entries.length;
    expect(first.stdout).toMatch(new RegExp(`^applied ${n} migration\\(s\\) in [\\d.]+ s; the database has ${n} of ${n}\\n$`));
    const second = migrateCli(dataDir);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(`nothing to apply: the database has all ${n} of ${n} migrations\n`);
  }, 120_000);

  it('refuses a directory another process has open, exit 2, without a stack trace', async () => {
    const holder = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const refused = migrateCli(dataDir);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/in use by process \d+/);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await holder.close();
    }
  }, 120_000);
});

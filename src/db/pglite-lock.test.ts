import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from './database';
import { DataDirInUseError } from './pglite-lock';

describe('an embedded database directory serves one opener at a time', () => {
  const dir = () => path.join(mkdtempSync(path.join(tmpdir(), 'pglite-lock-')), 'db');

  it('refuses a second opener while the first holds it, and admits one after it closed', async () => {
    const dataDir = dir();
    const first = await openDatabase({ kind: 'pglite', dataDir });
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(DataDirInUseError);
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(/in use by process \d+.*PGlite serves one process/);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openDatabase({ kind: 'pglite', dataDir });
    await second.close();
  });

  it('opens a directory whose parents do not exist yet (a first start)', async () => {
    const dataDir = path.join(dir(), 'not', 'yet', 'pglite');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    await db.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = dir();
    writeFileSync(`${dataDir}.lock`, '2147483646\n');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await db.close();
  });
});

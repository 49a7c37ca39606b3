/**
 * One process at a time on an embedded database directory. PGlite is PostgreSQL inside this
 * process: a second process opening the same directory (an `npm run import` or `seed`
 * while `npm start` runs) would write the same files with no coordination and corrupt them.
 * So the opener holds `<dir>.lock` (its pid), and a second opener is refused with what to do
 * instead. A lock left by a process that no longer runs is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock; returns its release. Throws DataDirInUseError if it is held. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  // The lock sits beside the directory, whose parent may not exist yet (a first start with
  // PGLITE_DIR=/srv/credit/pglite, or the default .data/ when DEV_KEYS_FILE points elsewhere).
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        try {
          if (Number(readFileSync(lockPath, 'utf8').trim()) === process.pid) unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && running(holder)) {
        throw new DataDirInUseError(
          `the embedded database ${dataDir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ' (npm start?)'}: ` +
          'PGlite serves one process at a time. Stop that process first, or send the work to the running server ' +
          '(e.g. the importCreditRecords mutation), or use PostgreSQL (DATABASE_URL), which serves any number of processes',
        );
      }
      unlinkSync(lockPath); // left by a process that is gone
    }
  }
  throw new DataDirInUseError(`could not take the lock ${lockPath}`);
}

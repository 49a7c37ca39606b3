/**
 * The frame of a one-shot command on the configured database (audit:verify, migrate): load
 * the configuration, open the database, run, close, exit with the command's code — or with 2
 * and a plain message when it could not run (bad configuration, embedded database in use),
 * with the stack only for the unexpected.
 */
import { ConfigError, loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { DataDirInUseError } from '../db/pglite-lock';

export function runDatabaseCli(command: (database: Database, config: Config) => Promise<number>): void {
  const run = async () => {
    const config = loadConfig();
    const database = await openDatabase(config.database);
    try {
      return await command(database, config);
    } finally {
      await database.close();
    }
  };
  run()
    .then((code) => process.exit(code))
    .catch((err) => {
      process.stderr.write(`${err instanceof ConfigError || err instanceof DataDirInUseError ? err.message : (err as Error).stack}\n`);
      process.exit(2);
    });
}

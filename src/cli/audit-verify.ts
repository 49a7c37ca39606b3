/**
 * `npm run audit:verify`: checks the access log's hash chain and reports the first broken
 * link. Exit 0 when intact, 1 when broken, 2 when it could not run.
 */
// config.ts reaches type-graphql classes (operation limits → page sizes), which need the polyfill first.
import 'reflect-metadata';
import { verifyAccessLogChain } from '../audit/verify-chain';
import { runDatabaseCli } from './database-cli';

runDatabaseCli(async (database) => {
  const started = Date.now();
  const result = await verifyAccessLogChain(database.db);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    process.stdout.write(`access log intact: ${result.checked} rows verified in ${seconds}s\n`);
    return 0;
  }
  process.stdout.write(
    `access log BROKEN at seq ${result.firstBroken!.seq}: ${result.firstBroken!.problem} ` +
      `(${result.checked - 1} rows before it verified)\n`,
  );
  return 1;
});

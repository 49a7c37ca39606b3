/**
 * `npm run audit:verify [-- checkpoints.jsonl …]`: checks the access log — chain, MACs
 * (ACCESS_LOG_KEY and ACCESS_LOG_PREVIOUS_KEYS), writer streams, and every signed checkpoint,
 * the database's own and those kept outside it in the JSON Lines files named (by default the
 * configured ACCESS_LOG_CHECKPOINT_FILE, when it exists). Reports the first row affected.
 * Exit 0 when intact, 1 when not, 2 when it could not run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseCheckpointLines } from '../audit/checkpoint';
import { macKeyOf } from '../audit/log-keys';
import { verifyAccessLogChain } from '../audit/verify-chain';
import { runDatabaseCli } from './database-cli';

runDatabaseCli(async (database, config) => {
  const named = process.argv.slice(2);
  const files = named.length ? named : [config.audit.checkpointFile].filter((f): f is string => Boolean(f && existsSync(f)));
  const checkpoints = files.flatMap((file) => {
    if (!existsSync(file)) throw new Error(`${file}: no such checkpoint file`);
    return parseCheckpointLines(readFileSync(file, 'utf8'), file);
  });
  const started = Date.now();
  const result = await verifyAccessLogChain(database.db, {
    macKeys: config.audit.macSecrets.map(macKeyOf),
    verifyingKey: config.audit.verifying,
    checkpoints,
    unkeyedThrough: config.audit.unkeyedThrough,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const warning of result.warnings) process.stdout.write(`warning: ${warning}\n`);
  const scope = `${result.checkpointsMatched} checkpoint(s) matched${files.length ? `, from the database and ${files.join(', ')}` : ''}`;
  if (result.ok) {
    process.stdout.write(`access log intact: ${result.checked} rows verified in ${seconds}s; ${scope}\n`);
    return 0;
  }
  process.stdout.write(
    `access log BROKEN at seq ${result.firstBroken!.seq}: ${result.firstBroken!.problem} ` +
      `(${result.checked} rows before it verified; ${scope})\n`,
  );
  return 1;
});

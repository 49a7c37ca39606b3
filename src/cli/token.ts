/**
 * `npm run token -- --role <role> [--agency <code>] [--subject <id>] [--ttl <seconds>] [--purposes <P1,P2>]`
 * (`--purposes` narrows what the token may declare; the agency's sharing agreements still decide)
 * prints a bearer token the server accepts: signed with the dev key in embedded mode, with
 * JWT_SECRET otherwise. The server checks the agency exists when the token is used.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../auth/principal';
import { issueToken } from '../auth/tokens';
import { ConfigError, loadConfig } from '../config';

const USAGE = 'usage: npm run token -- --role <SUBJECT|PARTNER|DEPARTMENT|CATALOG_ADMIN|AUDITOR> [--agency <code>] [--subject <id>] [--ttl <seconds>] [--sub <name>] [--purposes <P1,P2>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        agency: { type: 'string' },
        subject: { type: 'string' },
        ttl: { type: 'string', default: '28800' },
        sub: { type: 'string' },
        purposes: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const role = values.role?.toUpperCase() as Role | undefined;
  if (!role || !ROLES.includes(role) || role === 'PUBLIC') fail('--role must name a role other than PUBLIC (no token means PUBLIC)');
  const subject = values.subject === undefined ? undefined : Number(values.subject);
  if (role === 'SUBJECT' && (subject === undefined || !Number.isInteger(subject))) fail('--subject <numeric subject id> is required for SUBJECT');
  if (role !== 'SUBJECT' && !values.agency) fail(`--agency <agency code> is required for ${role}`);
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl must be a positive number of seconds');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const token = await issueToken(
    config.keys.jwtSecret,
    {
      role, sub: values.sub ?? `cli-${role.toLowerCase()}`, agency: values.agency, subject,
      ...(values.purposes ? { purposes: values.purposes.split(',').map((p) => p.trim()).filter(Boolean) } : {}),
    },
    ttl,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));

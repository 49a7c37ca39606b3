/**
 * `npm run token -- --role <role> [--agency <code>] [--subject <id>] [--ttl <seconds>] [--purposes <P1,P2>]`
 * (`--purposes` narrows what the token may declare; the agency's sharing agreements still decide)
 * prints a bearer token the server accepts: signed with the dev key in embedded mode, with
 * JWT_SECRET otherwise. The server checks the agency (or subject) exists when the token is used.
 *
 * Each token gets its own holder (`sub`: `cli-<role>-<random>`) unless `--sub` names one, so
 * tokens handed to different clients are told apart in the access log and spend separate
 * request budgets. `--ttl` defaults to 8 hours, capped by the role's TOKEN_MAX_TTL_SECONDS;
 * a longer one is refused here rather than by the server later.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../auth/principal';
import { issueToken } from '../auth/tokens';
import { DEFAULT_TOKEN_MAX_TTL } from '../auth/token-keys';
import { configOrExit, failWithUsage, type Fail } from './cli-exit';

const USAGE = 'usage: npm run token -- --role <SUBJECT|PARTNER|DEPARTMENT|CATALOG_ADMIN|AUDITOR> [--agency <code>] [--subject <id>] [--ttl <seconds>] [--sub <name>] [--purposes <P1,P2>]';

const fail: Fail = failWithUsage(USAGE);

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        agency: { type: 'string' },
        subject: { type: 'string' },
        ttl: { type: 'string' },
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
  const config = configOrExit(fail);
  const secret = config.keys.tokens ? config.keys.tokens.secret : config.keys.jwtSecret;
  if (!secret) fail('JWT_SECRET is not set: this deployment accepts tokens from its identity provider (JWT_PUBLIC_KEY / JWT_JWKS_URL) only');
  const maxTtl = (config.keys.tokens?.maxTtlSeconds ?? DEFAULT_TOKEN_MAX_TTL)[role];
  const ttl = values.ttl === undefined ? Math.min(8 * 3600, maxTtl) : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl must be a positive number of seconds');
  if (ttl > maxTtl) fail(`--ttl ${ttl} is longer than the ${maxTtl} s ${/^[AEIOU]/.test(role) ? 'an' : 'a'} ${role} token may live (TOKEN_MAX_TTL_SECONDS); the server would refuse it`);
  const token = await issueToken(
    secret,
    {
      role, sub: values.sub ?? `cli-${role.toLowerCase()}-${randomBytes(6).toString('hex')}`, agency: values.agency, subject,
      ...(values.purposes ? { purposes: values.purposes.split(',').map((p) => p.trim()).filter(Boolean) } : {}),
    },
    ttl,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));

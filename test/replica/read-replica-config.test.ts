/** DATABASE_READ_URL and DATABASE_READ_MAX_LAG_MS in src/config.ts: no database needed. */
import { ConfigError, loadConfig } from '../../src/config';

const deployed = {
  DATABASE_URL: 'postgres://app@db-primary:5432/credit',
  ID_HMAC_KEY: '11'.repeat(32),
  ID_ENCRYPTION_KEY: '22'.repeat(32),
  JWT_SECRET: 'x'.repeat(32),
  ACCESS_LOG_KEY: '44'.repeat(32),
  ACCESS_LOG_SIGNING_KEY: '5a'.repeat(32),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('read replica configuration', () => {
  it('has no replica unless DATABASE_READ_URL is set', () => {
    expect(loadConfig(deployed).readReplica).toBeUndefined();
  });

  it('takes the replica URL, the primary pool size and a 5 s lag bound by default', () => {
    const c = loadConfig({ ...deployed, DATABASE_READ_URL: 'postgres://app@db-replica:5432/credit', DATABASE_POOL_SIZE: '7' });
    expect(c.readReplica).toEqual({ url: 'postgres://app@db-replica:5432/credit', poolSize: 7, maxLagMs: 5000 });
    const strict = loadConfig({ ...deployed, DATABASE_READ_URL: 'postgres://app@db-replica:5432/credit', DATABASE_READ_MAX_LAG_MS: '250' });
    expect(strict.readReplica?.maxLagMs).toBe(250);
  });

  it('refuses a replica without a primary, the primary itself, a non-PostgreSQL URL and a lag bound out of range', () => {
    expect(problemsOf({ DATABASE_READ_URL: 'postgres://app@db-replica:5432/credit', DEV_KEYS_FILE: '/nonexistent/never-written.json' }))
      .toEqual([expect.stringMatching(/^DATABASE_READ_URL: a read replica needs DATABASE_URL/)]);
    expect(problemsOf({ ...deployed, DATABASE_READ_URL: deployed.DATABASE_URL }))
      .toEqual([expect.stringMatching(/^DATABASE_READ_URL: names the same server as DATABASE_URL/)]);
    expect(problemsOf({ ...deployed, DATABASE_READ_URL: 'mysql://db-replica/credit' }))
      .toEqual([expect.stringMatching(/^DATABASE_READ_URL: must be a postgres:\/\//)]);
    expect(problemsOf({ ...deployed, DATABASE_READ_URL: 'postgres://app@db-replica:5432/credit', DATABASE_READ_MAX_LAG_MS: '10' }))
      .toEqual([expect.stringMatching(/^DATABASE_READ_MAX_LAG_MS:/)]);
  });
});

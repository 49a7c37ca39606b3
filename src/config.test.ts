import { ConfigError, loadConfig } from './config';

const keys = {
  ID_HMAC_KEY: '11'.repeat(32),
  ID_ENCRYPTION_KEY: '22'.repeat(32),
  JWT_SECRET: 'x'.repeat(40),
};

describe('configuration', () => {
  it('defaults to the embedded database with generated dev keys kept in a file', () => {
    const file = `${require('node:os').tmpdir()}/credit-dev-keys-${process.pid}.json`;
    const a = loadConfig({ DEV_KEYS_FILE: file });
    const b = loadConfig({ DEV_KEYS_FILE: file });
    expect(a.database).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
    expect(a.seed.demo).toBe(true);
    expect(a.keys.generated).toBe(true);
    expect(b.keys.jwtSecret.equals(a.keys.jwtSecret)).toBe(true);
  });

  it('keeps everything in memory with PGLITE_DIR=memory://', () => {
    const c = loadConfig({ PGLITE_DIR: 'memory://', DEV_KEYS_FILE: `${require('node:os').tmpdir()}/k-${process.pid}.json` });
    expect(c.database).toEqual({ kind: 'pglite', dataDir: undefined });
  });

  it('uses PostgreSQL when DATABASE_URL is set, with keys from the environment', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', ...keys });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db', poolSize: 10, prepare: true });
    expect(c.seed.demo).toBe(false);
    expect(c.keys.idHmac).toHaveLength(32);
  });

  it('lists every bad variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ID_HMAC_KEY: 'short' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = error!.problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'ID_HMAC_KEY']));
  });

  it('meters requests in memory by default and in Redis when REDIS_URL is set, and can be switched off', () => {
    const tmp = `${require('node:os').tmpdir()}/k-rl-${process.pid}.json`;
    expect(loadConfig({ DEV_KEYS_FILE: tmp }).rateLimit).toEqual({ perPrincipal: 600, perIp: 1200, windowMs: 60_000, redisUrl: undefined });
    expect(loadConfig({ DEV_KEYS_FILE: tmp, REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_PER_IP: '50' }).rateLimit).toMatchObject({ perIp: 50, redisUrl: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ DEV_KEYS_FILE: tmp, RATE_LIMIT_ENABLED: 'false' }).rateLimit).toBeUndefined();
    expect(() => loadConfig({ DEV_KEYS_FILE: tmp, REDIS_URL: 'localhost:6379', RATE_LIMIT_PER_PRINCIPAL: '0' })).toThrow(/REDIS_URL[\s\S]*RATE_LIMIT_PER_PRINCIPAL/);
  });

  it('renders report PDFs on one worker thread with 16 waiting by default; 0 workers render on the main thread', () => {
    const tmp = `${require('node:os').tmpdir()}/k-pdf-${process.pid}.json`;
    expect(loadConfig({ DEV_KEYS_FILE: tmp }).reportPdf).toEqual({ workers: 1, queue: 16 });
    expect(loadConfig({ DEV_KEYS_FILE: tmp, REPORT_PDF_WORKERS: '2', REPORT_PDF_QUEUE: '0' }).reportPdf).toEqual({ workers: 2, queue: 0 });
    expect(loadConfig({ DEV_KEYS_FILE: tmp, REPORT_PDF_WORKERS: '0' }).reportPdf.workers).toBe(0);
    expect(() => loadConfig({ DEV_KEYS_FILE: tmp, REPORT_PDF_WORKERS: '-1', REPORT_PDF_QUEUE: 'many' })).toThrow(/REPORT_PDF_WORKERS[\s\S]*REPORT_PDF_QUEUE/);
    expect(() => loadConfig({ DEV_KEYS_FILE: tmp, REPORT_PDF_WORKERS: '0', REPORT_PDF_QUEUE: '8' })).toThrow(/REPORT_PDF_QUEUE: has no effect with REPORT_PDF_WORKERS=0/);
  });

  it('requires key material when deployed on PostgreSQL, naming each missing key', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(
      /ID_HMAC_KEY: required[\s\S]*ID_ENCRYPTION_KEY: required[\s\S]*JWT_SECRET: required/,
    );
  });
});

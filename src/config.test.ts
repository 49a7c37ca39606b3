import { generateKeyPairSync } from 'node:crypto';
import { DEFAULT_TOKEN_MAX_TTL, DEV_TOKEN_MAX_TTL } from './auth/token-keys';
import { ConfigError, loadConfig } from './config';

const keys = {
  ID_HMAC_KEY: '11'.repeat(32),
  ID_ENCRYPTION_KEY: '22'.repeat(32),
  JWT_SECRET: 'x'.repeat(40),
  ACCESS_LOG_KEY: '44'.repeat(32),
  ACCESS_LOG_SIGNING_KEY: '5a'.repeat(32),
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
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db', poolSize: 10, prepare: true, statementTimeoutMs: 10_000 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', ...keys, LIMIT_EXECUTION_MS: '2500' }).database).toMatchObject({ statementTimeoutMs: 2500 });
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

  it('refuses the retired time-limit variables, saying where each limit now lives', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ DATABASE_URL: 'postgres://u@h/db', ...keys, OBJECTION_DUE_WORKING_DAYS: '5', LIST_OBJECTION_WORKING_DAYS: '10' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual([
      expect.stringMatching(/^OBJECTION_DUE_WORKING_DAYS: no longer read; .*publication-regimes\.yaml, timeLimits\.objectionDecision/),
      expect.stringMatching(/^LIST_OBJECTION_WORKING_DAYS: no longer read; .*serious-list-types\.yaml, timeLimits\.objectionWindow/),
    ]);
  });

  it('meters requests in memory by default and in Redis when REDIS_URL is set, and can be switched off', () => {
    const tmp = `${require('node:os').tmpdir()}/k-rl-${process.pid}.json`;
    expect(loadConfig({ DEV_KEYS_FILE: tmp }).rateLimit).toEqual({ perPrincipal: 600, perIp: 1200, windowMs: 60_000, redisUrl: undefined, trustedProxies: [] });
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
      /ID_HMAC_KEY: required[\s\S]*ID_ENCRYPTION_KEY: required[\s\S]*ACCESS_LOG_KEY: required[\s\S]*ACCESS_LOG_SIGNING_KEY: required[\s\S]*JWT_SECRET: required/,
    );
  });

  it('reads the access log\'s keys: a MAC key with earlier ones after a rotation, an Ed25519 key as PEM or seed, and refuses the wrong kind', () => {
    const deployed = { ...keys, DATABASE_URL: 'postgres://u@h/db' };
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const c = loadConfig({ ...deployed, ACCESS_LOG_SIGNING_KEY: pem.replace(/\n/g, '\\n'), ACCESS_LOG_PREVIOUS_KEYS: `${'66'.repeat(32)}, ${'77'.repeat(32)}` });
    expect(c.audit.macSecrets.map((k) => k.toString('hex'))).toEqual(['44'.repeat(32), '66'.repeat(32), '77'.repeat(32)]);
    expect(c.audit.signing?.asymmetricKeyType).toBe('ed25519');
    expect(c.audit.verifying?.asymmetricKeyType).toBe('ed25519');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const otherPublic = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => loadConfig({ ...deployed, ACCESS_LOG_SIGNING_KEY: rsa, ACCESS_LOG_PREVIOUS_KEYS: 'short', ACCESS_LOG_VERIFY_KEY: 'nonsense' })).toThrow(
      /ACCESS_LOG_PREVIOUS_KEYS: each key must be 32 bytes[\s\S]*ACCESS_LOG_SIGNING_KEY: is a rsa key[\s\S]*ACCESS_LOG_VERIFY_KEY: not an Ed25519 public key/,
    );
    expect(() => loadConfig({ ...deployed, ACCESS_LOG_VERIFY_KEY: otherPublic })).toThrow(/ACCESS_LOG_VERIFY_KEY: is not the public half of ACCESS_LOG_SIGNING_KEY/);
    // An auditor's machine verifies with the public key alone.
    const { ACCESS_LOG_SIGNING_KEY: _signing, ...auditor } = deployed;
    expect(loadConfig({ ...auditor, ACCESS_LOG_VERIFY_KEY: otherPublic }).audit.signing).toBeUndefined();
  });

  it('generates the access log\'s keys into the embedded dev-keys file, the same on every start', () => {
    const file = `${require('node:os').tmpdir()}/credit-audit-keys-${process.pid}.json`;
    const a = loadConfig({ DEV_KEYS_FILE: file }).audit;
    const b = loadConfig({ DEV_KEYS_FILE: file }).audit;
    expect(a.macSecrets[0]!.equals(b.macSecrets[0]!)).toBe(true);
    expect(a.verifying!.equals(b.verifying!)).toBe(true);
    expect(a.checkpointFile).toBe(`${require('node:os').tmpdir()}/access-log-checkpoints.jsonl`);
  });

  it('trusts no proxy by default and reads TRUSTED_PROXIES as addresses and CIDR blocks, naming a bad entry', () => {
    const tmp = `${require('node:os').tmpdir()}/k-tp-${process.pid}.json`;
    expect(loadConfig({ DEV_KEYS_FILE: tmp }).trustedProxies).toEqual([]);
    const c = loadConfig({ DEV_KEYS_FILE: tmp, TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.7 ,2001:db8::/32' });
    expect(c.trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32']);
    expect(c.rateLimit?.trustedProxies).toEqual(c.trustedProxies);
    expect(() => loadConfig({ DEV_KEYS_FILE: tmp, TRUSTED_PROXIES: '10.0.0.0/33,proxy.local' }))
      .toThrow(/TRUSTED_PROXIES: "10.0.0.0\/33"[\s\S]*TRUSTED_PROXIES: "proxy.local"/);
  });
});

describe('token configuration', () => {
  const deployed = { DATABASE_URL: 'postgres://u@h/db', ...keys };
  const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;

  it('limits token lifetimes per role by default when deployed, and to the dev tokens\' 30 days with generated dev keys', () => {
    expect(loadConfig(deployed).keys.tokens?.maxTtlSeconds).toEqual(DEFAULT_TOKEN_MAX_TTL);
    expect(DEFAULT_TOKEN_MAX_TTL).toEqual({ SUBJECT: 28_800, PARTNER: 43_200, DEPARTMENT: 43_200, CATALOG_ADMIN: 28_800, AUDITOR: 28_800 });
    const dev = loadConfig({ DEV_KEYS_FILE: `${require('node:os').tmpdir()}/k-ttl-${process.pid}.json` });
    expect(dev.keys.tokens?.maxTtlSeconds).toEqual(DEV_TOKEN_MAX_TTL);
    expect(dev.keys.tokens?.secret?.equals(dev.keys.jwtSecret)).toBe(true);
  });

  it('reads TOKEN_MAX_TTL_SECONDS as one limit or per role, and names every bad part', () => {
    expect(loadConfig({ ...deployed, TOKEN_MAX_TTL_SECONDS: '3600' }).keys.tokens?.maxTtlSeconds)
      .toEqual({ SUBJECT: 3600, PARTNER: 3600, DEPARTMENT: 3600, CATALOG_ADMIN: 3600, AUDITOR: 3600 });
    expect(loadConfig({ ...deployed, TOKEN_MAX_TTL_SECONDS: 'partner=600, AUDITOR=1800' }).keys.tokens?.maxTtlSeconds)
      .toEqual({ ...DEFAULT_TOKEN_MAX_TTL, PARTNER: 600, AUDITOR: 1800 });
    expect(() => loadConfig({ ...deployed, TOKEN_MAX_TTL_SECONDS: 'ROOT=60,SUBJECT=forever' }))
      .toThrow(/"ROOT" is not a role[\s\S]*SUBJECT must be whole seconds/);
    expect(() => loadConfig({ ...deployed, TOKEN_MAX_TTL_SECONDS: '99999999' })).toThrow(/between 60 and 2592000/);
  });

  it('accepts an identity provider\'s RSA or P-256 key or JWKS instead of JWT_SECRET, and then refuses HS256', () => {
    const { JWT_SECRET: _unused, ...noSecret } = deployed;
    const rsa = loadConfig({ ...noSecret, JWT_PUBLIC_KEY: rsaPem, JWT_ISSUER: 'https://idp.example.gov.cn' });
    expect(rsa.keys.tokens).toMatchObject({ secret: undefined, publicKey: { alg: 'RS256' }, issuer: 'https://idp.example.gov.cn', audience: 'public-credit-api' });
    expect(loadConfig({ ...noSecret, JWT_PUBLIC_KEY: ecPem.replace(/\n/g, '\\n') }).keys.tokens?.publicKey?.alg).toBe('ES256');
    expect(loadConfig({ ...noSecret, JWT_JWKS_URL: 'https://idp.example.gov.cn/jwks.json' }).keys.tokens?.jwksUrl?.host).toBe('idp.example.gov.cn');
    expect(() => loadConfig(noSecret)).toThrow(/JWT_SECRET: required when DATABASE_URL is set, unless JWT_PUBLIC_KEY or JWT_JWKS_URL/);
  });

  it('refuses a key that is not a usable public key and a JWKS URL over plain http', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(() => loadConfig({ ...deployed, JWT_PUBLIC_KEY: 'not a key' })).toThrow(/JWT_PUBLIC_KEY: not a PEM public key/);
    expect(() => loadConfig({ ...deployed, JWT_PUBLIC_KEY: ed })).toThrow(/JWT_PUBLIC_KEY: a ed25519 key is not accepted/);
    expect(() => loadConfig({ ...deployed, JWT_PUBLIC_KEY: small })).toThrow(/at least 2048 bits/);
    expect(() => loadConfig({ ...deployed, JWT_JWKS_URL: 'http://idp.example.gov.cn/jwks.json' })).toThrow(/JWT_JWKS_URL: must be an https:\/\/ URL/);
    expect(loadConfig({ ...deployed, JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks.json' }).keys.tokens?.jwksUrl).toBeDefined();
  });
});

describe('sign-in configuration', () => {
  const deployed = { DATABASE_URL: 'postgres://u@h/db', ...keys };
  const devKeys = () => ({ DEV_KEYS_FILE: `${require('node:os').tmpdir()}/k-oidc-${process.pid}.json` });
  const idp = {
    OIDC_ISSUER: 'https://auth.jszwfw.example.gov.cn/oidc',
    OIDC_CLIENT_ID: 'credit-portal',
    OIDC_CLIENT_SECRET: 's3cret-s3cret',
    OIDC_REDIRECT_URI: 'https://credit.example.gov.cn/auth/callback',
    SESSION_KEY: '66'.repeat(32),
  };

  it('runs the embedded provider only in embedded development, never in production or when deployed', () => {
    expect(loadConfig(devKeys()).signIn).toMatchObject({
      provider: { kind: 'embedded' }, scopes: 'openid profile', claims: { person: 'id_number', company: 'uscc' }, maxSeconds: 28_800, idleSeconds: 1800,
    });
    expect(loadConfig({ ...devKeys(), NODE_ENV: 'production' }).signIn).toBeUndefined();
    expect(loadConfig(deployed).signIn).toBeUndefined();
  });

  it('signs in through a configured identity service, with its claim names and session lifetimes', () => {
    const c = loadConfig({ ...deployed, ...idp, OIDC_PERSON_CLAIM: 'idcard', OIDC_COMPANY_CLAIM: 'credit_code', SESSION_MAX_SECONDS: '3600', SESSION_IDLE_SECONDS: '900' });
    expect(c.signIn).toMatchObject({
      provider: { kind: 'external', clientId: 'credit-portal', clientSecret: 's3cret-s3cret' },
      claims: { person: 'idcard', company: 'credit_code' }, maxSeconds: 3600, idleSeconds: 900,
    });
    expect(c.signIn!.stateKey.equals(Buffer.from('66'.repeat(32), 'hex'))).toBe(true);
    expect(loadConfig({ ...devKeys(), NODE_ENV: 'production', ...idp }).signIn?.provider.kind).toBe('external');
  });

  it('names every missing or unsafe sign-in variable', () => {
    const { OIDC_CLIENT_SECRET: _s, SESSION_KEY: _k, ...partial } = idp;
    expect(() => loadConfig({ ...deployed, ...partial })).toThrow(/OIDC_CLIENT_SECRET: required with OIDC_ISSUER[\s\S]*SESSION_KEY: required/);
    expect(() => loadConfig({ ...deployed, ...idp, OIDC_ISSUER: 'http://auth.example.gov.cn' })).toThrow(/OIDC_ISSUER: must be an https:\/\//);
    expect(() => loadConfig({ ...deployed, ...idp, OIDC_REDIRECT_URI: 'http://credit.example.gov.cn/auth/callback' })).toThrow(/OIDC_REDIRECT_URI: must be an https:\/\//);
    expect(() => loadConfig({ ...deployed, ...idp, OIDC_REDIRECT_URI: 'https://credit.example.gov.cn/callback' })).toThrow(/must end in \/auth\/callback/);
    expect(() => loadConfig({ ...deployed, OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_CLIENT_ID: has no effect without OIDC_ISSUER/);
    expect(() => loadConfig({ ...devKeys(), SESSION_MAX_SECONDS: '600', SESSION_IDLE_SECONDS: '1200' })).toThrow(/SESSION_IDLE_SECONDS: longer than SESSION_MAX_SECONDS/);
  });
});

/**
 * The only reader of process.env. Every variable is validated once at start; every bad one
 * is listed in a single error so that an operator fixes them all in one go.
 *
 * Two modes: embedded (no DATABASE_URL: PGlite in-process, demo data, generated dev keys)
 * and deployed (DATABASE_URL set: key material must come from the environment).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import {
  DEFAULT_TOKEN_MAX_TTL, DEV_TOKEN_MAX_TTL, DEV_TOKEN_TTL_SECONDS, publicKeyFromPem, TOKEN_ROLES,
  type TokenKeys, type TokenRole,
} from './auth/token-keys';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** How report PDFs are rendered: `workers` threads (0: the main thread), at most `queue` waiting for one. */
export interface ReportPdfConfig {
  workers: number;
  queue: number;
}

/** The defaults of REPORT_PDF_WORKERS and REPORT_PDF_QUEUE, for servers built without a Config. */
export const DEFAULT_REPORT_PDF: ReportPdfConfig = Object.freeze({ workers: 1, queue: 16 });

/** The defaults of ACCESS_LOG_CHECKPOINT_SECONDS and _ROWS, for servers built without a Config. */
export const DEFAULT_CHECKPOINTS = Object.freeze({ intervalMs: 300_000, rows: 100_000 });

/** The defaults of SESSION_MAX_SECONDS and SESSION_IDLE_SECONDS. */
export const DEFAULT_SESSIONS = Object.freeze({ maxSeconds: 8 * 3600, idleSeconds: 30 * 60 });

/**
 * Sign-in with OpenID Connect for subjects (src/session/). `external`: the province's identity
 * service (OIDC_*). `embedded`: an in-process provider with test accounts, only in embedded mode
 * outside production, its issuer and redirect URI known once the server listens.
 */
export interface SignInConfig {
  provider:
    | { kind: 'external'; issuer: URL; clientId: string; clientSecret: string; redirectUri: URL }
    | { kind: 'embedded' };
  scopes: string;
  /** Claim names of a person's ID number and of an agent's company USCC. */
  claims: { person: string; company: string };
  /** SESSION_KEY: encrypts the sign-in state cookie. */
  stateKey: Buffer;
  /** Sessions' absolute and idle lifetimes, in seconds. */
  maxSeconds: number;
  idleSeconds: number;
}

/** The default of CONSENT_MAX_DAYS: a year, then the subject grants again (49号 七(十四): no lifetime grants). */
export const DEFAULT_CONSENT_MAX_DAYS = 365;

/** The default of PERSON_LOOKUP_DAILY_LIMIT: ample for a clerk's day, far too few to enumerate ID numbers. */
export const DEFAULT_PERSON_LOOKUP_DAILY_LIMIT = 200;

/**
 * What one request may ask of the server (LIMIT_*); where each is enforced:
 * src/http/operation-limits.ts.
 */
export interface OperationLimits {
  /** LIMIT_BODY_BYTES: largest request body read. */
  bodyBytes: number;
  /** LIMIT_QUERY_LENGTH: longest query document, in characters (comments included). */
  queryLength: number;
  /** LIMIT_TOKENS: most lexical tokens in a query document. */
  tokens: number;
  /** LIMIT_DEPTH: deepest field nesting; fragments are followed. */
  depth: number;
  /** LIMIT_ALIASES: most aliases in an operation. */
  aliases: number;
  /** LIMIT_DIRECTIVES: most directives in an operation. */
  directives: number;
  /** LIMIT_COST: graphql-armor's cost (objects 2, scalars 1, ×1.5 per level, × `first`). */
  cost: number;
  /** LIMIT_RECURSIVE_SELECTIONS: selections counted with every fragment spread expanded. */
  recursiveSelections: number;
  /** LIMIT_EXECUTION_MS: longest an operation may execute before it is cut off; also the requests' statement_timeout on PostgreSQL. */
  executionMs: number;
  /** LIMIT_INTROSPECTION_DEPTH: deepest nesting of a path through `__schema` / `__type`, counted from the operation's root. */
  introspectionDepth: number;
}

/**
 * Measured on the GraphiQL examples: the portal profile (PublicProfile) has depth 7, cost
 * ~1090 (~21 000 with both its pages at first: 100), 38 selections; the largest document (the department tab) 238 tokens. The defaults
 * leave 4–8× headroom and still stop field duplication (500× one field: SELECTION_LIMIT);
 * depth 8 refuses the fan-out list → subject → profile → records (depth 10), which a portal
 * page asks for in two requests; cost 50 000 refuses pages nested in pages (100 subjects ×
 * 100 records each: ~650 000).
 */
export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  bodyBytes: 1024 * 1024,
  queryLength: 32 * 1024,
  tokens: 1000,
  depth: 8,
  aliases: 15,
  directives: 20,
  cost: 50_000,
  recursiveSelections: 300,
  executionMs: 10_000,
  // graphql-js's getIntrospectionQuery() (what GraphiQL sends) reaches depth 15: seven `ofType` levels.
  introspectionDepth: 15,
});

const LIMITS = DEFAULT_OPERATION_LIMITS;

/**
 * INTROSPECTION (src/http/execution-guards.ts): `all` — anyone; `authenticated` — any token,
 * not the PUBLIC view; `off` — nobody. Default: `all` outside production, `authenticated` in
 * production.
 */
export type IntrospectionMode = 'all' | 'authenticated' | 'off';

/** GRAPHQL_EXECUTOR: graphql-jit's compiled operations, or graphql-js's interpreter. */
export type GraphQLExecutorKind = 'compiled' | 'interpreter';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const key32 = z.string().refine((v) => decodeKey(v)?.length === 32, {
  message: 'must be 32 bytes, written as base64 or 64 hex characters',
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARE: bool.default(true),
  /** A streaming replica of DATABASE_URL's cluster for public queries (src/db/read-routing.ts). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** A replica provably further behind than this is not read: the primary answers instead. */
  DATABASE_READ_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /**
   * The public response cache's memory bound in MiB (src/http/public-cache/); 0 turns it off.
   * Its answers are never staler than DATABASE_READ_MAX_LAG_MS, the bound the replica promises.
   */
  PUBLIC_CACHE_MB: z.coerce.number().int().min(0).max(16_384).default(64),
  /** Embedded database directory; `memory://` keeps everything in memory (lost on exit). */
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  /** Embedded mode: where generated dev keys are kept, so `npm run token` and restarts agree. */
  DEV_KEYS_FILE: z.string().min(1).default('.data/dev-keys.json'),
  SEED_DEMO: bool.optional(),
  SEED_SUBJECTS: z.coerce.number().int().min(1).max(100_000).default(300),
  SEED_RANDOM: z.coerce.number().int().default(49),
  ID_HMAC_KEY: key32.optional(),
  ID_ENCRYPTION_KEY: key32.optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** An identity provider's PEM public key (RSA → RS256, EC P-256 → ES256); `\n` escapes allowed. */
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  /** An identity provider's JWKS (keys chosen by `kid`, refreshed on rotation). */
  JWT_JWKS_URL: z.string().url().optional(),
  /** `iss` and `aud` the identity provider's tokens must carry. */
  JWT_ISSUER: z.string().min(1).default('public-credit-api'),
  JWT_AUDIENCE: z.string().min(1).default('public-credit-api'),
  /** Longest token lifetime: seconds for every role, or `ROLE=seconds,…` over the per-role defaults. */
  TOKEN_MAX_TTL_SECONDS: z.string().min(1).optional(),
  /** The access log's MAC key (32 bytes): never stored in the database (src/audit/log-keys.ts). */
  ACCESS_LOG_KEY: key32.optional(),
  /** Earlier ACCESS_LOG_KEYs, comma-separated, so rows written under them still verify after a rotation. */
  ACCESS_LOG_PREVIOUS_KEYS: z.string().optional(),
  /** Ed25519 private key (PEM, or its 32-byte seed as 64 hex) that signs access-log checkpoints. */
  ACCESS_LOG_SIGNING_KEY: z.string().min(1).optional(),
  /** Ed25519 public key (PEM or 64 hex) for `npm run audit:verify` on a machine without the signing key. */
  ACCESS_LOG_VERIFY_KEY: z.string().min(1).optional(),
  /** JSON Lines file signed checkpoints are appended to; `off`: the structured log and the database only. */
  ACCESS_LOG_CHECKPOINT_FILE: z.string().min(1).optional(),
  ACCESS_LOG_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(DEFAULT_CHECKPOINTS.intervalMs / 1000),
  ACCESS_LOG_CHECKPOINT_ROWS: z.coerce.number().int().min(1).max(100_000_000).default(DEFAULT_CHECKPOINTS.rows),
  /** Rows up to this seq predate keyed MACs (an upgraded log): audit:verify accepts them unkeyed. */
  ACCESS_LOG_UNKEYED_THROUGH: z.coerce.number().int().min(0).default(0),
  /** Reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For is believed. */
  TRUSTED_PROXIES: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Longest a subject's consent may run, in days: no lifetime grants (49号 七(十四)). */
  CONSENT_MAX_DAYS: z.coerce.number().int().min(1).max(3660).default(DEFAULT_CONSENT_MAX_DAYS),
  /** Distinct resident ID numbers one token may look up per day (src/modules/subject/person-lookup-budget.ts). */
  PERSON_LOOKUP_DAILY_LIMIT: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_PERSON_LOOKUP_DAILY_LIMIT),
  /** Operation limits (src/http/operation-limits.ts); defaults pass every GraphiQL example. */
  LIMIT_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(LIMITS.bodyBytes),
  LIMIT_QUERY_LENGTH: z.coerce.number().int().min(256).default(LIMITS.queryLength),
  LIMIT_TOKENS: z.coerce.number().int().min(50).default(LIMITS.tokens),
  LIMIT_DEPTH: z.coerce.number().int().min(2).default(LIMITS.depth),
  LIMIT_ALIASES: z.coerce.number().int().min(0).default(LIMITS.aliases),
  LIMIT_DIRECTIVES: z.coerce.number().int().min(0).default(LIMITS.directives),
  LIMIT_COST: z.coerce.number().int().min(10).default(LIMITS.cost),
  LIMIT_RECURSIVE_SELECTIONS: z.coerce.number().int().min(10).default(LIMITS.recursiveSelections),
  LIMIT_EXECUTION_MS: z.coerce.number().int().min(1).default(LIMITS.executionMs),
  LIMIT_INTROSPECTION_DEPTH: z.coerce.number().int().min(2).max(100).default(LIMITS.introspectionDepth),
  /** `all`, `authenticated` (any token but PUBLIC) or `off`; default: all, in production authenticated. */
  INTROSPECTION: z.enum(['all', 'authenticated', 'off']).optional(),
  /** How operations execute: `compiled` (graphql-jit) or `interpreter` (graphql-js), an operator's fallback. */
  GRAPHQL_EXECUTOR: z.enum(['compiled', 'interpreter']).default('compiled'),
  /** Serve GraphiQL to browsers at /graphql; default: on, in production off. */
  GRAPHIQL: bool.optional(),
  /** Shared rate-limit counters and the public cache's shared tier (redis://…); unset: each instance counts and caches in its own memory. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  RATE_LIMIT_ENABLED: bool.default(true),
  /** Requests per window for one token (principal). */
  RATE_LIMIT_PER_PRINCIPAL: z.coerce.number().int().min(1).default(600),
  /** Requests per window from one client address, public or not. */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** JSON allow-list of persisted operations for PARTNER tokens (src/http/persisted-operations.ts); unset: no allow-list. */
  PERSISTED_OPERATIONS_FILE: z.string().min(1).optional(),
  /** Bearer token a Prometheus scraper sends to /metrics; unset: /metrics open in development, absent (404) in production. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').regex(/^\S+$/, 'must not contain spaces').optional(),
  /** On SIGTERM/SIGINT: how long in-flight requests may take to finish before they are cut off. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Threads rendering report PDFs (src/report/report-pdf-pool.ts); 0 renders them on the main thread. */
  REPORT_PDF_WORKERS: z.coerce.number().int().min(0).max(64).default(DEFAULT_REPORT_PDF.workers),
  /** Report PDFs that may wait for a thread; one more is refused with HTTP 503 SERVER_BUSY. */
  REPORT_PDF_QUEUE: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_REPORT_PDF.queue),
  /** The portal's address as the public reaches it: report QR codes open its /verify page (never taken from a request's Host). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Sign-in (src/session/): the identity service's issuer; unset in embedded development: an in-process provider. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** This server's /auth/callback as the identity service knows it (its origin also decides the cookies' Secure flag). */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** Space-separated scopes asked for; the identity claims must come with them. */
  OIDC_SCOPES: z.string().min(1).default('openid profile'),
  /** Claim carrying a person's resident ID number. */
  OIDC_PERSON_CLAIM: z.string().min(1).default('id_number'),
  /** Claim carrying the USCC of the company an agent signs in for (electronic business-licence login). */
  OIDC_COMPANY_CLAIM: z.string().min(1).default('uscc'),
  /** Encrypts the short-lived sign-in state cookie (32 bytes); shared by every instance behind one address. */
  SESSION_KEY: key32.optional(),
  /** A session ends this long after sign-in, however active. */
  SESSION_MAX_SECONDS: z.coerce.number().int().min(300).max(7 * 86_400).default(DEFAULT_SESSIONS.maxSeconds),
  /** … and this long after its last request. */
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(DEFAULT_SESSIONS.idleSeconds),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database:
    | {
        kind: 'postgres'; url: string; poolSize: number; prepare: boolean;
        /** LIMIT_EXECUTION_MS, as statement_timeout of the connections serving requests (src/db/database.ts). */
        statementTimeoutMs: number;
      }
    | { kind: 'pglite'; dataDir: string | undefined };
  /** DATABASE_READ_URL and DATABASE_READ_MAX_LAG_MS; pool size as the primary's. Undefined: no replica. */
  readReplica: { url: string; poolSize: number; maxLagMs: number } | undefined;
  /** PUBLIC_CACHE_MB (as bytes) and the staleness bound (DATABASE_READ_MAX_LAG_MS); undefined: off. */
  publicCache: {
    maxBytes: number;
    maxStalenessMs: number;
    /** REDIS_URL: a second tier shared by every instance (src/http/public-cache/shared-tier.ts). */
    redisUrl?: string;
    /** Key prefix in Redis (tests keep theirs apart); default `credit-api:{pc}:`. */
    redisPrefix?: string;
  } | undefined;
  seed: { demo: boolean; subjects: number; random: number };
  /**
   * `jwtSecret`: the HS256 key (when only an identity provider's keys are configured, a random
   * key nobody holds, and `tokens.secret` is undefined: HS256 refused). `tokens`: which
   * tokens are accepted and for how long (absent in servers built without a Config: HS256
   * with jwtSecret, default lifetimes).
   */
  keys: { idHmac: Buffer; idEncryption: Buffer; jwtSecret: Buffer; generated: boolean; tokens?: TokenKeys };
  /** ACCESS_LOG_*: the access log's keys and checkpoints (src/audit/). */
  audit: AuditConfig;
  /** TRUSTED_PROXIES: peers whose X-Forwarded-For names the client address (src/http/client-address.ts). */
  trustedProxies: readonly string[];
  logLevel: string;
  /** CONSENT_MAX_DAYS: the furthest ahead a consent may expire. */
  consentMaxDays: number;
  /** PERSON_LOOKUP_DAILY_LIMIT: distinct ID numbers a token may look up per legal day. */
  personLookupDailyLimit: number;
  /** LIMIT_*: what one request may ask of the server. */
  limits: OperationLimits;
  /** INTROSPECTION and GRAPHIQL, resolved against NODE_ENV. */
  introspection: IntrospectionMode;
  /**
   * GRAPHQL_EXECUTOR: `compiled` (graphql-jit, src/graphql/compiled-executor.ts) or
   * `interpreter` (graphql-js's execute). Same schema, resolvers and privacy layer either way;
   * absent: compiled.
   */
  executor?: GraphQLExecutorKind;
  graphiql: boolean;
  /** RATE_LIMIT_*: request budgets; counted in Redis when redisUrl is set. Undefined when disabled. */
  rateLimit: { perPrincipal: number; perIp: number; windowMs: number; redisUrl: string | undefined; trustedProxies: readonly string[] } | undefined;
  /** PERSISTED_OPERATIONS_FILE: partners may run only the operations registered there. */
  persistedOperationsFile: string | undefined;
  /** METRICS_TOKEN: what /metrics requires as a bearer token (src/observability/metrics-route.ts). */
  metricsToken: string | undefined;
  /** SHUTDOWN_GRACE_MS: the bound on draining in-flight requests at shutdown (src/main.ts). */
  shutdownGraceMs: number;
  /** REPORT_PDF_WORKERS and REPORT_PDF_QUEUE (src/report/report-pdf-pool.ts). */
  reportPdf: ReportPdfConfig;
  /** PUBLIC_BASE_URL; else OIDC_REDIRECT_URI's origin; else http://localhost:<PORT>. */
  publicBaseUrl: string;
  /** OIDC_* and SESSION_*: subjects' sign-in; undefined: no sign-in (the /auth routes answer 404). */
  signIn: SignInConfig | undefined;
}

/**
 * The access log's key material as raw values (src/audit/log-keys.ts derives ids from them).
 * `macSecrets[0]` MACs new rows. `signing` is absent only on a verifying machine
 * (ACCESS_LOG_VERIFY_KEY without ACCESS_LOG_SIGNING_KEY), where the server refuses to start.
 */
export interface AuditConfig {
  macSecrets: Buffer[];
  signing: KeyObject | undefined;
  verifying: KeyObject | undefined;
  checkpointFile: string | undefined;
  checkpointIntervalMs: number;
  checkpointRows: number;
  unkeyedThrough: number;
}


/**
 * Variables no longer read, and where their setting now lives: an operator who still sets one is
 * told, rather than believing it applies. The time limits are rules of the regime or list type.
 */
const RETIRED: Record<string, string> = {
  OBJECTION_DUE_WORKING_DAYS: 'the objection decision limit is a rule of the publication regime (src/catalog/data/publication-regimes.yaml, timeLimits.objectionDecision)',
  REPAIR_DUE_WORKING_DAYS: 'the repair decision limit is a rule of the publication regime (src/catalog/data/publication-regimes.yaml, timeLimits.repairDecision)',
  LIST_OBJECTION_WORKING_DAYS: 'the objection window is a rule of each list type (src/catalog/data/serious-list-types.yaml, timeLimits.objectionWindow)',
};

/** Parses the environment; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const embedded = e.DATABASE_URL === undefined;
  const problems: string[] = [];
  for (const [name, now] of Object.entries(RETIRED)) {
    if (env[name] !== undefined) problems.push(`${name}: no longer read; ${now}. Unset it`);
  }
  const identityProvider = Boolean(e.JWT_PUBLIC_KEY || e.JWT_JWKS_URL);
  if (!embedded) {
    for (const name of ['ID_HMAC_KEY', 'ID_ENCRYPTION_KEY'] as const) {
      if (!e[name]) problems.push(`${name}: required when DATABASE_URL is set (dev keys are generated only in embedded mode)`);
    }
    if (!e.ACCESS_LOG_KEY) problems.push('ACCESS_LOG_KEY: required when DATABASE_URL is set (the access log\'s MAC key; generate one with `openssl rand -hex 32`)');
    if (!e.ACCESS_LOG_SIGNING_KEY && !e.ACCESS_LOG_VERIFY_KEY) {
      problems.push('ACCESS_LOG_SIGNING_KEY: required when DATABASE_URL is set (Ed25519, PEM or 64 hex; generate one with `openssl genpkey -algorithm ed25519`)');
    }
    if (!e.JWT_SECRET && !identityProvider) {
      problems.push('JWT_SECRET: required when DATABASE_URL is set, unless JWT_PUBLIC_KEY or JWT_JWKS_URL names an identity provider\'s keys');
    }
    if (env.PGLITE_DIR) problems.push('PGLITE_DIR: has no effect when DATABASE_URL is set; remove one of them');
    if (e.DATABASE_READ_URL && e.DATABASE_READ_URL === e.DATABASE_URL) {
      problems.push('DATABASE_READ_URL: names the same server as DATABASE_URL; it must be a streaming replica of it');
    }
  } else if (e.DATABASE_READ_URL) {
    problems.push('DATABASE_READ_URL: a read replica needs DATABASE_URL (the primary); the embedded database has none');
  }
  if (e.REPORT_PDF_WORKERS === 0 && env.REPORT_PDF_QUEUE !== undefined) {
    problems.push('REPORT_PDF_QUEUE: has no effect with REPORT_PDF_WORKERS=0 (PDFs are rendered on the main thread, one at a time); remove one of them');
  }
  let publicKey: TokenKeys['publicKey'];
  if (e.JWT_PUBLIC_KEY) {
    try {
      publicKey = publicKeyFromPem(e.JWT_PUBLIC_KEY);
    } catch (err) {
      problems.push(`JWT_PUBLIC_KEY: ${(err as Error).message}`);
    }
  }
  const jwksUrl = e.JWT_JWKS_URL ? new URL(e.JWT_JWKS_URL) : undefined;
  if (jwksUrl && jwksUrl.protocol !== 'https:' && !(jwksUrl.protocol === 'http:' && LOOPBACK.has(jwksUrl.hostname))) {
    problems.push('JWT_JWKS_URL: must be an https:// URL (http:// only for a loopback address)');
  }
  const maxTtl = e.TOKEN_MAX_TTL_SECONDS === undefined ? undefined : parseTokenMaxTtl(e.TOKEN_MAX_TTL_SECONDS, problems);
  const trustedProxies = parseTrustedProxies(e.TRUSTED_PROXIES ?? '', problems);
  const auditKeys = parseAuditKeys(e, problems);
  const signIn = parseSignIn(e, embedded, problems);
  if (problems.length) throw new ConfigError(problems);

  const baseKeys = embedded && !(e.ID_HMAC_KEY && e.ID_ENCRYPTION_KEY && e.JWT_SECRET)
    ? devKeys(e.DEV_KEYS_FILE)
    : {
        idHmac: decodeKey(e.ID_HMAC_KEY!)!,
        idEncryption: decodeKey(e.ID_ENCRYPTION_KEY!)!,
        // Without JWT_SECRET: a key nobody holds, never used (tokens.secret stays undefined).
        jwtSecret: e.JWT_SECRET ? Buffer.from(e.JWT_SECRET, 'utf8') : randomBytes(32),
        generated: false,
      };
  const keys: Config['keys'] = {
    ...baseKeys,
    tokens: {
      secret: baseKeys.generated || e.JWT_SECRET ? baseKeys.jwtSecret : undefined,
      publicKey,
      jwksUrl,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      // Dev keys: the dev tokens' 30 days (whoever holds the dev-keys file can mint any token anyway).
      maxTtlSeconds: maxTtl ?? (baseKeys.generated ? DEV_TOKEN_MAX_TTL : DEFAULT_TOKEN_MAX_TTL),
    },
  };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: embedded
      ? { kind: 'pglite', dataDir: e.PGLITE_DIR === 'memory://' ? undefined : e.PGLITE_DIR }
      : { kind: 'postgres', url: e.DATABASE_URL!, poolSize: e.DATABASE_POOL_SIZE, prepare: e.DATABASE_PREPARE, statementTimeoutMs: e.LIMIT_EXECUTION_MS },
    readReplica: !embedded && e.DATABASE_READ_URL
      ? { url: e.DATABASE_READ_URL, poolSize: e.DATABASE_POOL_SIZE, maxLagMs: e.DATABASE_READ_MAX_LAG_MS }
      : undefined,
    publicCache: e.PUBLIC_CACHE_MB > 0 ? { maxBytes: e.PUBLIC_CACHE_MB * 2 ** 20, maxStalenessMs: e.DATABASE_READ_MAX_LAG_MS, redisUrl: e.REDIS_URL } : undefined,
    seed: { demo: e.SEED_DEMO ?? embedded, subjects: e.SEED_SUBJECTS, random: e.SEED_RANDOM },
    keys,
    audit: {
      ...(auditKeys ?? devAuditKeys(e.DEV_KEYS_FILE)),
      checkpointFile: e.ACCESS_LOG_CHECKPOINT_FILE === 'off' ? undefined
        : e.ACCESS_LOG_CHECKPOINT_FILE ?? (embedded ? `${dirname(e.DEV_KEYS_FILE)}/access-log-checkpoints.jsonl` : 'access-log-checkpoints.jsonl'),
      checkpointIntervalMs: e.ACCESS_LOG_CHECKPOINT_SECONDS * 1000,
      checkpointRows: e.ACCESS_LOG_CHECKPOINT_ROWS,
      unkeyedThrough: e.ACCESS_LOG_UNKEYED_THROUGH,
    },
    logLevel: e.LOG_LEVEL,
    consentMaxDays: e.CONSENT_MAX_DAYS,
    personLookupDailyLimit: e.PERSON_LOOKUP_DAILY_LIMIT,
    limits: {
      bodyBytes: e.LIMIT_BODY_BYTES, queryLength: e.LIMIT_QUERY_LENGTH, tokens: e.LIMIT_TOKENS, depth: e.LIMIT_DEPTH,
      aliases: e.LIMIT_ALIASES, directives: e.LIMIT_DIRECTIVES, cost: e.LIMIT_COST,
      recursiveSelections: e.LIMIT_RECURSIVE_SELECTIONS, executionMs: e.LIMIT_EXECUTION_MS,
      introspectionDepth: e.LIMIT_INTROSPECTION_DEPTH,
    },
    introspection: e.INTROSPECTION ?? (e.NODE_ENV === 'production' ? 'authenticated' : 'all'),
    executor: e.GRAPHQL_EXECUTOR,
    graphiql: e.GRAPHIQL ?? e.NODE_ENV !== 'production',
    rateLimit: e.RATE_LIMIT_ENABLED
      ? { perPrincipal: e.RATE_LIMIT_PER_PRINCIPAL, perIp: e.RATE_LIMIT_PER_IP, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000, redisUrl: e.REDIS_URL, trustedProxies }
      : undefined,
    trustedProxies,
    persistedOperationsFile: e.PERSISTED_OPERATIONS_FILE,
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    reportPdf: { workers: e.REPORT_PDF_WORKERS, queue: e.REPORT_PDF_QUEUE },
    // Else the origin sign-in redirects to, else this machine (set it in any deployment: README).
    publicBaseUrl: e.PUBLIC_BASE_URL ?? (e.OIDC_REDIRECT_URI ? new URL(e.OIDC_REDIRECT_URI).origin : `http://localhost:${e.PORT}`),
    signIn,
  };
}

const OIDC_CLIENT_VARS = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** https://, or http:// on a loopback address (a developer's machine). */
function secureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

/**
 * OIDC_*: a configured identity service needs all four variables; without OIDC_ISSUER, embedded
 * development gets the in-process provider and anything else gets no sign-in at all.
 */
function parseSignIn(e: z.infer<typeof envSchema>, embedded: boolean, problems: string[]): SignInConfig | undefined {
  const common = {
    scopes: e.OIDC_SCOPES,
    claims: { person: e.OIDC_PERSON_CLAIM, company: e.OIDC_COMPANY_CLAIM },
    maxSeconds: e.SESSION_MAX_SECONDS,
    idleSeconds: e.SESSION_IDLE_SECONDS,
  };
  if (e.SESSION_IDLE_SECONDS > e.SESSION_MAX_SECONDS) problems.push('SESSION_IDLE_SECONDS: longer than SESSION_MAX_SECONDS; it would never apply');
  if (!e.OIDC_ISSUER) {
    for (const name of OIDC_CLIENT_VARS) if (e[name]) problems.push(`${name}: has no effect without OIDC_ISSUER; set OIDC_ISSUER or remove it`);
    if (!embedded || e.NODE_ENV === 'production') return undefined;
    // Sign-in state lives ten minutes: a key per process costs at most one sign-in across a restart.
    return { provider: { kind: 'embedded' }, ...common, stateKey: e.SESSION_KEY ? decodeKey(e.SESSION_KEY)! : randomBytes(32) };
  }
  for (const name of OIDC_CLIENT_VARS) if (!e[name]) problems.push(`${name}: required with OIDC_ISSUER`);
  const issuer = new URL(e.OIDC_ISSUER);
  if (!secureOrLoopback(issuer)) problems.push('OIDC_ISSUER: must be an https:// URL (http:// only for a loopback address)');
  const redirectUri = e.OIDC_REDIRECT_URI ? new URL(e.OIDC_REDIRECT_URI) : undefined;
  if (redirectUri && !secureOrLoopback(redirectUri)) problems.push('OIDC_REDIRECT_URI: must be an https:// URL (http:// only for a loopback address): session cookies are Secure');
  if (redirectUri && redirectUri.pathname !== '/auth/callback') problems.push(`OIDC_REDIRECT_URI: must end in /auth/callback (this server's callback), not ${redirectUri.pathname}`);
  if (!e.SESSION_KEY && !embedded) problems.push('SESSION_KEY: required with OIDC_ISSUER when DATABASE_URL is set (32 bytes, shared by every instance; `openssl rand -hex 32`)');
  if (!redirectUri || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return undefined;
  return {
    provider: { kind: 'external', issuer, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, redirectUri },
    ...common,
    stateKey: e.SESSION_KEY ? decodeKey(e.SESSION_KEY)! : randomBytes(32),
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * TOKEN_MAX_TTL_SECONDS: `28800` (every role) or `SUBJECT=28800,PARTNER=43200` (the roles
 * named; the others keep DEFAULT_TOKEN_MAX_TTL). At most DEV_TOKEN_TTL_SECONDS (30 days).
 */
export function parseTokenMaxTtl(value: string, problems: string[]): Record<TokenRole, number> | undefined {
  const seconds = (text: string, what: string): number | undefined => {
    const n = Number(text.trim());
    if (/^\s*\d+\s*$/.test(text) && n >= 60 && n <= DEV_TOKEN_TTL_SECONDS) return n;
    problems.push(`TOKEN_MAX_TTL_SECONDS: ${what} must be whole seconds between 60 and ${DEV_TOKEN_TTL_SECONDS}, not "${text.trim()}"`);
    return undefined;
  };
  if (!value.includes('=')) {
    const n = seconds(value, 'the limit');
    return n === undefined ? undefined : Object.fromEntries(TOKEN_ROLES.map((r) => [r, n])) as Record<TokenRole, number>;
  }
  const out: Record<TokenRole, number> = { ...DEFAULT_TOKEN_MAX_TTL };
  let ok = true;
  for (const part of value.split(',').filter((p) => p.trim())) {
    const [name, text = ''] = part.split('=');
    const role = name!.trim().toUpperCase() as TokenRole;
    if (!TOKEN_ROLES.includes(role)) {
      problems.push(`TOKEN_MAX_TTL_SECONDS: "${name!.trim()}" is not a role with tokens (${TOKEN_ROLES.join(', ')})`);
      ok = false;
      continue;
    }
    const n = seconds(text, role);
    if (n === undefined) ok = false;
    else out[role] = n;
  }
  return ok ? out : undefined;
}

/** TRUSTED_PROXIES: comma-separated IPv4/IPv6 addresses or CIDR blocks. */
export function parseTrustedProxies(value: string, problems: string[]): string[] {
  const out: string[] = [];
  for (const raw of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [address, prefix, extra] = raw.split('/');
    const family = isIP(address ?? '');
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (!family || extra !== undefined
      || (bits !== undefined && !(/^\d+$/.test(prefix!) && bits <= (family === 4 ? 32 : 128)))) {
      problems.push(`TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32)`);
      continue;
    }
    out.push(raw);
  }
  return out;
}

type AuditKeys = Pick<AuditConfig, 'macSecrets' | 'signing' | 'verifying'>;

/** ACCESS_LOG_KEY and friends; undefined when unset (embedded mode then uses its dev keys). */
function parseAuditKeys(e: z.infer<typeof envSchema>, problems: string[]): AuditKeys | undefined {
  if (!e.ACCESS_LOG_KEY && !e.ACCESS_LOG_SIGNING_KEY && !e.ACCESS_LOG_VERIFY_KEY) return undefined;
  if (!e.ACCESS_LOG_KEY) problems.push('ACCESS_LOG_KEY: required with ACCESS_LOG_SIGNING_KEY or ACCESS_LOG_VERIFY_KEY');
  const previous: Buffer[] = [];
  for (const text of (e.ACCESS_LOG_PREVIOUS_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean)) {
    const key = decodeKey(text);
    if (key?.length === 32) previous.push(key);
    else problems.push('ACCESS_LOG_PREVIOUS_KEYS: each key must be 32 bytes, written as base64 or 64 hex characters');
  }
  const signing = e.ACCESS_LOG_SIGNING_KEY ? ed25519Key(e.ACCESS_LOG_SIGNING_KEY, 'private', 'ACCESS_LOG_SIGNING_KEY', problems) : undefined;
  const verifying = e.ACCESS_LOG_VERIFY_KEY ? ed25519Key(e.ACCESS_LOG_VERIFY_KEY, 'public', 'ACCESS_LOG_VERIFY_KEY', problems) : undefined;
  if (signing && verifying && !createPublicKey(signing).equals(verifying)) {
    problems.push('ACCESS_LOG_VERIFY_KEY: is not the public half of ACCESS_LOG_SIGNING_KEY; remove one of them');
  }
  if (!e.ACCESS_LOG_KEY) return undefined;
  return { macSecrets: [decodeKey(e.ACCESS_LOG_KEY)!, ...previous], signing, verifying: verifying ?? (signing && createPublicKey(signing)) };
}

// DER prefixes of an Ed25519 key (RFC 8410) before its 32 raw bytes: the hex forms of the keys.
const ED25519_DER_PREFIX = { private: '302e020100300506032b657004220420', public: '302a300506032b6570032100' };

function ed25519Key(text: string, kind: 'private' | 'public', name: string, problems: string[]): KeyObject | undefined {
  try {
    const raw = text.trim();
    const der = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(ED25519_DER_PREFIX[kind] + raw, 'hex') : undefined;
    const key = kind === 'private'
      ? createPrivateKey(der ? { key: der, format: 'der', type: 'pkcs8' } : raw.replace(/\\n/g, '\n'))
      : createPublicKey(der ? { key: der, format: 'der', type: 'spki' } : raw.replace(/\\n/g, '\n'));
    if (key.asymmetricKeyType === 'ed25519') return key;
    problems.push(`${name}: is a ${key.asymmetricKeyType} key; an Ed25519 key is required`);
  } catch {
    problems.push(`${name}: not an Ed25519 ${kind} key (PEM, or 64 hex characters)`);
  }
  return undefined;
}

/** Embedded mode: the access log's keys beside the other dev keys, generated on first use. */
function devAuditKeys(file: string): AuditKeys {
  const raw = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, string> : {};
  if (!raw.accessLogKey || !raw.accessLogSigningKey) {
    raw.accessLogKey = randomBytes(32).toString('hex');
    raw.accessLogSigningKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(raw, null, 2), { mode: 0o600 });
  }
  const signing = createPrivateKey(raw.accessLogSigningKey);
  return { macSecrets: [Buffer.from(raw.accessLogKey, 'hex')], signing, verifying: createPublicKey(signing) };
}

/** Accepts 64 hex characters or base64; undefined when neither decodes. */
export function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}

/**
 * Embedded mode only: keys generated on first use and kept in a file beside the data, so
 * that encrypted ID numbers survive a restart and `npm run token` signs what the server
 * verifies. Never used when DATABASE_URL is set.
 */
function devKeys(file: string): Config['keys'] {
  let raw: { idHmac: string; idEncryption: string; jwtSecret: string };
  if (existsSync(file)) raw = JSON.parse(readFileSync(file, 'utf8'));
  else {
    raw = {
      idHmac: randomBytes(32).toString('hex'),
      idEncryption: randomBytes(32).toString('hex'),
      jwtSecret: randomBytes(32).toString('hex'),
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(raw, null, 2), { mode: 0o600 });
  }
  return {
    idHmac: Buffer.from(raw.idHmac, 'hex'),
    idEncryption: Buffer.from(raw.idEncryption, 'hex'),
    jwtSecret: Buffer.from(raw.jwtSecret, 'utf8'),
    generated: true,
  };
}

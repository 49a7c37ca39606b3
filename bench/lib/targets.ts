/**
 * Starting what the workloads are driven against, each as a user would run it, in its own
 * process: our server (`node -r @swc-node/register src/main.ts`, one or more instances), the
 * no-privacy build (bench/nopriv/main.ts) and PostGraphile v4 and v5 (bench/postgraphile and bench/postgraphile5).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpuMs, freePort, rssMb, stop, track, waitReady } from './processes';

export const ROOT = join(__dirname, '..', '..');

/**
 * Node's flags as `npm start` runs the server (package.json), for ours and nopriv alike. A
 * 64 MB semi-space: a GraphQL server allocates many short-lived objects per request, and the
 * default made scavenges a large share of W1's CPU. 64 rather than 32: W2 measured 11.8 → 10.9
 * ms of server CPU a request, W1 unchanged (likely because a partner batch keeps its objects
 * for hundreds of milliseconds, so fewer outlive the scavenges at 64; not measured).
 */
export const SERVER_NODE_FLAGS: readonly string[] = (() => {
  const start = (require('../../package.json') as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((a) => a.startsWith('--max-'));
})();
/** The two PostGraphile comparison targets: each its own folder, lockfile and node_modules. */
export const POSTGRAPHILE_VERSIONS = {
  postgraphile: { dir: join(ROOT, 'bench', 'postgraphile'), title: 'PostGraphile v4' },
  postgraphile5: { dir: join(ROOT, 'bench', 'postgraphile5'), title: 'PostGraphile v5 (V4 preset)' },
} as const;
export type PostgraphileVersion = keyof typeof POSTGRAPHILE_VERSIONS;

export interface RunningTarget {
  readonly label: string;
  /** GraphQL endpoint URL of each process. */
  readonly urls: readonly string[];
  /** Summed resident set size of the target's processes, MB. */
  rss(): number;
  /** Summed CPU time (user + system) of the target's processes so far, ms. */
  cpuMs(): number;
  /**
   * Resolves once work left over from a run is done: the load generator stops at the deadline
   * but the server still executes what was in flight. Readiness goes through the pool, so it
   * answers after the queued queries.
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Keeps the last output of a child so a failed start can say why. */
function tail(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => { text = (text + chunk.toString('utf8')).slice(-4000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.trim();
}

async function settleAt(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await fetch(url).catch(() => undefined))?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ServerEnv {
  readonly databaseUrl: string;
  readonly jwtSecret: string;
  readonly idHmacKey: string;
  readonly idEncryptionKey: string;
  /** REDIS_URL for our server (the public cache's shared tier); unset: none, whatever the caller's shell says. */
  readonly redisUrl?: string;
}

function serverEnv(env: ServerEnv, port: number): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  // Settings of the caller's shell that would change what is measured or refuse to start.
  for (const name of ['PGLITE_DIR', 'REDIS_URL', 'PERSISTED_OPERATIONS_FILE', 'DATABASE_READ_URL', 'SEED_DEMO', 'INTROSPECTION']) delete inherited[name];
  return {
    ...inherited,
    // Not production: the x-sql-statements header is how statements per request are sampled.
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: env.databaseUrl,
    ID_HMAC_KEY: env.idHmacKey,
    ID_ENCRYPTION_KEY: env.idEncryptionKey,
    JWT_SECRET: env.jwtSecret,
    // The bench measures the access log's real cost: MACs, the chain, checkpoints at the defaults.
    ACCESS_LOG_KEY: '44'.repeat(32),
    ACCESS_LOG_SIGNING_KEY: '5a'.repeat(32),
    ACCESS_LOG_CHECKPOINT_FILE: 'off',
    RATE_LIMIT_ENABLED: 'false',
    ...(env.redisUrl ? { REDIS_URL: env.redisUrl } : {}),
  };
}

async function startNode(label: string, entry: string, instances: number, env: ServerEnv): Promise<RunningTarget> {
  const procs: Array<{ child: ChildProcess; url: string }> = [];
  try {
    // Started one after the other: on 2 cores, parallel start-ups only slow each other down.
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      const child = track(process.execPath, [...SERVER_NODE_FLAGS, ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []), '-r', '@swc-node/register', entry], {
        cwd: ROOT, env: serverEnv(env, port), stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = tail(child);
      procs.push({ child, url: `http://127.0.0.1:${port}/graphql` });
      await waitReady(`http://127.0.0.1:${port}/readyz`, child, `${label} (${entry})`).catch((err: Error) => {
        throw new Error(`${err.message}\n${output()}`);
      });
    }
  } catch (err) {
    await Promise.all(procs.map((p) => stop(p.child)));
    throw err;
  }
  return {
    label,
    urls: procs.map((p) => p.url),
    rss: () => procs.reduce((s, p) => s + rssMb(p.child.pid!), 0),
    cpuMs: () => procs.reduce((s, p) => s + cpuMs(p.child.pid!), 0),
    settle: async () => { await Promise.all(procs.map((p) => p.url.replace(/\/graphql$/, '/readyz')).map(settleAt)); },
    stop: async () => { await Promise.all(procs.map((p) => stop(p.child))); },
  };
}

export const startOurs = (env: ServerEnv, instances: number) =>
  startNode(`${instances > 1 ? `ours ×${instances}` : 'ours'}${env.redisUrl ? ' +redis' : ''}`, 'src/main.ts', instances, env);

export const startNoPrivacy = (env: ServerEnv) => startNode('nopriv', 'bench/nopriv/main.ts', 1, env);

/**
 * Installs a PostGraphile folder's own dependencies on first use, from its lockfile (v4 needs
 * graphql 15, v5 its own Grafast stack: neither may share the project's node_modules).
 */
export async function ensurePostgraphileInstalled(version: PostgraphileVersion, log: (line: string) => void): Promise<void> {
  const { dir, title } = POSTGRAPHILE_VERSIONS[version];
  if (existsSync(join(dir, 'node_modules', 'postgraphile'))) return;
  log(`installing ${title} into bench/${version} (npm ci, once) …`);
  const child = track('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(child);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm ci in bench/${version} failed (exit ${code}):\n${output()}`);
}

export async function startPostgraphile(version: PostgraphileVersion, databaseUrl: string, poolSize: number): Promise<RunningTarget> {
  const { dir, title } = POSTGRAPHILE_VERSIONS[version];
  const port = await freePort();
  const child = track(process.execPath, ['server.js'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: String(poolSize) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  await waitReady(`http://127.0.0.1:${port}/readyz`, child, title).catch(async (err: Error) => {
    await stop(child);
    throw new Error(`${err.message}\n${output()}`);
  });
  return {
    label: version,
    urls: [`http://127.0.0.1:${port}/graphql`],
    rss: () => rssMb(child.pid!),
    cpuMs: () => cpuMs(child.pid!),
    settle: () => settleAt(`http://127.0.0.1:${port}/readyz`),
    stop: () => stop(child),
  };
}

/**
 * `npm run bench -- [--preset quick|full] [...]` (bench/lib/args.ts lists the options): on the
 * local PostgreSQL, seeds (or reuses) the preset's database, then drives the workloads W1–W4
 * with autocannon against our server, the same server without the privacy layer, PostGraphile
 * v4 and v5, and pgbench replaying W1's SQL; prints one table per workload and writes
 * bench/results/<preset>-<timestamp>.md/.json. Every child process is stopped at the end,
 * on error and on Ctrl-C.
 *
 * Comparisons hold because targets are interleaved: every target is started once and stays up;
 * each workload then runs --rounds rounds, each round measuring every target once, in an order
 * rotated from one round to the next. A target measured first never always meets a cold
 * database, nor one always the state another's writes left; the tables give the median and
 * the spread of the rounds.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import postgres from 'postgres';
import { issueToken } from '../src/auth/tokens';
import { parseBenchArgs, USAGE, UsageError, type BenchOptions, type TargetName, type Workload } from './lib/args';
import { captureW1Statements } from './lib/capture';
import { backendCpuMs } from './lib/processes';
import { accessLogRowsOf, accessLogSize, adminUrl, databaseQuiet, emptyAccessLog, loadPopulation, prepareDatabase, sampleSubjects, type BenchDatabase, type Population, type Samples } from './lib/database';
import { drive, hasGraphQLErrors, type BenchRequest, type Endpoint, type Measurement } from './lib/load';
import { installPgbenchSamples, pgbench, pgbenchScript } from './lib/pgbench';
import { installPostgraphileSchema, PG_W1_QUERY, PG_W3_QUERY } from './lib/postgraphile';
import { installCleanup } from './lib/processes';
import { machineInfo, renderMarkdown, writeReport, type Row } from './lib/report';
import { rotated } from './lib/rounds';
import {
  ensurePostgraphileInstalled, POSTGRAPHILE_VERSIONS, ROOT, startNoPrivacy, startOurs, startPostgraphile,
  type PostgraphileVersion, type RunningTarget, type ServerEnv,
} from './lib/targets';
import { checkStaleness } from './lib/staleness';
import { bodies, CALLERS, KEYWORDS, ourPortalDocuments, portalTraffic, W5_WRITER, type Caller } from './lib/workloads';

const SAMPLE_SIZE = 2000;
/** The servers' staleness bound (DATABASE_READ_MAX_LAG_MS, its default): W5's checker holds answers to it. */
const STALENESS_BOUND_MS = 5000;
const POOL_SIZE = 10; // DATABASE_POOL_SIZE's default: PostGraphile gets the same number of connections.

const started = Date.now();
const log = (line: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

interface Context {
  readonly opts: BenchOptions;
  readonly db: BenchDatabase;
  readonly samples: Samples;
  /** Every subject with a code (W5 only). */
  readonly population: Population | undefined;
  /** W5's writer: the department's bearer token and purpose. */
  readonly writeHeaders: Record<string, string>;
  readonly env: ServerEnv;
  readonly runTag: string;
  readonly rows: Row[];
  readonly notes: string[];
  /** A connection of the bench's own: access-log counts, waiting for the database to go quiet. */
  readonly probe: postgres.Sql;
}

function summary(label: string, w: Workload, m: Measurement): string {
  const sql = m.sqlPerRequest ? `, ${m.sqlPerRequest.mean.toFixed(1)} SQL/req` : '';
  const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '—');
  return `${label.padEnd(12)} ${w}: ${Math.round(m.reqPerSec).toLocaleString('en-US').padStart(6)} req/s  p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  errors ${m.errors}${sql}`;
}

/** Headers of a workload's caller: a bearer token minted with the run's secret, and X-Purpose. */
async function headersFor(w: Workload, jwtSecret: string): Promise<Record<string, string>> {
  const caller = CALLERS[w];
  return caller ? callerHeaders(caller, jwtSecret) : {};
}

async function callerHeaders(caller: Caller, jwtSecret: string): Promise<Record<string, string>> {
  const token = await issueToken(Buffer.from(jwtSecret, 'utf8'), { sub: `bench-${caller.role.toLowerCase()}`, role: caller.role, agency: caller.agency }, 4 * 3600);
  return { authorization: `Bearer ${token}`, 'x-purpose': caller.purpose };
}

/** Lets the target finish what was in flight when the load stopped, so it does not spill into the next run. */
async function settle(ctx: Context, target: RunningTarget): Promise<void> {
  await target.settle();
  const cancelled = await databaseQuiet(ctx.probe);
  if (cancelled > 0) {
    ctx.notes.push(`${target.label}: ${cancelled} statement(s) its clients had abandoned were still running 10 s after the load stopped; cancelled so they do not take the next run's cores`);
  }
}

const PRIMING_REQUESTS = 3;

/**
 * A few requests one at a time before any load: they compile the documents and prepare the
 * statements, and a workload that does not work stops the bench here with the server's answer
 * instead of producing a table of errors.
 */
async function prime(target: RunningTarget, w: Workload, endpoint: Endpoint, next: () => BenchRequest): Promise<void> {
  for (let i = 0; i < PRIMING_REQUESTS; i++) {
    const r = next();
    const [body, own] = typeof r === 'string' ? [r, {}] : [r.body, r.headers];
    const res = await fetch(endpoint.url, { method: 'POST', headers: { ...endpoint.headers, ...own, 'content-type': 'application/json' }, body });
    const text = await res.text();
    if (res.status !== 200 || hasGraphQLErrors(text)) {
      throw new Error(`${target.label} ${w}: the first requests fail, not measuring: HTTP ${res.status} ${text.slice(0, 400)}`);
    }
  }
}

/** Something the bench measures: started once, measured once per workload and round, stopped at the end. */
interface Contender {
  readonly label: string;
  readonly serves: readonly Workload[];
  measure(w: Workload, round: number): Promise<Row>;
  stop(): Promise<void>;
}

/** One measurement of workload `w` against a GraphQL target. */
async function measureGraphQL(ctx: Context, target: RunningTarget, w: Workload, body: () => BenchRequest, round: number): Promise<Row> {
  const headers = await headersFor(w, ctx.env.jwtSecret);
  const endpoints: Endpoint[] = target.urls.map((url) => ({ url, headers }));
  await prime(target, w, endpoints[0]!, body);
  if (ctx.opts.warmup > 0) {
    await drive(endpoints, ctx.opts.connections, ctx.opts.warmup, body, `${ctx.runTag}.warmup.`);
    await settle(ctx, target);
  }
  const prefix = `${ctx.runTag}.${target.label.replace(/\W+/g, '')}.${w}.${round}.`;
  // W5 on our server: a checking client looks for stale answers while the load runs.
  const checking = w === 'W5' && ctx.population && target.label.startsWith('ours')
    ? checkStaleness({ urls: target.urls, writeHeaders: ctx.writeHeaders, population: ctx.population, runTag: `${ctx.runTag}${round}`, boundMs: STALENESS_BOUND_MS, seconds: ctx.opts.duration })
    : undefined;
  const cpuBefore = target.cpuMs();
  const backendsBefore = backendCpuMs(ctx.db.name);
  const m = await drive(endpoints, ctx.opts.connections, ctx.opts.duration, body, prefix);
  const staleness = await checking;
  const rssMb = target.rss();
  await settle(ctx, target);
  // Requests still in flight at the deadline finished during settle(): their rows and CPU count too.
  const served = m.requests + m.unanswered;
  const serverCpuMsPerRequest = (target.cpuMs() - cpuBefore) / served;
  let backendMs = 0;
  for (const [pid, ms] of backendCpuMs(ctx.db.name)) backendMs += ms - (backendsBefore.get(pid) ?? 0);
  const accessLogRows = await accessLogRowsOf(ctx.probe, prefix);
  return { workload: w, target: target.label, round, m, rssMb, accessLogRows, staleness, serverCpuMsPerRequest, databaseCpuMsPerRequest: backendMs / served };
}

async function startLogged(start: () => Promise<RunningTarget>): Promise<RunningTarget> {
  const t0 = Date.now();
  const target = await start();
  log(`${target.label} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${target.urls.length} process${target.urls.length > 1 ? 'es' : ''})`);
  return target;
}

function graphQLContender(ctx: Context, target: RunningTarget, documents: Partial<Record<Workload, () => BenchRequest>>): Contender {
  return {
    label: target.label,
    serves: ctx.opts.workloads.filter((w) => documents[w]),
    measure: (w, round) => measureGraphQL(ctx, target, w, documents[w]!, round),
    stop: () => target.stop(),
  };
}

const ourBodies = (ctx: Context): Partial<Record<Workload, () => BenchRequest>> =>
  Object.fromEntries(ctx.opts.workloads.map((w) => [w, w === 'W5'
    ? portalTraffic(ctx.population!, ourPortalDocuments(ctx.runTag, ctx.writeHeaders))
    : bodies(w, ctx.samples, ctx.runTag)]));

async function ours(ctx: Context): Promise<Contender[]> {
  const out = [graphQLContender(ctx, await startLogged(() => startOurs(ctx.env, 1)), ourBodies(ctx))];
  if (ctx.opts.instances > 1) out.push(graphQLContender(ctx, await startLogged(() => startOurs(ctx.env, ctx.opts.instances)), ourBodies(ctx)));
  if (ctx.opts.instances > 1 && ctx.opts.redis) {
    const shared = { ...ctx.env, redisUrl: ctx.opts.redis };
    out.push(graphQLContender(ctx, await startLogged(() => startOurs(shared, ctx.opts.instances)), ourBodies(ctx)));
  }
  return out;
}

async function noPrivacy(ctx: Context): Promise<Contender[]> {
  ctx.notes.push('nopriv is bench/nopriv/main.ts: the same server given the bare type-graphql schema (no graphql-shield, no desensitisation, ' +
    'no access recorder, so no access-log writes); its resolvers keep the SQL filter and the per-record decisions of the services.');
  return [graphQLContender(ctx, await startLogged(() => startNoPrivacy(ctx.env)), ourBodies(ctx))];
}

function postgraphileOf(version: PostgraphileVersion): (ctx: Context) => Promise<Contender[]> {
  return async (ctx) => {
    if (!ctx.opts.workloads.some((w) => w === 'W1' || w === 'W3' || w === 'W5')) return [];
    await ensurePostgraphileInstalled(version, log);
    await installPostgraphileSchema(ctx.db.url);
    const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
    const profile = (code: string) => JSON.stringify({ query: PG_W1_QUERY, variables: { code } });
    const search = (keyword: string) => JSON.stringify({ query: PG_W3_QUERY, variables: { keyword } });
    const docs: Partial<Record<Workload, () => BenchRequest>> = {
      W1: () => profile(pick(ctx.samples.subjects).uscc),
      W3: () => search(pick(KEYWORDS)),
      // The same reads; the 1 % writes are ours alone (PostGraphile serves no such mutation here).
      ...(ctx.population ? { W5: portalTraffic(ctx.population, { profile, search }) } : {}),
    };
    const note = `${POSTGRAPHILE_VERSIONS[version].title} (bench/${version}) serves W1, W3 and W5's reads only`;
    if (!ctx.notes.some((n) => n.includes('schema bench_postgraphile'))) {
      ctx.notes.push(
        `${note}; both PostGraphile versions serve schema bench_postgraphile: the public record filter is the one our server applies, rendered from the same catalog; ` +
          'no desensitisation, no per-field rules, record fields as the whole payload JSON, search totalCount not capped at 10,000. W2 and W4 have no PostGraphile equivalent here.',
      );
    } else {
      ctx.notes.push(`${note}, with the same documents (the V4 preset keeps v4's names).`);
    }
    return [graphQLContender(ctx, await startLogged(() => startPostgraphile(version, ctx.db.url, POOL_SIZE)), docs)];
  };
}

async function pgbenchContender(ctx: Context): Promise<Contender[]> {
  if (!ctx.opts.workloads.includes('W1')) return [];
  // A subject with a large id, so that no other parameter of the statements has the same value.
  const probe = [...ctx.samples.subjects].sort((a, b) => b.id - a.id)[0]!;
  const statements = await captureW1Statements(ctx.db.url, ctx.db.keys, probe.uscc);
  const script = pgbenchScript(statements, probe.uscc, probe.id, ctx.samples.subjects.length);
  await installPgbenchSamples(ctx.db.url, ctx.samples.subjects);
  ctx.notes.push(`pgbench (-M prepared, ${ctx.opts.connections} clients, -j 2) replays the ${statements.length} statements W1 issued (captured from our server, count checked against x-sql-statements); ` +
    'the code and subject id come from a sample table by random index, one primary-key lookup inside each statement.');
  return [{
    label: 'pgbench',
    serves: ['W1'],
    measure: async (w, round) => {
      const m = await pgbench(ctx.db.url, script, ctx.opts.connections, ctx.opts.duration, ctx.opts.warmup);
      await databaseQuiet(ctx.probe);
      return { workload: w, target: 'pgbench', round, m };
    },
    stop: async () => {},
  }];
}

async function main(): Promise<number> {
  let opts: BenchOptions | 'help';
  try {
    opts = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  installCleanup();
  const startedAt = new Date().toISOString();
  const machine = await machineInfo(adminUrl());
  log(`preset ${opts.preset}: ${opts.subjects.toLocaleString('en-US')} subjects; ${opts.workloads.join(',')} × ${opts.targets.join(',')}; ${opts.connections} connections, ${opts.warmup}+${opts.duration} s per run`);
  const db = await prepareDatabase(opts, log);
  const samples = await sampleSubjects(db.url, SAMPLE_SIZE);
  const population = opts.workloads.includes('W5') ? await loadPopulation(db.url) : undefined;
  if (population) log(`W5 population: ${population.codes.length.toLocaleString('en-US')} subjects with a code`);
  const jwtSecret = randomBytes(32).toString('hex');
  const ctx: Context = {
    opts, db, samples, population, rows: [], notes: [], probe: postgres(db.url, { max: 1, onnotice: () => {} }),
    env: { databaseUrl: db.url, jwtSecret, idHmacKey: db.keys.idHmac, idEncryptionKey: db.keys.idEncryption },
    runTag: Date.now().toString(36).toUpperCase(),
    writeHeaders: await callerHeaders(W5_WRITER, jwtSecret),
  };
  const logBefore = await accessLogSize(ctx.probe);
  if (opts.emptyAccessLog) {
    await emptyAccessLog(ctx.probe);
    log(`emptied the access log (${logBefore.rows.toLocaleString('en-US')} rows)`);
  }
  // What the log held when the run began: the append's cost grows with it (its indexes, checkpoints' full-page writes).
  ctx.notes.push(opts.emptyAccessLog
    ? `access log at the start: emptied (--empty-access-log; it held about ${logBefore.rows.toLocaleString('en-US')} rows).`
    : `access log at the start: about ${logBefore.rows.toLocaleString('en-US')} rows, ${(logBefore.bytes / 2 ** 30).toFixed(1)} GiB with its indexes.`);
  const starters: Record<TargetName, (c: Context) => Promise<Contender[]>> = {
    ours, nopriv: noPrivacy, postgraphile: postgraphileOf('postgraphile'), postgraphile5: postgraphileOf('postgraphile5'), pgbench: pgbenchContender,
  };
  const contenders: Contender[] = [];
  try {
    for (const target of opts.targets) {
      // A comparison that cannot run (pgbench missing, npm offline) is reported, not fatal; our own server must run.
      const more = await starters[target](ctx).catch((err: unknown) => {
        if (target === 'ours') throw err;
        const message = err instanceof Error ? err.message : String(err);
        log(`${target} FAILED: ${message}`);
        ctx.notes.push(`${target} could not be measured: ${message.split('\n')[0]}`);
        return [];
      });
      contenders.push(...more);
    }
    for (const w of opts.workloads) {
      const serving = contenders.filter((c) => c.serves.includes(w));
      for (let round = 1; round <= opts.rounds; round++) {
        for (const c of rotated(serving, round - 1)) {
          const row = await c.measure(w, round);
          ctx.rows.push(row);
          const cpu = row.serverCpuMsPerRequest === undefined ? '' : `, CPU/req server ${row.serverCpuMsPerRequest.toFixed(1)} ms, database ${row.databaseCpuMsPerRequest!.toFixed(1)} ms`;
          log(`${summary(c.label, w, row.m)}${cpu}  (round ${round}/${opts.rounds})`);
        }
      }
    }
  } finally {
    await Promise.all(contenders.map((c) => c.stop()));
    await ctx.probe.end();
  }
  ctx.notes.push(`interleaved: ${opts.rounds} round(s) per workload; each round measures every target once, the order rotated from round to round; ` +
    'every target started once and stayed up for the whole run; the tables give the median and the spread (min–max) of the rounds.');
  ctx.notes.push('access-log rows: rows written by the run\'s own requests (matched by their x-request-id), those still in flight at the deadline included.');
  if (opts.workloads.includes('W4')) ctx.notes.push(`W4 wrote its penalties into ${db.name} (document numbers 〔基准${ctx.runTag}〕n); a reused database keeps them (--reseed starts afresh).`);
  const report = { startedAt, options: opts, database: db.name, seed: db.seed, machine, rows: ctx.rows, notes: ctx.notes, totalSeconds: (Date.now() - started) / 1000 };
  process.stdout.write(`\n${renderMarkdown(report)}`);
  const files = writeReport(join(ROOT, 'bench', 'results'), report);
  log(`written ${files.md} and ${files.json}`);
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});

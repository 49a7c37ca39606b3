/**
 * W1 (or WORKLOAD=W2, the partner batch with its token and purpose) uncached, one checkout
 * against another: `BENCH_DATABASE=<db> npx node -r @swc-node/register
 * bench/w1-ab.ts <dir A> <dir B> [rounds=5] [seconds=10] [connections=32]` — e.g. a worktree of
 * the commit before a change (`git worktree add --detach ../base <commit>`, its node_modules
 * copied) against this one. The database is the bench's (seeded as `npm run bench` seeds it,
 * 10,000 subjects or SUBJECTS); one named by BENCH_DATABASE that the bench seeded is used as
 * it is, whatever its size (credit_bench_full: the full preset's), unless SUBJECTS is set.
 * Each checkout's src/main.ts runs as the bench runs ours, with the public response cache off
 * (PUBLIC_CACHE_MB=0), so every request executes; PROF=<dir> adds --cpu-prof. FLAGS_A /
 * FLAGS_B add Node flags to one side and DATABASE_URL_A / DATABASE_URL_B give one side another
 * connection (one checkout, two settings: `. .`). After 3 s of unmeasured load on each, rounds
 * interleave the two, order alternating; each reports req/s, p99 and the server process's own
 * CPU time (utime + stime from /proc) per request, which the load generator sharing the cores
 * does not blur as much.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { parseBenchArgs } from './lib/args';
import { databaseQuiet, prepareDatabase, sampleSubjects } from './lib/database';
import { drive } from './lib/load';
import { freePort, installCleanup, stop, track, waitReady } from './lib/processes';
import { SERVER_NODE_FLAGS } from './lib/targets';
import { bodies, CALLERS } from './lib/workloads';
import { issueToken } from '../src/auth/tokens';

const cpuTicks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  const [a, b, rounds = '5', seconds = '10', connections = '32'] = process.argv.slice(2);
  if (!a || !b) throw new Error('usage: bench/w1-ab.ts <dir A> <dir B> [rounds] [seconds] [connections]');
  const opts = parseBenchArgs(['--preset', 'quick', ...(process.env.SUBJECTS ? ['--subjects', process.env.SUBJECTS] : [])]);
  if (opts === 'help') return;
  installCleanup();
  // A database named with BENCH_DATABASE is measured as it was seeded (never dropped for
  // holding another number of subjects) unless SUBJECTS asks for a number.
  const db = await prepareDatabase(opts, (l) => console.log(l), process.env.BENCH_DATABASE !== undefined && !process.env.SUBJECTS);
  const samples = await sampleSubjects(db.url, 2000);
  const jwtSecret = randomBytes(32).toString('hex');
  const servers = [];
  for (const [side, dir] of [['A', a], ['B', b]] as const) {
    const port = await freePort();
    // FLAGS_A / FLAGS_B: Node flags for one side only (the same checkout under two settings).
    const flags = process.env[`FLAGS_${side}`]?.split(' ').filter(Boolean) ?? [];
    const child = track(process.execPath, [...SERVER_NODE_FLAGS, ...flags, ...(process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : []), '-r', '@swc-node/register', 'src/main.ts'], {
      cwd: dir,
      env: {
        ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
        DATABASE_URL: process.env[`DATABASE_URL_${side}`] ?? db.url, ID_HMAC_KEY: db.keys.idHmac, ID_ENCRYPTION_KEY: db.keys.idEncryption, JWT_SECRET: jwtSecret,
        ACCESS_LOG_KEY: '44'.repeat(32), ACCESS_LOG_SIGNING_KEY: '5a'.repeat(32), ACCESS_LOG_CHECKPOINT_FILE: 'off',
        RATE_LIMIT_ENABLED: 'false', PUBLIC_CACHE_MB: '0',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitReady(`http://127.0.0.1:${port}/readyz`, child, dir);
    servers.push({ dir: `${side} ${dir}`, child, url: `http://127.0.0.1:${port}/graphql`, rps: [] as number[], cpu: [] as number[], p99: [] as number[] });
  }
  const probe = postgres(db.url, { max: 1, onnotice: () => {} });
  const workload = process.env.WORKLOAD === 'W2' ? 'W2' : 'W1';
  const body = bodies(workload, samples, 'ab');
  const caller = CALLERS[workload];
  const headers: Record<string, string> = caller
    ? {
      authorization: `Bearer ${await issueToken(Buffer.from(jwtSecret, 'utf8'), { sub: 'bench-ab', role: caller.role, agency: caller.agency }, 3600)}`,
      'x-purpose': caller.purpose,
    }
    : {};
  // Warm both (JIT, prepared statements), unmeasured.
  for (const s of servers) await drive([{ url: s.url, headers }], Number(connections), 3, body, 'warm.');
  for (let r = 0; r < Number(rounds); r++) {
    const order = r % 2 ? [...servers].reverse() : servers;
    for (const s of order) {
      await databaseQuiet(probe);
      const before = cpuTicks(s.child.pid!);
      const m = await drive([{ url: s.url, headers }], Number(connections), Number(seconds), body, `ab.${r}.`);
      const ticks = cpuTicks(s.child.pid!) - before;
      const cpuMs = (ticks * 10) / m.requests;
      s.rps.push(m.reqPerSec); s.cpu.push(cpuMs); s.p99.push(m.p99);
      console.log(`round ${r + 1} ${s.dir}: ${m.reqPerSec.toFixed(0)} req/s, p99 ${m.p99.toFixed(1)} ms, ${cpuMs.toFixed(3)} CPU ms/req, errors ${m.errors}${m.errorSample ? ` ${m.errorSample}` : ''}`);
    }
  }
  for (const s of servers) {
    console.log(`${s.dir}: req/s median ${median(s.rps).toFixed(0)} (${Math.min(...s.rps).toFixed(0)}–${Math.max(...s.rps).toFixed(0)}), ` +
      `CPU ms/req median ${median(s.cpu).toFixed(3)} (${Math.min(...s.cpu).toFixed(3)}–${Math.max(...s.cpu).toFixed(3)}), p99 median ${median(s.p99).toFixed(1)} ms (${Math.min(...s.p99).toFixed(1)}–${Math.max(...s.p99).toFixed(1)})`);
  }
  await probe.end();
  await Promise.all(servers.map((s) => stop(s.child)));
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });

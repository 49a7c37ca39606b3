/**
 * Child processes of the bench (servers, PostGraphile, pgbench): every one is tracked and
 * killed when the bench ends, whether it finishes, fails or is interrupted (Ctrl-C).
 * freePort / rssMb / waitReady follow bench/soak.ts.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set<ChildProcess>();

function killAll(signal: NodeJS.Signals): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

let installed = false;
/** Kill every child on exit and on SIGINT/SIGTERM (the bench then exits 130/143). */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => killAll('SIGKILL'));
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping ${children.size} child process(es)\n`);
      killAll('SIGTERM');
      setTimeout(() => process.exit(code), 300).unref();
    });
  }
}

export function track(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });

/** Resident set size of a process in MB (Linux /proc). */
export const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round(Number(line.replace(/\D/g, '')) / 1024);
};

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) a process has used, ms (Linux /proc); 0 once it is gone. */
export const cpuMs = (pid: number): number => {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
};

/** Summed CPU time, ms, of the PostgreSQL backends connected to `database` (their titles say `postgres: [cluster: ]user database …`). */
export function backendCpuMs(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let title: string;
    try {
      title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    // `postgres: [cluster_name: ]user database host(port) state`
    const words = title.replace(/\0/g, ' ').trim().split(/\s+/);
    if (words[0] !== 'postgres:') continue;
    const user = words[1]?.endsWith(':') ? 2 : 1;
    if (words[user + 1] === database) out.set(Number(entry), cpuMs(Number(entry)));
  }
  return out;
}

/** Polls `url` until it answers 200; fails as soon as the process exits. */
export async function waitReady(url: string, child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not listening';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} during start-up`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s (${url}; last answer: ${last})`);
}

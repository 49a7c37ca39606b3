/**
 * Command line of `npm run bench`: a preset (scale and durations) that any option overrides.
 * Bad input is refused with the option's name and what it accepts, before anything starts.
 */
import { parseArgs } from 'node:util';

export const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5'] as const;
export type Workload = (typeof WORKLOADS)[number];
export const TARGETS = ['ours', 'nopriv', 'postgraphile', 'postgraphile5', 'pgbench'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface Preset {
  readonly subjects: number;
  /** Measured seconds per workload and target. */
  readonly duration: number;
  /** Unmeasured seconds before each measurement (connections opened, JIT warm, caches filled). */
  readonly warmup: number;
}

export const PRESETS = {
  // Under 3 minutes end to end on 2 cores, seeding a fresh database included.
  // No timed warm-up: every run is primed with a few requests (bench/run.ts) instead.
  quick: { subjects: 10_000, duration: 5, warmup: 0 },
  // About 10,000,000 credit records: the scale the targets are stated at.
  full: { subjects: 1_000_000, duration: 30, warmup: 5 },
} as const satisfies Record<string, Preset>;
export type PresetName = keyof typeof PRESETS;

export interface BenchOptions extends Preset {
  readonly preset: PresetName;
  readonly connections: number;
  readonly instances: number;
  /** --redis: with --instances N, also run the N instances sharing the public cache through this Redis. */
  readonly redis: string | undefined;
  /** Rounds: every target measured once per round, targets interleaved (bench/run.ts). */
  readonly rounds: number;
  readonly workloads: readonly Workload[];
  readonly targets: readonly TargetName[];
  readonly reseed: boolean;
  /** --empty-access-log: start from an empty access log (its size changes what W2 costs). */
  readonly emptyAccessLog: boolean;
  /** Generator seed of the data set (the seeder's --random). */
  readonly random: number;
}

export const USAGE = `usage: npm run bench -- [--preset quick|full] [--subjects N] [--duration S] [--warmup S]
                       [--connections C] [--instances N] [--redis URL] [--rounds R] [--workloads W1,W2,W3,W4,W5]
                       [--targets ours,nopriv,postgraphile,postgraphile5,pgbench] [--reseed] [--empty-access-log]
  --preset       quick (10,000 subjects, 5 s per run; the default) or full (1,000,000 subjects ≈ 10 M records, 30 s)
  --subjects     subjects to seed (overrides the preset); the database is reseeded when this changes
  --duration     measured seconds per workload and target
  --warmup       unmeasured seconds of load before each measurement (quick 0, full 5); every run is
                 also primed with 3 requests one at a time
  --connections  concurrent HTTP connections (pgbench: clients) per workload, default 32
  --instances    also run our server as N instances on different ports, connections split across them
  --redis URL    with --instances N: also run the N instances with REDIS_URL=URL (the public cache's
                 shared tier; rate limiting stays off), labelled "ours ×N +redis"
  --rounds       rounds per workload, default 3: each round measures every target once, in an order
                 rotated from round to round; tables give the median and the spread (min–max)
  --workloads    which workloads (W1 profile, W2 partner batch, W3 search, W4 department writes,
                 W5 the portal's traffic: Zipf-popular profiles and searches with 1 % writes)
  --targets      which targets: ours, nopriv (no privacy layer), postgraphile (v4), postgraphile5 (v5,
                 V4 preset, same schema), pgbench (W1's SQL)
  --reseed       drop and seed the preset's database even if it is already seeded
  --empty-access-log  empty the reused database's access log (and its checkpoints) first: every
                 partner request appends ~165 rows, and a log of millions of rows makes the
                 next W2 run slower (the report says how many rows the log held at the start)
ADMIN_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
BENCH_DATABASE names the database (default credit_bench_<preset>).`;

export class UsageError extends Error {}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

function listOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): readonly T[] {
  if (raw === undefined) return allowed;
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((i) => !allowed.includes(i as T));
  if (unknown.length || items.length === 0) {
    throw new UsageError(`--${name}: unknown ${unknown.join(', ') || '(empty list)'}; choose from ${allowed.join(',')}`);
  }
  return allowed.filter((a) => items.includes(a));
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        preset: { type: 'string', default: 'quick' },
        subjects: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        instances: { type: 'string' },
        redis: { type: 'string' },
        rounds: { type: 'string' },
        workloads: { type: 'string' },
        targets: { type: 'string' },
        random: { type: 'string' },
        reseed: { type: 'boolean', default: false },
        'empty-access-log': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  if (!(values.preset! in PRESETS)) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}, got "${values.preset}"`);
  const preset = values.preset as PresetName;
  const base = PRESETS[preset];
  return {
    preset,
    subjects: wholeNumber('subjects', values.subjects, base.subjects, 100, 99_999_999),
    duration: wholeNumber('duration', values.duration, base.duration, 1, 3600),
    warmup: wholeNumber('warmup', values.warmup, base.warmup, 0, 600),
    connections: wholeNumber('connections', values.connections, 32, 1, 1000),
    instances: wholeNumber('instances', values.instances, 1, 1, 16),
    redis: redisUrlOf(values.redis),
    rounds: wholeNumber('rounds', values.rounds, 3, 1, 50),
    workloads: listOf('workloads', values.workloads, WORKLOADS),
    targets: listOf('targets', values.targets, TARGETS),
    reseed: values.reseed!,
    emptyAccessLog: values['empty-access-log']!,
    random: wholeNumber('random', values.random, 49, -2_147_483_648, 2_147_483_647),
  };
}

function redisUrlOf(value: string | undefined): string | undefined {
  if (value !== undefined && !/^rediss?:\/\//.test(value)) throw new UsageError(`--redis must be a redis:// or rediss:// URL, got "${value}"`);
  return value;
}

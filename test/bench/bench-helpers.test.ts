/**
 * The bench's pure parts: its command line (bad input refused with the option's name), how
 * connections are split across instances, and how captured W1 statements become the pgbench
 * script (parameters inlined, the code and subject id drawn per transaction); and, against a
 * stand-in HTTP server, how the load driver sorts answers' latency by what answered them.
 */
import { parseBenchArgs, PRESETS, UsageError } from '../../bench/lib/args';
import { summarise } from '../../bench/lib/report';
import { rotated, spreadOf } from '../../bench/lib/rounds';
import { zipf } from '../../bench/lib/zipf';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drive, split } from '../../bench/lib/load';
import { pgbenchScript } from '../../bench/lib/pgbench';
import { inlineParams, literal } from '../../bench/lib/sql-text';

describe('parseBenchArgs', () => {
  test('the quick preset with every workload and target by default', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ preset: 'quick', subjects: PRESETS.quick.subjects, duration: PRESETS.quick.duration, connections: 32, instances: 1, reseed: false, emptyAccessLog: false });
    expect(o !== 'help' && [o.workloads, o.targets]).toEqual([['W1', 'W2', 'W3', 'W4', 'W5'], ['ours', 'nopriv', 'postgraphile', 'postgraphile5', 'pgbench']]);
  });

  test('options override the preset; lists keep the canonical order', () => {
    const o = parseBenchArgs(['--preset', 'full', '--duration', '12', '--subjects', '200_000', '--workloads', 'W3,W1', '--targets', 'pgbench,ours', '--instances', '2', '--reseed', '--empty-access-log']);
    expect(o).toMatchObject({ preset: 'full', duration: 12, subjects: 200_000, workloads: ['W1', 'W3'], targets: ['ours', 'pgbench'], instances: 2, reseed: true, emptyAccessLog: true });
  });

  test.each([
    [['--preset', 'huge'], /--preset must be one of quick, full/],
    [['--duration', '0'], /--duration must be a whole number from 1/],
    [['--connections', 'many'], /--connections must be a whole number/],
    [['--workloads', 'W1,W9'], /--workloads: unknown W9/],
    [['--targets', 'apollo'], /--targets: unknown apollo/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

test('split spreads connections as evenly as possible, at least one each', () => {
  expect(split(32, 1)).toEqual([32]);
  expect(split(32, 3)).toEqual([11, 11, 10]);
  expect(split(2, 4)).toEqual([1, 1, 1, 1]);
});

describe('inlineParams', () => {
  test('writes parameters as literals, quotes escaped, $10 not mistaken for $1', () => {
    const params = ["O'Brien", 2, 3, 4, 5, 6, 7, 8, 9, 'ten'];
    expect(inlineParams('a = $1 and b = $10 and c = $2', params)).toBe("a = 'O''Brien' and b = 'ten' and c = 2");
  });

  test('a replacer substitutes an expression; a missing parameter is an error', () => {
    expect(inlineParams('d <= $1', ['2026-01-01'], (v) => (v === '2026-01-01' ? 'current_date' : undefined))).toBe('d <= current_date');
    expect(() => inlineParams('x = $2', [1])).toThrow('refers to $2 but has 1 parameter');
  });

  test('literals of each kind', () => {
    expect([literal(null), literal(true), literal([1, 'a'])]).toEqual(['NULL', 'TRUE', "ARRAY[1, 'a']"]);
  });
});

describe('pgbenchScript', () => {
  const statements = [
    { text: 'select * from "subjects" where "subjects"."uscc" = $1 limit $2', params: ['91320100748204660Q', 1] },
    { text: 'select * from "credit_records" where "subject_id" in ($1) and "catalog_item_id" in ($2, $3)', params: [4321, 3, 7] },
  ];

  test('draws the code and the subject id per transaction and inlines the rest', () => {
    const script = pgbenchScript(statements, '91320100748204660Q', 4321, 500);
    expect(script.split('\n')).toEqual([
      '\\set n random(1, 500)',
      'select * from "subjects" where "subjects"."uscc" = (SELECT uscc FROM bench_support.w1_subjects WHERE n = :n) limit 1;',
      'select * from "credit_records" where "subject_id" in ((SELECT subject_id FROM bench_support.w1_subjects WHERE n = :n)) and "catalog_item_id" in (3, 7);',
      '',
    ]);
  });

  test('draws the subject id inside an array parameter (the records statement: = ANY($1::bigint[]))', () => {
    const script = pgbenchScript([
      statements[0]!,
      { text: 'select * from "credit_records" where "subject_id" = ANY($1::bigint[]) and "catalog_item_id" in ($2)', params: [[4321], 3] },
    ], '91320100748204660Q', 4321, 500);
    expect(script.split('\n')[2]).toBe(
      'select * from "credit_records" where "subject_id" = ANY(ARRAY[(SELECT subject_id FROM bench_support.w1_subjects WHERE n = :n)]::bigint[]) and "catalog_item_id" in (3);',
    );
  });

  test('refuses statements that do not take the code or the id as a parameter', () => {
    expect(() => pgbenchScript(statements, '91110000000000000X', 4321, 500)).toThrow(/do not take the code and the subject id/);
  });
});

describe('interleaved rounds', () => {
  it('rotates the order so that each target takes each position once in as many rounds', () => {
    const order = [0, 1, 2].map((r) => rotated(['ours', 'nopriv', 'postgraphile'], r));
    expect(order).toEqual([['ours', 'nopriv', 'postgraphile'], ['nopriv', 'postgraphile', 'ours'], ['postgraphile', 'ours', 'nopriv']]);
    for (let position = 0; position < 3; position++) expect(new Set(order.map((o) => o[position])).size).toBe(3);
    expect(rotated([], 4)).toEqual([]);
  });

  it('gives the median and the range of the rounds, leaving out what was not measured', () => {
    expect(spreadOf([300, 100, 200])).toEqual({ median: 200, min: 100, max: 300 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spreadOf([NaN, 7])).toEqual({ median: 7, min: 7, max: 7 });
    expect(spreadOf([])).toEqual({ median: NaN, min: NaN, max: NaN });
  });

  it('parses --rounds (default 3) and refuses a round count out of range', () => {
    expect(parseBenchArgs([])).toMatchObject({ rounds: 3 });
    expect(parseBenchArgs(['--rounds', '5'])).toMatchObject({ rounds: 5 });
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow('--rounds must be a whole number from 1 to 50, got "0"');
    expect(parseBenchArgs(['--targets', 'postgraphile5,ours'])).toMatchObject({ targets: ['ours', 'postgraphile5'] });
  });

  it('summarises a workload per target with the medians and the errors of every round', () => {
    const m = (reqPerSec: number, p99: number, errors = 0) => ({ requests: reqPerSec * 5, seconds: 5, reqPerSec, p50: p99 / 2, p99, errors, non2xx: errors, unanswered: 0 });
    const rows = [
      { workload: 'W1' as const, target: 'ours', round: 1, m: m(900, 40) },
      { workload: 'W1' as const, target: 'postgraphile', round: 1, m: m(800, 50, 2) },
      { workload: 'W1' as const, target: 'ours', round: 2, m: m(1100, 30) },
      { workload: 'W1' as const, target: 'postgraphile', round: 2, m: m(700, 60) },
      { workload: 'W1' as const, target: 'ours', round: 3, m: m(1000, 35) },
    ];
    const [ours, pg] = summarise(rows);
    expect(ours).toMatchObject({ target: 'ours', rounds: 3, reqPerSec: { median: 1000, min: 900, max: 1100 }, p99: { median: 35 } });
    expect(pg).toMatchObject({ target: 'postgraphile', rounds: 2, reqPerSec: { median: 750 }, errors: 2 });
  });
});

describe('W5 Zipf sampler', () => {
  it('draws ranks with P(k) ∝ 1/k^s: rank 0 about twice as often as rank 1 for s = 1', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sampler = zipf(1000, 1, random);
    const counts = new Map<number, number>();
    for (let i = 0; i < 200_000; i++) { const r = sampler.next(); counts.set(r, (counts.get(r) ?? 0) + 1); }
    expect((counts.get(0) ?? 0) / (counts.get(1) ?? 1)).toBeCloseTo(2, 0);
    expect([...counts.keys()].every((r) => r >= 0 && r < 1000)).toBe(true);
    expect(sampler.headMass(1000)).toBeCloseTo(1, 10);
    expect(() => zipf(0, 1.1)).toThrow('n must be a positive whole number');
  });
});

describe('latency by what answered (x-cache)', () => {
  // A server whose answers say what answered them, each kind taking a different, known minimum time.
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        const kind = JSON.parse(body).kind as string;
        const [header, delayMs] = kind === 'hit' ? ['HIT', 0] : kind === 'shared' ? ['HIT-SHARED', 0] : kind === 'miss' ? ['MISS', 200] : [undefined, 400];
        setTimeout(() => {
          if (header) res.setHeader('x-cache', header);
          res.setHeader('content-type', 'application/json');
          res.end('{"data":{}}');
        }, delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('pairs each answer\'s time with its x-cache, across instances, and counts every answer once', async () => {
    const kinds = ['hit', 'shared', 'miss', 'write'];
    let n = 0;
    const m = await drive([{ url, headers: {} }, { url, headers: {} }], 4, 1, () => JSON.stringify({ kind: kinds[n++ % kinds.length] }), 'test-');
    const by = m.byAnswer!;
    expect(by.hit!.count + by.miss!.count + by.other!.count).toBe(m.requests);
    expect(by.hit!.count).toBe(m.cache!.hits + m.cache!.sharedHits);
    expect(by.miss!.count).toBe(m.cache!.misses);
    expect(by.hit!.p99).toBeLessThan(200);
    expect(by.miss!.p50).toBeGreaterThanOrEqual(199);
    expect(by.other!.p50).toBeGreaterThanOrEqual(399);
    expect(summarise([{ workload: 'W5', target: 'ours', round: 1, m }])[0]!.byAnswer).toMatchObject({ miss: { count: by.miss!.count, p50: { median: by.miss!.p50 } } });
  });

  it('is absent when no answer said what answered it (a target without the cache)', async () => {
    const m = await drive([{ url, headers: {} }], 2, 1, () => JSON.stringify({ kind: 'write' }), 'test-');
    expect(m.requests).toBeGreaterThan(0);
    expect(m.byAnswer).toBeUndefined();
  });
});

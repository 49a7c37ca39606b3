/**
 * The bench's pure parts: its command line (bad input refused with the option's name), how
 * connections are split across instances, and how captured W1 statements become the pgbench
 * script (parameters inlined, the code and subject id drawn per transaction).
 */
import { parseBenchArgs, PRESETS, UsageError } from '../../bench/lib/args';
import { split } from '../../bench/lib/load';
import { pgbenchScript } from '../../bench/lib/pgbench';
import { inlineParams, literal } from '../../bench/lib/sql-text';

describe('parseBenchArgs', () => {
  test('the quick preset with every workload and target by default', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ preset: 'quick', subjects: PRESETS.quick.subjects, duration: PRESETS.quick.duration, connections: 32, instances: 1, reseed: false });
    expect(o !== 'help' && [o.workloads, o.targets]).toEqual([['W1', 'W2', 'W3', 'W4'], ['ours', 'nopriv', 'postgraphile', 'pgbench']]);
  });

  test('options override the preset; lists keep the canonical order', () => {
    const o = parseBenchArgs(['--preset', 'full', '--duration', '12', '--subjects', '200_000', '--workloads', 'W3,W1', '--targets', 'pgbench,ours', '--instances', '2', '--reseed']);
    expect(o).toMatchObject({ preset: 'full', duration: 12, subjects: 200_000, workloads: ['W1', 'W3'], targets: ['ours', 'pgbench'], instances: 2, reseed: true });
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

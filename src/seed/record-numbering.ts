/**
 * 记录编号 for rows a bulk load COPies, given as the rows are formatted instead of by an
 * UPDATE over the loaded table afterwards: at ten million records that UPDATE (a plpgsql
 * permutation with eight md5 calls a row, and every row rewritten) took longer than the
 * whole load.
 *
 * The numbers are the ones record_number_assign() (drizzle/0019) would give: the same
 * sequence (drawn here without a round trip while the bulk load holds the exclusive locks of
 * all four numbered tables, the sequence's only users, and moved past the last value drawn
 * before anything else draws from it: finish()), the same keyed Feistel permutation
 * (the key read from record_number_key; each round's function memoised, 8 × 65,536 values at
 * most), the agency's region (000000 when unknown) and the year in China Standard Time.
 * A property test holds permute() equal to record_number_permute() in SQL.
 */
import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { legalDate } from '../time/legal-date';

/** Tables whose rows carry their responsible agency and date themselves (objections and repairs take theirs from a joined row, and stay with the trigger's set-based equivalent). */
export const NUMBERED_AT_COPY = {
  credit_records: { letter: 'R', agency: 'agencyCode', at: 'createdAt' },
  serious_list_entries: { letter: 'L', agency: 'agencyCode', at: 'notifiedAt' },
} as const satisfies Record<string, { letter: string; agency: string; at: string }>;

export type NumberedTable = keyof typeof NUMBERED_AT_COPY;

const ROUNDS = 8;
const HALF = 65_536;

/** The permutation of record_number_permute(n): an 8-round Feistel network on two 16-bit halves. */
export class RecordNumberPermutation {
  private readonly rounds: Int32Array[] = Array.from({ length: ROUNDS }, () => new Int32Array(HALF).fill(-1));

  constructor(private readonly secret: string) {}

  permute(n: number): number {
    if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32) throw new RangeError(`record number space exhausted (${n} of 2^32)`);
    let l = Math.floor(n / HALF);
    let r = n % HALF;
    for (let i = 1; i <= ROUNDS; i++) {
      const t = r;
      r = l ^ this.round(i, r);
      l = t;
    }
    return l * HALF + r;
  }

  /** md5(secret:i:r), its first 16 bits: what `('x' || substr(md5(…), 1, 4))::bit(16)::integer` reads. */
  private round(i: number, r: number): number {
    const memo = this.rounds[i - 1]!;
    let v = memo[r]!;
    if (v < 0) {
      v = parseInt(createHash('md5').update(`${this.secret}:${i}:${r}`).digest('hex').slice(0, 4), 16);
      memo[r] = v;
    }
    return v;
  }
}

/** The year of `at` in China Standard Time, as to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY'). */
export const chinaYear = (at: Date): number => Number(legalDate(at).slice(0, 4));

/** Numbers rows of one bulk-load transaction. */
export class RecordNumbering {
  private drawn = 0;
  /** Rows passed through number(), per table: each leaves with a 记录编号. */
  private readonly rows = new Map<string, number>();

  private constructor(
    private readonly tx: postgres.TransactionSql,
    private readonly permutation: RecordNumberPermutation,
    private readonly regions: ReadonlyMap<string, string>,
    /** The value nextval('record_number_seq') would return now. */
    private readonly next: number,
  ) {}

  /**
   * Reads the key, the agencies' regions and the sequence's position. Call it only while the
   * transaction holds the numbered tables' exclusive locks and their numbering triggers are
   * off: nothing else may draw from the sequence until finish().
   */
  static async open(tx: postgres.TransactionSql): Promise<RecordNumbering> {
    const [key] = await tx.unsafe<Array<{ secret: string }>>('SELECT secret FROM record_number_key');
    if (!key) throw new Error('record_number_key has no secret: migration 0019 did not complete');
    const agencies = await tx.unsafe<Array<{ code: string; region: string | null }>>('SELECT code, region_code AS region FROM agencies');
    const [seq] = await tx.unsafe<Array<{ last: string; called: boolean }>>('SELECT last_value AS last, is_called AS called FROM record_number_seq');
    const regions = new Map(agencies.flatMap((a) => (a.region ? [[a.code, a.region] as const] : [])));
    return new RecordNumbering(tx, new RecordNumberPermutation(key.secret), regions, Number(seq!.last) + (seq!.called ? 1 : 0));
  }

  /** Sets `recordNumber` on each row of `table` that has none, in order. */
  number(table: NumberedTable, rows: ReadonlyArray<Record<string, unknown>>): void {
    const spec = NUMBERED_AT_COPY[table];
    for (const row of rows) {
      if (row.recordNumber) continue;
      const at = row[spec.at];
      if (!(at instanceof Date)) throw new Error(`${table}: a bulk row needs ${spec.at} as a Date to be numbered`);
      const region = this.regions.get(row[spec.agency] as string) ?? '000000';
      const digits = String(this.permutation.permute(this.next + this.drawn)).padStart(10, '0');
      this.drawn += 1;
      (row as Record<string, unknown>).recordNumber = `${region}-${chinaYear(at)}-${spec.letter}${digits}`;
    }
    this.rows.set(table, (this.rows.get(table) ?? 0) + rows.length);
  }

  /** How many rows of `table` number() has been given (0 for a table it does not number). */
  numbered(table: string): number {
    return this.rows.get(table) ?? 0;
  }

  /** Moves the sequence past every value drawn, so numbers given later never repeat one. */
  async finish(): Promise<void> {
    if (this.drawn > 0) await this.tx.unsafe(`SELECT setval('record_number_seq', $1::bigint)`, [String(this.next + this.drawn - 1)]);
  }
}

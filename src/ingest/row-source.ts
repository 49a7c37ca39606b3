/**
 * Reads an import file as a stream of raw rows — CSV with a header line (RFC 4180, UTF-8 with or
 * without BOM) or JSON Lines (one object per line) — keeping each row's line number for the
 * report and the bytes read for progress. Nothing is held beyond one row.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type SourceFormat = 'csv' | 'jsonl';

export interface RawRow {
  /** Line number in the file where the row starts (the CSV header is line 1). */
  readonly row: number;
  /** Cell values by header as written in the file; undefined when the line could not be read. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Why the line could not be read (bad JSON, wrong number of CSV cells). */
  readonly unreadable?: string;
}

export interface RowSource {
  /** Headers of a CSV file (known before the first row); empty for JSON Lines. */
  readonly headers: readonly string[];
  readonly rows: AsyncIterable<RawRow>;
  /** Bytes of the file turned into rows so far (for progress and ETA). */
  bytesRead(): number;
}

export function formatOf(path: string, given?: string): SourceFormat {
  if (given === 'csv' || given === 'jsonl') return given;
  if (given) throw new Error(`--format must be csv or jsonl, got ${given}`);
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  if (/\.csv$/i.test(path)) return 'csv';
  throw new Error(`cannot tell the format of ${path} from its name; give --format csv or --format jsonl`);
}

export async function openRowSource(path: string, format: SourceFormat): Promise<RowSource> {
  const stream = createReadStream(path);
  return format === 'csv' ? openCsv(stream) : openJsonLines(stream);
}

async function openCsv(stream: NodeJS.ReadableStream): Promise<RowSource> {
  let bytes = 0;
  const bytesRead = () => bytes;
  const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number; bytes: number } }>;
  // `info.lines` is the line a record ends on; a quoted cell can span lines, so count back.
  const first = await iterator.next();
  if (first.done) return { headers: [], rows: (async function* () {})(), bytesRead };
  const headers = first.value.record.map((h) => h.trim());
  async function* rows(): AsyncGenerator<RawRow> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const { record, info } = next.value;
      bytes = info.bytes;
      const row = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      if (record.length !== headers.length) {
        yield { row, unreadable: `此行有 ${record.length} 个字段，表头有 ${headers.length} 个 (${record.length} cells, header has ${headers.length})` };
        continue;
      }
      const values: Record<string, string> = {};
      headers.forEach((h, i) => { values[h] = record[i]!; });
      yield { row, values };
    }
  }
  return { headers, rows: rows(), bytesRead };
}

async function openJsonLines(stream: NodeJS.ReadableStream): Promise<RowSource> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let bytes = 0;
  const bytesRead = () => bytes;
  async function* rows(): AsyncGenerator<RawRow> {
    let row = 0;
    for await (const line of lines) {
      row += 1;
      bytes += Buffer.byteLength(line) + 1;
      const text = row === 1 ? line.replace(/^\uFEFF/, '') : line;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yield { row, unreadable: `不是有效的 JSON (${(err as Error).message})` };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { row, unreadable: '每行应为一个 JSON 对象 (each line must be one JSON object)' };
        continue;
      }
      yield { row, values: value as Record<string, unknown> };
    }
  }
  return { headers: [], rows: rows(), bytesRead };
}

/**
 * Writes a 双公示 penalty CSV (Chinese headers) of any size for measuring `npm run import`:
 * the subjects are organisations and individual businesses already in the configured database
 * (seed it first), the documents are numbered <prefix><n> (--prefix, default S) so that every
 * row is a new record and another prefix makes another new file, decision
 * dates fall inside the regime in force, and the recording agency is SAMR_320106.
 * `--as-exported` writes the file as real exports do: no 失信严重程度 column (the import derives it
 * from the regime's criteria) and several 处罚类别 in one cell (警告;罚款) on a quarter of the fines.
 *
 *   node -r @swc-node/register scripts/make-import-sample.ts --rows 1000000 --out /tmp/penalties-1m.csv
 *   npm run import -- /tmp/penalties-1m.csv --department SAMR_320106
 */
import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';

const HEADER = '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,处罚机关统一社会信用代码,失信严重程度';
const VIOLATIONS = [
  ['未按规定公示年度报告', '《企业信息公示暂行条例》第十八条', '警告'],
  ['虚假宣传', '《中华人民共和国反不正当竞争法》第二十条', '罚款'],
  ['未按规定明码标价', '《中华人民共和国价格法》第四十二条', '罚款'],
  ['销售不合格产品', '《中华人民共和国产品质量法》第五十条', '没收违法所得'],
] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, out: { type: 'string' }, seed: { type: 'string', default: '7' }, prefix: { type: 'string', default: 'S' }, 'as-exported': { type: 'boolean', default: false } } });
  const exported = values['as-exported'];
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive whole number, got ${values.rows}`);
  if (!values.out) throw new Error('--out <file.csv> is required');
  const config = loadConfig();
  const database = await openDatabase(config.database);
  let subjects: Array<{ uscc: string; name: string; kind: string }>;
  let agency: { uscc: string; name: string };
  try {
    const result = await database.db.execute(sql`SELECT uscc, name, kind::text AS kind FROM subjects WHERE uscc IS NOT NULL ORDER BY id`);
    subjects = (Array.isArray(result) ? result : (result as unknown as { rows: never[] }).rows) as typeof subjects;
    const a = await database.db.execute(sql`SELECT uscc, name FROM agencies WHERE code = 'SAMR_320106'`);
    agency = ((Array.isArray(a) ? a : (a as unknown as { rows: never[] }).rows) as Array<typeof agency>)[0]!;
  } finally {
    await database.close();
  }
  if (!subjects.length || !agency) throw new Error('the database has no subjects or no SAMR_320106: run npm run seed first');
  let state = Number(values.seed) >>> 0 || 7;
  const next = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state; };
  const out = createWriteStream(values.out);
  out.write(`${exported ? HEADER.replace(/,失信严重程度$/, '') : HEADER}\n`);
  const start = Date.parse('2026-04-01'); // NDRC Order 36 in force
  const span = 200; // days
  let buffer: string[] = [];
  for (let n = 1; n <= rows; n += 1) {
    const s = subjects[next() % subjects.length]!;
    const [violation, basis, category] = VIOLATIONS[next() % VIOLATIONS.length]!;
    const day = new Date(start + (next() % span) * 86_400_000).toISOString().slice(0, 10);
    const amount = category === '警告' ? '' : `${(next() % 500) / 10}`;
    const kind = s.kind === 'INDIVIDUAL_BUSINESS' ? '个体工商户' : '法人及非法人组织';
    const categories = exported && category === '罚款' && (next() >>> 16) % 4 === 0 ? '警告;罚款' : category;
    const severity = exported ? '' : ',一般';
    buffer.push(`${s.name},${kind},${s.uscc},宁鼓市监处罚〔2026〕${values.prefix}${n}号,${violation},经查，当事人存在${violation}的违法行为。,${basis},${categories},${amount},${day},${agency.name},${agency.uscc}${severity}\n`);
    if (buffer.length === 5000) {
      if (!out.write(buffer.join(''))) await once(out, 'drain');
      buffer = [];
    }
  }
  out.write(buffer.join(''));
  out.end();
  await once(out, 'finish');
  process.stdout.write(`wrote ${rows.toLocaleString('en-US')} penalty rows over ${subjects.length.toLocaleString('en-US')} subjects to ${values.out}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

/**
 * docs/compliance.md maps every requirement of 国办发〔2020〕49号 to the code that implements
 * it and the test that proves it. The matrix is only worth something while it is true: this
 * test fails when a cited file no longer exists, a cited test no longer exists in its file,
 * a row has no status, or an implemented row cites no test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MATRIX = join(ROOT, 'docs', 'compliance.md');
const STATUSES = ['Implemented', 'Partial', 'Not modelled'] as const;

interface Row {
  line: number;
  clause: string;
  status: string;
  code: string;
  proof: string;
}

function rows(): Row[] {
  const out: Row[] = [];
  readFileSync(MATRIX, 'utf8').split('\n').forEach((text, i) => {
    if (!text.startsWith('| ') || /^\|\s*(Clause|---)/.test(text)) return;
    const cells = text.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    if (cells.length !== 6) throw new Error(`docs/compliance.md:${i + 1}: expected 6 cells, found ${cells.length}`);
    out.push({ line: i + 1, clause: cells[0]!, code: cells[3]!, proof: cells[4]!, status: cells[5]!.split(/[:：]/)[0]!.trim() });
  });
  return out;
}

/** `path` and `path › "test name"` citations in a cell. */
function citations(cell: string): Array<{ path: string; test?: string }> {
  const out: Array<{ path: string; test?: string }> = [];
  for (const m of cell.matchAll(/`([^`]+)`(?:\s*›\s*"([^"]+)")?/g)) out.push({ path: m[1]!.replace(/#.*$/, ''), test: m[2] });
  return out;
}

describe('the compliance matrix (docs/compliance.md)', () => {
  const all = rows();

  it('covers every numbered clause of the guideline, (一) to (十六), and 九', () => {
    const clauses = new Set(all.map((r) => r.clause.match(/^[（(]?([一二三四五六七八九十]+)[）)]?/)?.[1]).filter(Boolean));
    for (const c of ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六']) expect([c, clauses.has(c)]).toEqual([c, true]);
  });

  it('gives every row a status, and every implemented or partial row the code and a test', () => {
    for (const r of all) {
      expect([r.line, STATUSES.includes(r.status as (typeof STATUSES)[number])]).toEqual([r.line, true]);
      if (r.status !== 'Not modelled') {
        expect([r.line, citations(r.code).length > 0, citations(r.proof).some((c) => c.test)]).toEqual([r.line, true, true]);
      }
    }
  });

  it('cites only files that exist and tests that exist in them', () => {
    const missing: string[] = [];
    for (const r of all) {
      for (const c of [...citations(r.code), ...citations(r.proof)]) {
        const file = join(ROOT, c.path);
        if (!existsSync(file)) {
          missing.push(`line ${r.line}: ${c.path} does not exist`);
          continue;
        }
        if (c.test && !readFileSync(file, 'utf8').includes(c.test)) missing.push(`line ${r.line}: no test "${c.test}" in ${c.path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { formatWan } from './report-amount';

/** [as the API sends it, in 万元; as printed] */
const CASES: Array<[string, string]> = [
  ['376000.0000', '37.6 亿元'],
  ['10000', '1 亿元'],
  ['123456789.1234', '12,345.67891234 亿元'],
  ['9999.5', '9,999.5 万元'],
  ['1234.5000', '1,234.5 万元'],
  ['30.0000', '30 万元'],
  ['1', '1 万元'],
  ['0.5', '5,000 元'],
  ['0.0500', '500 元'],
  ['0.00005', '0.5 元'],
  ['0.0000', '0 元'],
  ['.5', '5,000 元'],
  ['-2.5', '-2.5 万元'],
];

/** The portal's js/format.js, loaded as the browser does (an ES module without imports). */
async function portalFormat(): Promise<{ wan: (v: unknown) => string }> {
  const source = readFileSync(path.resolve(__dirname, '../portal/public/js/format.js'), 'utf8');
  const mod = new vm.SourceTextModule(source, { identifier: 'format.js' });
  await mod.link(() => {
    throw new Error('format.js imports nothing');
  });
  await mod.evaluate();
  return mod.namespace as { wan: (v: unknown) => string };
}

describe('amounts in 万元 as people read them', () => {
  it.each(CASES)('%s 万元 prints as %s', (value, printed) => {
    expect(formatWan(value)).toBe(printed);
  });

  it('prints exactly, with no floating-point rounding', () => {
    expect(formatWan('0.1000')).toBe('1,000 元');
    expect(formatWan('12345678901234567.8901')).toBe('1,234,567,890,123.45678901 亿元');
  });

  it('returns anything that is not a plain decimal as it came', () => {
    expect(formatWan('约 5')).toBe('约 5');
    expect(formatWan('1e5')).toBe('1e5');
  });

  it('the portal prints every case the same way, and — for an absent amount', async () => {
    const { wan } = await portalFormat();
    expect(CASES.map(([value]) => wan(value))).toEqual(CASES.map(([, printed]) => printed));
    expect(wan('12345678901234567.8901')).toBe(formatWan('12345678901234567.8901'));
    expect(wan(null)).toBe('—');
  });
});

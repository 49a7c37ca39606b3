/**
 * Amounts as people read them. The API sends 万元 as a decimal string ("376000.0000"); it is
 * printed exactly (string arithmetic, no floating point), without trailing zeros, the integer
 * digits grouped by thousands, in the unit a reader expects: 亿元 from 1 亿元 up, 元 below
 * 1 万元, else 万元 — "37.6 亿元", "1,234.5 万元", "5,000 元".
 * The portal's js/format.js `wan` is the same function for the browser; report-amount.test.ts
 * runs both over the same cases.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function grouped(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `value` in 万元; anything that is not a plain decimal is returned as it came. */
export function formatWan(value: string | number): string {
  const raw = String(value).trim();
  const m = DECIMAL.exec(raw);
  if (!m || (m[2] === '' && !m[3])) return raw;
  const sign = m[1] === '-' ? '-' : '';
  const frac = m[3] ?? '';
  // value = digits × 10^exp 万元
  const digits = `${m[2]}${frac}`.replace(/^0+/, '');
  if (digits === '') return '0 元';
  let exp = -frac.length;
  const intDigits = digits.length + exp;
  let unit = '万元';
  if (intDigits > 4) {
    unit = '亿元';
    exp -= 4;
  } else if (intDigits <= 0) {
    unit = '元';
    exp += 4;
  }
  let int: string;
  let fraction: string;
  if (exp >= 0) {
    int = digits + '0'.repeat(exp);
    fraction = '';
  } else {
    const padded = digits.padStart(1 - exp, '0');
    int = padded.slice(0, padded.length + exp);
    fraction = padded.slice(padded.length + exp).replace(/0+$/, '');
  }
  return `${sign}${grouped(int)}${fraction ? `.${fraction}` : ''} ${unit}`;
}

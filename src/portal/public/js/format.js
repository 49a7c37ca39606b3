/** Display formats of API values, the way the public portals print them. */

const EMPTY = '—';

export function text(value) {
  return value === null || value === undefined || value === '' ? EMPTY : String(value);
}

/** LocalDate "2026-05-12" is shown as is (ISO dates are what official records print). */
export function date(value) {
  return value ? String(value) : EMPTY;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function grouped(int) {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Amounts in 万元 as the API sends them ("376000.0000"), printed exactly (string arithmetic),
 * without trailing zeros, grouped by thousands, in the unit a reader expects: 亿元 from 1 亿元
 * up, 元 below 1 万元, else 万元 ("37.6 亿元", "1,234.5 万元", "5,000 元"). The same function
 * as the report's src/report/report-amount.ts; report-amount.test.ts runs both.
 */
export function wan(value) {
  if (value === null || value === undefined || value === '') return EMPTY;
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
  let int;
  let fraction;
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

export function integer(value) {
  return value === null || value === undefined ? EMPTY : String(value);
}

const SUBJECT_KINDS = {
  LEGAL_PERSON: '法人和非法人组织',
  INDIVIDUAL_BUSINESS: '个体工商户',
  NATURAL_PERSON: '自然人',
};

export function subjectKind(value) {
  return SUBJECT_KINDS[value] ?? text(value);
}

const SEVERITIES = {
  SERIOUS: { label: '严重', badge: 'badge-serious' },
  GENERAL: { label: '一般', badge: 'badge-general' },
  MINOR: { label: '轻微', badge: 'badge-minor' },
};

/** Severity tier of a dishonesty finding, or undefined for records that have none. */
export function severity(value) {
  return SEVERITIES[value];
}

/** "2026-05-12 至 2027-05-12"; a window without an end is published until revoked or repaired. */
export function publicationWindow(start, end) {
  if (!start && !end) return EMPTY;
  return `${start ?? EMPTY} 至 ${end ?? '长期'}`;
}

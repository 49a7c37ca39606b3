/** Display formats of API values, the way the public portals print them. */

const EMPTY = '—';

export function text(value) {
  return value === null || value === undefined || value === '' ? EMPTY : String(value);
}

/** LocalDate "2026-05-12" is shown as is (ISO dates are what official records print). */
export function date(value) {
  return value ? String(value) : EMPTY;
}

/** Decimal amounts in 万元 as the API sends them ("376000.0000"), without trailing zeros. */
export function wan(value) {
  if (value === null || value === undefined || value === '') return EMPTY;
  const s = String(value);
  const trimmed = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return `${trimmed} 万元`;
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

/**
 * Checks a record kind's own fields as a department wrote them, and adds the derived ones.
 * Every problem names the field and what would be accepted, so an import script can fix its
 * mapping from the message alone.
 */
import { VALUE_JOINER, valuesOf, type RecordFieldSpec } from '../../catalog/record-kinds';
import { appError } from '../../errors';
import { validateResidentId } from '../../identifiers';
import {
  DERIVED_FIELDS, FIELDS_INPUT_NAMES, inputFieldsOf, type DerivationSource, type WritableRecordKind,
} from './record-fields.input';

const MAX_LENGTH = { STRING: 200, TEXT: 4000 } as const;

/** An ID_NUMBER field and the 证件类型 field that says what kind of number it is. */
const ID_TYPE_OF: Readonly<Record<string, string>> = { legalRepIdNumber: 'legalRepIdType', idNumber: 'idType' };

export function checkRecordFields(
  kind: WritableRecordKind,
  values: Readonly<Record<string, unknown>>,
  now: Date,
): Record<string, unknown> {
  const where = FIELDS_INPUT_NAMES[kind];
  const out: Record<string, unknown> = {};
  for (const spec of inputFieldsOf(kind)) {
    const value = values[spec.key];
    if (value === null || value === undefined) continue;
    const path = `${where}.${spec.key}`;
    out[spec.key] = checkValue(path, spec, value, values, now);
  }
  return out;
}

function checkValue(path: string, spec: RecordFieldSpec, value: unknown, all: Readonly<Record<string, unknown>>, now: Date): unknown {
  if (spec.type === 'INTEGER') {
    const n = typeof value === 'string' && /^-?\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw appError('BAD_USER_INPUT', `${path}: ${spec.label} must be a whole number, got ${JSON.stringify(value)}`, { field: path });
    }
    return n;
  }
  if (typeof value !== 'string') return value; // scalars the GraphQL layer already parsed
  const text = value.trim();
  if (spec.type === 'ENUM') {
    const canonical = enumText(spec, text);
    if (canonical === undefined) {
      const several = spec.multiple ? ' (several separated by 、 ; or ,)' : '';
      throw appError('BAD_USER_INPUT', `${path}: "${value}" is not a value of ${spec.label}; use one of: ${spec.enumValues?.join('、')}${several}`, { field: path });
    }
    return canonical;
  }
  if (spec.type === 'DATE') return checkDateText(path, text);
  if (spec.type === 'DECIMAL') return checkAmount(path, spec.label, text);
  if (spec.type === 'STRING' || spec.type === 'TEXT') {
    if (text === '') throw appError('BAD_USER_INPUT', `${path}: ${spec.label} is blank; leave it out (null) instead`, { field: path });
    const max = MAX_LENGTH[spec.type];
    if ([...text].length > max) throw appError('BAD_USER_INPUT', `${path}: ${spec.label} is longer than ${max} characters`, { field: path });
  }
  if (spec.personal === 'ID_NUMBER' && isResidentIdField(spec.key, all)) {
    const check = validateResidentId(text, now);
    if (!check.ok) throw appError('INVALID_ID_NUMBER', `${path}: ${check.message}`, { reason: check.reason, field: path });
    return check.number;
  }
  return text;
}

/**
 * An ENUM field's text as stored, or undefined when it is not one of its values. A multi-valued
 * field (spec.multiple) takes several, in any order and with any separator exports use; they are
 * stored deduplicated, in the order of the spec's values, joined by 、.
 */
export function enumText(spec: RecordFieldSpec, text: string): string | undefined {
  const allowed = spec.enumValues ?? [];
  if (!spec.multiple) return allowed.includes(text) ? text : undefined;
  const given = valuesOf(text);
  if (given.length === 0 || given.some((v) => !allowed.includes(v))) return undefined;
  return allowed.filter((v) => given.includes(v)).join(VALUE_JOINER);
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30); returns it unchanged. */
export function checkDateText(path: string, text: string): string {
  const m = DATE_TEXT.exec(text);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (!m || y < 1900 || day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) {
    throw appError('BAD_USER_INPUT', `${path}: ${JSON.stringify(text)} is not a date; write an existing calendar date as YYYY-MM-DD`, { field: path });
  }
  return text;
}

/** 4 decimal places at most, as the Decimal scalar. */
const AMOUNT = /^\d{1,14}(\.\d{1,4})?$/;

/** Amounts (罚款金额, 没收金额, 注册资本) are in 万元: a decimal of at most 4 places, never negative. */
function checkAmount(path: string, label: string, text: string): string {
  if (text.startsWith('-') && AMOUNT.test(text.slice(1))) {
    throw appError('BAD_USER_INPUT', `${path}: ${label} is negative (${text}); an amount is 0 or more, in 万元`, { field: path });
  }
  if (!AMOUNT.test(text)) {
    throw appError('BAD_USER_INPUT', `${path}: ${label} ${JSON.stringify(text)} is not an amount in 万元; write a decimal such as 0.5 or 12.3456 (at most 4 decimal places, no unit or separators)`, { field: path });
  }
  return text;
}

/** A number is checked as a resident ID unless its 证件类型 says it is another document. */
function isResidentIdField(key: string, all: Readonly<Record<string, unknown>>): boolean {
  const typeKey = ID_TYPE_OF[key];
  const type = typeKey ? all[typeKey] : undefined;
  return type === undefined || type === null || type === '身份证';
}

/** The derived fields of a kind (决定书文号, 决定日期, 公示截止期…), computed from the record. */
export function derivedFields(kind: WritableRecordKind, source: DerivationSource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, derive] of Object.entries(DERIVED_FIELDS[kind] ?? {})) {
    const value = derive(source);
    if (value !== null) out[key] = value;
  }
  return out;
}

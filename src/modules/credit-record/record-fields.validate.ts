/**
 * Checks a record kind's own fields as a department wrote them, and adds the derived ones.
 * Every problem names the field and what would be accepted, so an import script can fix its
 * mapping from the message alone.
 */
import type { RecordFieldSpec } from '../../catalog/record-kinds';
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
    out[spec.key] = checkValue(`${where}.${spec.key}`, spec, value, values, now);
  }
  return out;
}

function checkValue(path: string, spec: RecordFieldSpec, value: unknown, all: Readonly<Record<string, unknown>>, now: Date): unknown {
  if (typeof value !== 'string') return value; // Int, and scalars the GraphQL layer already parsed
  const text = value.trim();
  if (spec.type === 'ENUM') {
    if (!spec.enumValues?.includes(text)) {
      throw appError('BAD_USER_INPUT', `${path}: "${value}" is not a value of ${spec.label}; use one of: ${spec.enumValues?.join('、')}`);
    }
    return text;
  }
  if (spec.type === 'STRING' || spec.type === 'TEXT') {
    if (text === '') throw appError('BAD_USER_INPUT', `${path}: ${spec.label} is blank; leave it out (null) instead`);
    const max = MAX_LENGTH[spec.type];
    if ([...text].length > max) throw appError('BAD_USER_INPUT', `${path}: ${spec.label} is longer than ${max} characters`);
  }
  if (spec.personal === 'ID_NUMBER' && isResidentIdField(spec.key, all)) {
    const check = validateResidentId(text, now);
    if (!check.ok) throw appError('INVALID_ID_NUMBER', `${path}: ${check.message}`, { reason: check.reason });
    return check.number;
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

/**
 * Checks the field changes an objection decision makes to a record (CORRECTED, SUPPLEMENTED)
 * against the record kind's own fields, and merges them into the stored payload. Every
 * problem names the field and what would be accepted. ID numbers are encrypted as every
 * payload stores them (payload-codec.ts).
 */
import { recordKindFields, type RecordFieldSpec, type RecordKind } from '../../catalog/record-kinds';
import { appError } from '../../errors';
import { validateResidentId, type IdNumberVault } from '../../identifiers';
import { encodePayload } from '../credit-record/payload-codec';
import { DERIVED_FIELDS } from '../credit-record/record-fields.input';
import { enumText } from '../credit-record/record-fields.validate';

export interface FieldChange {
  key: string;
  value: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,14}(\.\d{1,4})?$/;
const MAX_LENGTH = { STRING: 200, TEXT: 4000 } as const;
/** The 证件类型 field saying what kind of number an ID_NUMBER field holds. */
const ID_TYPE_OF: Readonly<Record<string, string>> = { legalRepIdNumber: 'legalRepIdType', idNumber: 'idType' };

/** The new payload: `stored` with the changes applied. SUPPLEMENTED may only fill empty fields. */
export function applyCorrections(
  kind: RecordKind,
  stored: Readonly<Record<string, unknown>>,
  changes: readonly FieldChange[],
  mode: 'CORRECTED' | 'SUPPLEMENTED',
  ctx: { vault: IdNumberVault; now: Date },
): Record<string, unknown> {
  if (changes.length === 0) throw appError('BAD_USER_INPUT', `corrections: ${mode} changes the record; list at least one field and its value`);
  const specs = new Map(recordKindFields(kind).map((f) => [f.key, f]));
  const seen = new Set<string>();
  const values: Record<string, unknown> = {};
  const cleared: string[] = [];
  for (const { key, value } of changes) {
    const spec = specs.get(key);
    if (!spec) throw appError('BAD_USER_INPUT', `corrections: ${kind} records have no field "${key}"; fields: ${[...specs.keys()].join(', ')}`);
    if (seen.has(key)) throw appError('BAD_USER_INPUT', `corrections: field ${key} is listed twice`);
    if (key in ((DERIVED_FIELDS as Partial<Record<string, object>>)[kind] ?? {})) {
      // 文号, 决定日期 and 公示截止期 mirror the record's document and window; fixed alone they would disagree with them.
      throw appError('BAD_USER_INPUT', `corrections: ${key} (${spec.label}) is derived from the record's document and dates; if it is wrong, revoke the record and record it again`);
    }
    seen.add(key);
    const filled = stored[key] !== null && stored[key] !== undefined && stored[key] !== '';
    if (mode === 'SUPPLEMENTED' && filled) {
      throw appError('BAD_USER_INPUT', `corrections: ${key} (${spec.label}) already holds a value; SUPPLEMENTED only fills empty fields, use CORRECTED to change it`);
    }
    if (value === null) {
      if (mode === 'SUPPLEMENTED') throw appError('BAD_USER_INPUT', `corrections: ${key}: SUPPLEMENTED supplies values; null is not one`);
      cleared.push(key);
      continue;
    }
    values[key] = checkValue(spec, value, { ...stored, ...values, ...Object.fromEntries(changes.map((c) => [c.key, c.value])) }, ctx.now);
  }
  const next: Record<string, unknown> = { ...stored, ...encodePayload(kind, values, ctx.vault) };
  for (const key of cleared) next[key] = null;
  return next;
}

function checkValue(spec: RecordFieldSpec, raw: string, all: Readonly<Record<string, unknown>>, now: Date): unknown {
  const text = raw.trim();
  const where = `corrections: ${spec.key} (${spec.label})`;
  switch (spec.type) {
    case 'ENUM': {
      const canonical = enumText(spec, text);
      if (canonical === undefined) throw appError('BAD_USER_INPUT', `${where}: "${raw}" is not one of ${spec.enumValues?.join('、')}`);
      return canonical;
    }
    case 'DATE':
      if (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
        throw appError('BAD_USER_INPUT', `${where}: "${raw}" is not a date written YYYY-MM-DD`);
      }
      return text;
    case 'DECIMAL':
      if (!DECIMAL.test(text)) throw appError('BAD_USER_INPUT', `${where}: "${raw}" is not a decimal such as "2.5" (万元, at most 4 decimal places)`);
      return text;
    case 'INTEGER':
      if (!/^-?\d{1,9}$/.test(text)) throw appError('BAD_USER_INPUT', `${where}: "${raw}" is not a whole number`);
      return Number(text);
    default: {
      if (text === '') throw appError('BAD_USER_INPUT', `${where}: blank; pass null to clear a field`);
      const max = MAX_LENGTH[spec.type === 'TEXT' ? 'TEXT' : 'STRING'];
      if ([...text].length > max) throw appError('BAD_USER_INPUT', `${where}: longer than ${max} characters`);
      if (spec.personal === 'ID_NUMBER' && isResidentId(spec.key, all)) {
        const check = validateResidentId(text, now);
        if (!check.ok) throw appError('INVALID_ID_NUMBER', `${where}: ${check.message}`);
        return check.number;
      }
      return text;
    }
  }
}

function isResidentId(key: string, all: Readonly<Record<string, unknown>>): boolean {
  const type = ID_TYPE_OF[key] ? all[ID_TYPE_OF[key]] : undefined;
  return type === undefined || type === null || type === '身份证';
}

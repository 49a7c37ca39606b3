/**
 * The item's own fields as a typed input, one input type per record kind, generated from
 * src/catalog/record-kinds.ts exactly as credit-record.type.ts generates the object types:
 * the fields a department writes and the fields a reader sees come from one list.
 *
 * Fields the API derives from the record itself are left out, so they cannot disagree with
 * it: a penalty's 决定书文号 is the document's number, its 处罚决定日期 the decision date, its
 * 公示截止期 the computed window (DERIVED_FIELDS). Which kinds are written, under which field
 * group name, and which fields are derived is each kind's descriptor (record-kind.descriptors.ts):
 * SERIOUS_LIST records are not written here; they are made by the listing procedure, after notice
 * and the objection period (49号 四(八)).
 */
import { Field, InputType } from 'type-graphql';
import {
  descriptorOf, STORED_RECORD_KINDS, type DerivationSourceKey, type WritableRecordKind,
} from '../../catalog/record-kind.descriptors';
import { RECORD_KINDS, type RecordFieldSpec } from '../../catalog/record-kinds';
import { describe as describeField, RECORD_TYPE_NAMES, scalarFor } from './credit-record.type';

export type { WritableRecordKind };

/** What a derived field is computed from when the record is written. */
export type DerivationSource = Readonly<Record<DerivationSourceKey, string | null>> & { readonly decisionDate: string };

/** Fields computed from the record (the descriptor's `derived`), by kind. */
export const DERIVED_FIELDS = Object.fromEntries(
  STORED_RECORD_KINDS.flatMap((kind) => {
    const derived: Readonly<Record<string, DerivationSourceKey>> | undefined = descriptorOf(kind).derived;
    return derived ? [[kind, Object.fromEntries(Object.entries(derived).map(([key, from]) => [key, (s: DerivationSource) => s[from]]))]] : [];
  }),
) as Readonly<Partial<Record<WritableRecordKind, Readonly<Record<string, (s: DerivationSource) => string | null>>>>>;

/** Name of the field of RecordCreditInformationInput that carries each kind's own fields. */
export const FIELDS_INPUT_NAMES = Object.fromEntries(
  STORED_RECORD_KINDS.flatMap((kind) => {
    const input = descriptorOf(kind).input;
    return input ? [[kind, input.field]] : [];
  }),
) as Record<WritableRecordKind, string>;

export const WRITABLE_KINDS = Object.keys(FIELDS_INPUT_NAMES) as WritableRecordKind[];

/** The fields of a kind that the input carries (all but the derived ones). */
export function inputFieldsOf(kind: WritableRecordKind): readonly RecordFieldSpec[] {
  const derived = DERIVED_FIELDS[kind] ?? {};
  return (RECORD_KINDS[kind] as readonly RecordFieldSpec[]).filter((f) => !(f.key in derived));
}

function describeInput(spec: RecordFieldSpec): string {
  const personal = spec.personal === 'ID_NUMBER' ? ' Personal data: stored encrypted; checked as a resident ID number unless its 证件类型 says otherwise.'
    : spec.personal ? ' Personal data: disclosed only as the catalog item says.' : '';
  return `${describeField({ ...spec, personal: undefined })}${personal}`;
}

function defineInputType(kind: WritableRecordKind): Function {
  const [objectName, description] = RECORD_TYPE_NAMES[kind];
  const name = `${objectName}FieldsInput`;
  const cls = { [name]: class {} }[name]!;
  for (const spec of inputFieldsOf(kind)) {
    Field(() => scalarFor(spec), { nullable: true, description: describeInput(spec) })(cls.prototype, spec.key);
  }
  const derived = Object.keys(DERIVED_FIELDS[kind] ?? {});
  const note = derived.length ? ` Derived, not given: ${derived.join(', ')}.` : '';
  InputType(name, { description: `Own fields of ${description}${note}` })(cls);
  return cls;
}

/** The generated input type of each writable record kind. */
export const RECORD_FIELDS_INPUTS = Object.fromEntries(
  WRITABLE_KINDS.map((k) => [k, defineInputType(k)]),
) as Record<WritableRecordKind, Function>;

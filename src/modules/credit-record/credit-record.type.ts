/**
 * Credit records. The envelope (which item, when decided, publication window, status) is
 * declared once on the `CreditRecord` interface (tagged per field: type-level tags are not
 * inherited by the implementing types); each record kind's own fields are generated
 * from src/catalog/record-kinds.ts (names and descriptions from record-kind.descriptors.ts), so
 * the GraphQL types and the catalog's per-field disclosure rules come from one list and cannot
 * drift apart.
 */
import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { RECORD_KIND_DESCRIPTORS, STORED_RECORD_KINDS } from '../../catalog/record-kind.descriptors';
import { RECORD_KINDS, type RecordFieldSpec, type StoredRecordKind } from '../../catalog/record-kinds';
import { describedEnum, RecordStatus, Severity } from '../../graphql/enums';
import { Decimal, LocalDate } from '../../graphql/scalars';
import { CreditInfo, RecordInfo } from '../../shield/field-tags';
import { CatalogItemInfo } from '../catalog/catalog-item.type';
import { PUBLICATION_END_SOURCES } from './stated-publication-end';

export const PublicationEndSource = describedEnum(
  'PublicationEndSource',
  'STATED: the 公示截止期 the determining department stated in its decision; COMPUTED: derived from the publication regime or the catalog item',
  PUBLICATION_END_SOURCES,
  {
    STATED: 'Stated by the determining department in its decision (49号 三(五)), within the regime\'s bounds.',
    COMPUTED: 'Computed from the publication regime or the catalog item.',
  },
);

/** GraphQL type name and description of each stored record kind (its descriptor). */
export const RECORD_TYPE_NAMES = Object.fromEntries(
  STORED_RECORD_KINDS.map((k): [StoredRecordKind, readonly [string, string]] => [k, [RECORD_KIND_DESCRIPTORS[k].typeName, RECORD_KIND_DESCRIPTORS[k].description]]),
) as Record<StoredRecordKind, readonly [string, string]>;

export type { StoredRecordKind };

/**
 * The implementing type of a record: its kind's. Synchronous, and installed as it is after the
 * schema is built (src/graphql/schema.ts): type-graphql wraps it in an async function, which the
 * compiled executor cannot await (src/graphql/compiled-executor.ts).
 */
export const resolveCreditRecordType = (value: { recordKind: StoredRecordKind }): string => RECORD_TYPE_NAMES[value.recordKind][0];

@InterfaceType('CreditRecord', {
  description: 'One record of one catalog item about one subject. Fields beyond these are the item\'s own (see the implementing types).',
  resolveType: resolveCreditRecordType,
})
export abstract class CreditRecord {
  @Field(() => ID, { description: 'Opaque record id.' })
  @RecordInfo()
  id!: string;

  @Field(() => String, {
    description: '记录编号: the record\'s readable number, `<region>-<year>-R<10 digits>` (region of the recording agency, year recorded). ' +
      'Stable and never reused; accepted wherever a record id is. Its digits say nothing about how many records exist.',
  })
  @RecordInfo()
  recordNumber!: string;

  @Field(() => CatalogItemInfo, { description: 'The catalog item the record was made under (it keeps its version).' })
  @RecordInfo()
  catalogItem!: CatalogItemInfo;

  @Field(() => LocalDate, { description: 'Date of the decision the record rests on (处罚决定日期, 许可决定日期…).' })
  @RecordInfo()
  decisionDate!: string;

  @Field(() => Severity, { nullable: true, description: 'Severity tier of a dishonesty finding; null for records that are no finding of dishonesty.' })
  @RecordInfo()
  severity!: keyof typeof Severity | null;

  @Field(() => LocalDate, { nullable: true, description: 'Start of publication (公示起始).' })
  @RecordInfo()
  publicationStart!: string | null;

  @Field(() => LocalDate, { nullable: true, description: '公示截止期: publication ends after this date without anyone acting.' })
  @RecordInfo()
  publicationEnd!: string | null;

  @Field(() => PublicationEndSource, {
    description: 'Where publicationEnd comes from: STATED by the determining department in its decision (49号 三(五); kept within the regime\'s bounds) or COMPUTED from the regime or item.',
  })
  @RecordInfo()
  publicationEndSource!: 'STATED' | 'COMPUTED';

  @Field(() => RecordStatus, { description: 'Where the record stands: ACTIVE, REPAIRED or REVOKED.' })
  @RecordInfo()
  recordStatus!: keyof typeof RecordStatus;

  @Field(() => Boolean, { description: 'An objection against the record is pending (flagged the moment it is filed).' })
  @RecordInfo()
  disputed!: boolean;
}

export function scalarFor(spec: RecordFieldSpec) {
  switch (spec.type) {
    case 'DATE':
      return LocalDate;
    case 'DECIMAL':
      return Decimal;
    case 'INTEGER':
      return Int;
    default:
      return String;
  }
}

export function describe(spec: RecordFieldSpec): string {
  const unit = spec.type === 'DECIMAL' && !spec.label.includes('万元') ? ' (万元)' : '';
  const code = spec.code ? ` [${spec.code}]` : '';
  const values = spec.enumValues ? ` ${spec.multiple ? 'One or more (joined by 、) of' : 'One of'}: ${spec.enumValues.join('、')}.` : '';
  const personal = spec.personal ? ' Personal data: desensitised or withheld as the catalog says.' : '';
  return `${spec.label}${unit}${code}.${values}${personal}`;
}

function defineRecordType(kind: StoredRecordKind): Function {
  const [name, description] = RECORD_TYPE_NAMES[kind];
  const cls = { [name]: class extends CreditRecord {} }[name]!;
  for (const spec of RECORD_KINDS[kind] as readonly RecordFieldSpec[]) {
    Field(() => scalarFor(spec), { nullable: true, description: describe(spec) })(cls.prototype, spec.key);
    CreditInfo(spec.key)(cls.prototype, spec.key);
  }
  ObjectType(name, { description, implements: CreditRecord })(cls);
  return cls;
}

/** The generated object type of each stored record kind. */
export const RECORD_TYPES = Object.fromEntries(
  STORED_RECORD_KINDS.map((k) => [k, defineRecordType(k)]),
) as Record<StoredRecordKind, Function>;

/** Inputs of recording credit information (recordCreditInformation). */
import { Field, InputType } from 'type-graphql';
import { descriptorOf } from '../../catalog/record-kind.descriptors';
import { SECTORS, type Sector as SectorCode } from '../../catalog/vocabulary.schema';
import { describedEnum, DocumentKind, LeniencyGround, Severity } from '../../graphql/enums';
import { LocalDate } from '../../graphql/scalars';
import { FIELDS_INPUT_NAMES, RECORD_FIELDS_INPUTS, WRITABLE_KINDS, type WritableRecordKind } from './record-fields.input';
import { LeniencyDocumentInput, StatutoryReferenceInput } from './legal-document.input';

export { LeniencyDocumentInput, StatutoryReferenceInput };

export const Sector = describedEnum(
  'Sector',
  'Sector with its own minimum publication period under the regime in force (NDRC Order 58: 特种设备, 安全生产, 消防, 食品, 药品)',
  SECTORS,
  {
    SPECIAL_EQUIPMENT: '特种设备.',
    WORK_SAFETY: '安全生产.',
    FIRE_SAFETY: '消防.',
    FOOD: '食品.',
    DRUGS: '药品.',
  } satisfies Record<SectorCode, string>,
);

@InputType({ description: 'The legally effective document a record rests on (49号 二(二)); reused when the issuer already has one with this number.' })
export class LegalDocumentInput {
  @Field(() => DocumentKind, { description: 'Judgment, arbitral award, administrative penalty or ruling, or OTHER_STATUTORY with its statutoryBasis.' })
  kind!: keyof typeof DocumentKind;

  @Field(() => String, { description: '文号, e.g. 宁鼓市监处罚〔2026〕15号.' })
  number!: string;

  @Field(() => String, { description: 'Issuing body as named on the document, e.g. 南京市鼓楼区市场监督管理局.' })
  issuer!: string;

  @Field(() => LocalDate, { description: 'Date the document took legal effect; not after today.' })
  effectiveOn!: string;

  @Field(() => String, { nullable: true, description: 'Title of the document, e.g. 行政处罚决定书.' })
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Give statutoryReference: an OTHER_STATUTORY document needs a structured citation.',
    description: 'Free-text basis; no longer accepted on its own.',
  })
  statutoryBasis?: string | null;

  @Field(() => StatutoryReferenceInput, {
    nullable: true,
    description: 'For OTHER_STATUTORY (required then): the law, regulation or central policy that provides for this kind of instrument.',
  })
  statutoryReference?: StatutoryReferenceInput | null;
}

@InputType({
  description:
    'One credit record of one catalog item about one subject, made by the item\'s providing department (一口采集). ' +
    'Give the subject by subjectCode or subjectIdNumber, and exactly one of the record-kind field groups: the one ' +
    'matching the item\'s record kind. Repeating the same call returns the record already made.',
})
export class RecordCreditInformationInput {
  @Field(() => String, { nullable: true, description: 'Unified social credit code of an organisation or individual business (GB 32100).' })
  subjectCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Resident ID number of a natural person (GB 11643); matched by its keyed hash, never stored in clear.' })
  subjectIdNumber?: string | null;

  @Field(() => String, { description: 'Catalog item code in force, e.g. 03-02-001.' })
  itemCode!: string;

  @Field(() => LegalDocumentInput, { nullable: true, description: 'The legally effective document; required for dishonesty items.' })
  document?: LegalDocumentInput | null;

  @Field(() => LocalDate, { description: 'Date of the decision (处罚决定日期, 许可决定日期…); not in the future. Periods run from it.' })
  decisionDate!: string;

  @Field(() => Severity, { nullable: true, description: 'Required for dishonesty items; not accepted for other items.' })
  severity?: keyof typeof Severity | null;

  @Field(() => LeniencyGround, {
    nullable: true,
    description: '49号 八(十六) ground found by the department; the catalog item says whether the record is then not recorded, not published or published for a shorter period.',
  })
  leniencyGround?: keyof typeof LeniencyGround | null;

  @Field(() => String, { nullable: true, description: 'Why the leniency ground applies; required with leniencyGround.' })
  leniencyNote?: string | null;

  @Field(() => LeniencyDocumentInput, {
    nullable: true,
    description: 'The document establishing the leniency ground; required for FORCE_MAJEURE, NOT_INTENTIONAL and MINOR_BREACH (leniency-grounds.yaml).',
  })
  leniencyDocument?: LeniencyDocumentInput | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Date of the act (违法行为发生之日), not after decisionDate; MINOR_SUBJECT is judged on the age that day. Defaults to decisionDate.',
  })
  actDate?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: '公示截止期 as the decision states it: kept when within the regime\'s bounds for the record, refused (PUBLICATION_END_OUT_OF_BOUNDS) otherwise; computed when absent.',
  })
  statedPublicationEnd?: string | null;

  @Field(() => Sector, { nullable: true, description: 'Sector with its own minimum publication period, where the regime has one.' })
  sector?: SectorCode | null;

  @Field(() => String, {
    nullable: true,
    description:
      '特定严重失信 found by the decision (发改办财金〔2019〕527号, decisions 2019-07-01..2023-04-30): the field (e.g. 生态环境) or conduct ' +
      '(e.g. 围标串标) of a penalty of 责令停产停业 or 吊销许可证件. The record is then published for the full three years and never repaired. ' +
      'A penalty of those categories in the food, drug, work-safety or fire-safety sector is one without naming it.',
  })
  specificSeriousGround?: string | null;
}

export type RecordFieldsValues = Readonly<Record<string, unknown>>;

for (const kind of WRITABLE_KINDS) {
  Field(() => RECORD_FIELDS_INPUTS[kind], { nullable: true, description: descriptorOf(kind).input!.description })(
    RecordCreditInformationInput.prototype,
    FIELDS_INPUT_NAMES[kind],
  );
}

/** The record-kind field groups present on an input, by kind. */
export function fieldGroupsOf(input: RecordCreditInformationInput): Array<[WritableRecordKind, RecordFieldsValues]> {
  const values = input as unknown as Record<string, RecordFieldsValues | null | undefined>;
  return WRITABLE_KINDS.flatMap((kind) => {
    const group = values[FIELDS_INPUT_NAMES[kind]];
    return group ? [[kind, group] as [WritableRecordKind, RecordFieldsValues]] : [];
  });
}

/** Reference data published with the catalog: open to everyone, like the catalog itself. */
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SERIOUS_DISHONESTY_FIELDS, type SeriousDishonestyField as FieldCode } from '../../catalog/measures.schema';
import { MeasureCategory, PersonalDataBasis, PurposeDeclarer, Severity, StandardLevel } from '../../graphql/enums';
import { Open } from '../../shield/field-tags';

export const SeriousDishonestyField = Object.fromEntries(Object.keys(SERIOUS_DISHONESTY_FIELDS).map((k) => [k, k])) as { [K in FieldCode]: K };
registerEnumType(SeriousDishonestyField, {
  name: 'SeriousDishonestyField',
  description: 'The four fields of serious dishonesty of 国发〔2016〕33号, to which 49号 四(六) confines serious-dishonesty lists.',
  valuesConfig: Object.fromEntries(Object.entries(SERIOUS_DISHONESTY_FIELDS).map(([k, name]) => [k, { description: name }])),
});

@ObjectType({ description: '失信惩戒措施: one measure of the punishment-measures list (清单).' })
@Open()
export class PunishmentMeasureInfo {
  @Field(() => ID, { description: 'Cache key: the measure in its list version.' })
  id!: string;

  @Field(() => String, { description: 'Measure code, e.g. RESTRICT_GOVERNMENT_PROCUREMENT.' })
  code!: string;

  @Field(() => String, { description: 'List version, e.g. measures-2024.' })
  version!: string;

  @Field(() => String, { description: '惩戒措施.' })
  name!: string;

  @Field(() => MeasureCategory, {
    description: 'RIGHTS_REDUCTION (减损权益或增加义务), MANAGEMENT (管理措施) or THIRD_PARTY_VOLUNTARY (其他组织自主实施; recommended, never imposed).',
  })
  category!: keyof typeof MeasureCategory;

  @Field(() => [String], { description: '设定依据: law, regulation or central policy cited when the measure is applied.' })
  legalBasis!: string[];

  @Field(() => String, { description: '实施主体.' })
  implementer!: string;

  @Field(() => String, { description: '惩戒对象.' })
  targets!: string;

  @Field(() => [Severity], { description: 'Severities the measure may answer (过惩相当).' })
  severities!: Array<keyof typeof Severity>;

  @Field(() => [String], { description: 'Serious-dishonesty list types whose entries may receive it.' })
  listTypes!: string[];
}

@ObjectType({ description: '严重失信主体名单 type: a list the law allows, its standard and its exits.' })
@Open()
export class SeriousListTypeInfo {
  @Field(() => ID, { description: 'Cache key: the list type.' })
  id!: string;

  @Field(() => String, { description: 'List type code, e.g. COURT_DEFAULTER.' })
  code!: string;

  @Field(() => String, { description: 'Name of the list.' })
  name!: string;

  @Field(() => String, { description: 'Agency system that decides listings.' })
  decidingSystem!: string;

  @Field(() => [String], { description: 'Legal basis for setting the list (49号 四(六)).' })
  legalBasis!: string[];

  @Field(() => [SeriousDishonestyField], {
    description: 'The field(s) of serious dishonesty of 国发〔2016〕33号 the list\'s conduct falls in (49号 四(六) allows lists only in these four).',
  })
  category33!: FieldCode[];

  @Field(() => String, { description: 'Why the list falls in those fields: the conduct of 国发〔2016〕33号 it punishes.' })
  category33Basis!: string;

  @Field(() => String, { description: 'The instrument setting the listing standard.' })
  standardDocument!: string;

  @Field(() => StandardLevel, { description: 'Level of that instrument.' })
  standardLevel!: keyof typeof StandardLevel;

  @Field(() => String, { description: '移出条件.' })
  removalConditions!: string;

  @Field(() => String, { description: '移出程序.' })
  removalProcedure!: string;

  @Field(() => String, { description: '救济措施.' })
  remedies!: string;

  @Field(() => Float, { description: 'Listing period in years.' })
  listingPeriodYears!: number;
}

@ObjectType({ description: 'A purpose partners declare in X-Purpose, and whether natural persons\' data then needs consent.' })
@Open()
export class PurposeInfo {
  @Field(() => ID, { description: 'Cache key: the purpose.' })
  id!: string;

  @Field(() => String, { description: 'Purpose code for the X-Purpose header.' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { description: 'What the purpose covers.' })
  description!: string;

  @Field(() => PersonalDataBasis, { description: 'Whether natural persons\' data then needs their consent.' })
  personalDataBasis!: keyof typeof PersonalDataBasis;

  @Field(() => [PurposeDeclarer], { description: 'Who may declare it.' })
  declaredBy!: Array<keyof typeof PurposeDeclarer>;
}

/**
 * A punishment measure applied to a credit record or a list entry. A procedure object
 * (policy/procedure-view.ts): tagged @RecordInfo() at class level, visible to the agencies
 * handling it and to auditors.
 */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { MEASURE_MODES } from '../../db/schema/enums';
import { describedEnum, MeasureCategory } from '../../graphql/enums';
import { RecordInfo } from '../../shield/field-tags';

export const MeasureMode = describedEnum(
  'MeasureMode',
  'IMPOSED by a public body; RECOMMENDED for measures organisations outside government decide themselves (49号 五(九))',
  MEASURE_MODES,
  {
    IMPOSED: 'Imposed by a public body under the measure\'s legal basis.',
    RECOMMENDED: 'Recommended: organisations outside government decide themselves whether to apply it.',
  },
);

@ObjectType({ description: 'One application of a measure from the published punishment-measures list (失信惩戒措施) to a record or a listing.' })
@RecordInfo()
export class MeasureApplication {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;

  @Field(() => String, { description: 'Measure code in the list, e.g. RESTRICT_GOVERNMENT_PROCUREMENT.' })
  measureCode!: string;

  @Field(() => String, { description: '惩戒措施.' })
  measureName!: string;

  @Field(() => MeasureCategory, { description: 'Category of the measure in the list.' })
  measureCategory!: keyof typeof MeasureCategory;

  @Field(() => String, { description: 'The measures-list version the measure was taken from.' })
  listVersion!: string;

  @Field(() => MeasureMode, { description: 'Set by the service from the category, never chosen by the caller.' })
  mode!: string;

  @Field(() => String, { description: 'What the mode means for whoever implements the measure.' })
  modeNote!: string;

  @Field(() => ID, { nullable: true, description: 'The credit record it answers (CreditRecord.id).' })
  creditRecordId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The list entry it answers (SeriousListEntry.id).' })
  listEntryId!: string | null;

  @Field(() => String, { description: 'Agency that applied it.' })
  agencyCode!: string;

  @Field(() => String, { description: 'The legal basis cited directly (49号 五(九)).' })
  citedBasis!: string;

  @Field(() => DateTimeResolver, { description: 'When it was applied.' })
  appliedAt!: Date;

  @Field(() => Boolean, { description: 'In force: not lifted, and its target still ACTIVE or LISTED today.' })
  active!: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was lifted.' })
  liftedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was lifted.' })
  liftReason!: string | null;
}

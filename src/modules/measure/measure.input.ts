/** Inputs of applying and lifting punishment measures. */
import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Apply a measure of the published list to a record or a listing; give exactly one target.' })
export class ApplyPunishmentMeasureInput {
  @Field(() => String, { description: 'Measure code from punishmentMeasures, e.g. KEY_SUPERVISION.' })
  measureCode!: string;

  @Field(() => ID, { nullable: true, description: 'A dishonesty record (CreditRecord.id) the measure answers.' })
  creditRecordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A LISTED serious-list entry (SeriousListEntry.id) the measure answers.' })
  listEntryId?: string | null;

  @Field(() => String, { nullable: true, description: 'One of the measure\'s legal bases, cited directly; defaults to its first.' })
  @MaxLength(1000)
  citedBasis?: string | null;
}

@InputType({ description: 'Lift a measure (the ground ceased, the listing ended, the measure was applied in error).' })
export class LiftPunishmentMeasureInput {
  @Field(() => ID, { description: 'MeasureApplication.id.' })
  id!: string;

  @Field(() => String, { description: 'Why it is lifted.' })
  @MaxLength(2000)
  reason!: string;
}

@ArgsType()
export class MeasureApplicationsArgs {
  @Field(() => ID, { nullable: true, description: 'Measures applied to this credit record; or give listEntryId.' })
  creditRecordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Measures applied to this list entry; or give creditRecordId.' })
  listEntryId?: string | null;
}

/** Inputs and arguments of the objection operations. */
import { ArrayMaxSize, MaxLength, MinLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { ObjectionOutcome, ObjectionState } from './objection.type';

@InputType({ description: 'An objection to one credit record or one serious-list entry about you: give exactly one target.' })
export class FileObjectionInput {
  @Field(() => ID, { nullable: true, description: 'The credit record objected to (CreditRecord.id of one of your records).' })
  creditRecordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The serious-list entry objected to (a notice or listing about you).' })
  listEntryId?: string | null;

  @Field(() => String, { description: 'What is wrong and why (facts, evidence offered); 5 to 2000 characters.' })
  @MinLength(5)
  @MaxLength(2000)
  reason!: string;
}

@InputType({ description: 'A corrected or supplied value of one of the record\'s own fields.' })
export class RecordFieldCorrectionInput {
  @Field(() => String, { description: 'Field key as in the record type, e.g. fineAmount, violationFacts.' })
  key!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The value as text: dates YYYY-MM-DD, amounts in 万元 such as "2.5", enumerations by their Chinese value. Null clears the field (CORRECTED only).',
  })
  value!: string | null;
}

@InputType({ description: 'The deciding agency\'s decision on an objection.' })
export class DecideObjectionInput {
  @Field(() => ID, { description: 'The objection (Objection.id).' })
  id!: string;

  @Field(() => ObjectionOutcome, { description: 'The outcome; see ObjectionOutcome for what each one changes.' })
  outcome!: keyof typeof ObjectionOutcome;

  @Field(() => String, { description: 'The reasoned answer the subject receives; 5 to 2000 characters.' })
  @MinLength(5)
  @MaxLength(2000)
  response!: string;

  @Field(() => [RecordFieldCorrectionInput], {
    nullable: true,
    description: 'For CORRECTED and SUPPLEMENTED: the record fields to change (SUPPLEMENTED only fills empty fields).',
  })
  @ArrayMaxSize(50)
  corrections?: RecordFieldCorrectionInput[] | null;
}

@ArgsType()
export class ObjectionListArgs extends PageArgs {
  @Field(() => ObjectionState, { nullable: true, description: 'Only objections in this state.' })
  state?: keyof typeof ObjectionState | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Only PENDING objections past their due date at the time of the request.' })
  overdueOnly!: boolean;
}

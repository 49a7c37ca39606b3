/** Inputs and arguments of the credit-repair operations. No fee anywhere: repair is free. */
import { MaxLength, MinLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { RepairState, RepairTreatment } from './repair.type';

@InputType({ description: 'An application to repair one of your records, or to leave a serious list early: give exactly one target.' })
export class ApplyForCreditRepairInput {
  @Field(() => ID, { nullable: true, description: 'The credit record to repair (CreditRecord.id of one of your records).' })
  creditRecordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The serious-list entry you are listed by.' })
  listEntryId?: string | null;

  @Field(() => String, { description: '信用承诺 (required): that the materials are true and that you accept liability if they are not; 10 to 4000 characters.' })
  @MinLength(10)
  @MaxLength(4000)
  commitment!: string;

  @Field(() => String, { description: 'How you fulfilled the obligations the decision imposed (fine paid, rectification done) and where the proof is; up to 4000 characters.' })
  @MinLength(1)
  @MaxLength(4000)
  obligationsEvidence!: string;
}

@InputType({ description: 'The providing department\'s decision on a repair application.' })
export class DecideCreditRepairInput {
  @Field(() => ID, { description: 'The application (CreditRepairApplication.id).' })
  id!: string;

  @Field(() => Boolean, { description: 'True approves: publication and sharing stop, the entry leaves its list, measures are lifted. False rejects.' })
  approve!: boolean;

  @Field(() => RepairTreatment, { nullable: true, description: 'Required when approving, absent when rejecting: MARKED, SHIELDED or DELETED.' })
  treatment?: keyof typeof RepairTreatment | null;

  @Field(() => String, { description: 'The reasons the applicant receives (a rejection must say which condition is not met); 5 to 2000 characters.' })
  @MinLength(5)
  @MaxLength(2000)
  reason!: string;
}

@ArgsType()
export class RepairListArgs extends PageArgs {
  @Field(() => RepairState, { nullable: true, description: 'Only applications in this state.' })
  state?: keyof typeof RepairState | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Only undecided applications past their due date at the time of the request.' })
  overdueOnly!: boolean;
}

/** Arguments of record listings. */
import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';

@ArgsType()
export class CreditRecordArgs extends PageArgs {
  @Field(() => [String], {
    nullable: true,
    description: 'Only these record kinds (LICENCE, PENALTY, COURT_ENFORCEMENT, BUSINESS_ANOMALY, SERIOUS_LIST, HONOUR, COMMITMENT, EVALUATION).',
  })
  recordKinds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these catalog categories, e.g. ADMINISTRATIVE_MANAGEMENT.' })
  categories?: string[] | null;
}

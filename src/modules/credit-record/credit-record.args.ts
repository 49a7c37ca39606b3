/** Arguments of record listings. */
import { ArgsType, Field } from 'type-graphql';
import { STORED_RECORD_KINDS } from '../../catalog/record-kind.descriptors';
import { PageArgs } from '../../graphql/connection';

@ArgsType()
export class CreditRecordArgs extends PageArgs {
  @Field(() => [String], {
    nullable: true,
    description: `Only these record kinds (${STORED_RECORD_KINDS.join(', ')}).`,
  })
  recordKinds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these catalog categories, e.g. ADMINISTRATIVE_MANAGEMENT.' })
  categories?: string[] | null;
}

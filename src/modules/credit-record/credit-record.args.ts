/** Arguments of record listings. */
import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { CatalogCategory, RecordKind } from '../../graphql/enums';

@ArgsType()
export class CreditRecordArgs extends PageArgs {
  @Field(() => [RecordKind], { nullable: true, description: 'Only records of these kinds.' })
  recordKinds?: Array<keyof typeof RecordKind> | null;

  @Field(() => [CatalogCategory], { nullable: true, description: 'Only records of items in these catalog categories.' })
  categories?: Array<keyof typeof CatalogCategory> | null;
}

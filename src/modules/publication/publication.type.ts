/** The front page's answers across subjects: what is published, counted, and the latest 双公示 records. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CatalogCategory } from '../../graphql/enums';
import { Open } from '../../shield/field-tags';
import { CreditRecord } from '../credit-record/credit-record.type';
import { Subject } from '../subject/subject.type';

@ObjectType({ description: 'How many records of one information category you may see published today.' })
@Open()
export class PublishedCount {
  @Field(() => CatalogCategory, { description: 'Information category (one of the 13 of the 2024 base catalog).' })
  category!: keyof typeof CatalogCategory;

  @Field(() => String, { description: 'The category\'s name in the catalog, e.g. 行政管理信息.' })
  name!: string;

  @Field(() => Int, { description: 'Records of the category in their publication period that you may see (the disclosure policy decides which).' })
  count!: number;
}

@ObjectType({ description: 'A 双公示 record (行政许可 or 行政处罚) recently published, with its subject, each as you may see it.' })
@Open()
export class PublishedRecord {
  @Field(() => ID, { description: 'The record\'s id.' })
  id!: string;

  @Field(() => CreditRecord, { description: 'The record (LicenceRecord or PenaltyRecord).' })
  record!: CreditRecord;

  @Field(() => Subject, { nullable: true, description: 'The subject; null where you may not see it at all.' })
  subject!: Subject | null;
}

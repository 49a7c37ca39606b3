/**
 * A catalog version as the public reads it: which national or local catalog or measures list,
 * in which state of DRAFT → PUBLISHED → RETIRED. Reference data, open to everyone.
 */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { CATALOG_KINDS, CATALOG_STATUSES } from '../../db/schema/enums';
import { describedEnum } from '../../graphql/enums';
import { Open } from '../../shield/field-tags';

export const CatalogVersionStatus = describedEnum(
  'CatalogVersionStatus',
  'DRAFT (being prepared, changeable), PUBLISHED (in force, immutable), RETIRED (no longer in force; its records keep it).',
  CATALOG_STATUSES,
  {
    DRAFT: 'Being prepared; changeable, not in force.',
    PUBLISHED: 'In force; immutable.',
    RETIRED: 'No longer in force; records made under it keep it.',
  },
);

export const CatalogVersionKind = describedEnum(
  'CatalogVersionKind',
  'BASE_CATALOG (national 基础目录), SUPPLEMENTARY_CATALOG (a region\'s 补充目录), MEASURE_LIST (失信惩戒措施清单) or SHARING_AGREEMENTS.',
  CATALOG_KINDS,
  {
    BASE_CATALOG: '全国公共信用信息基础目录: the national base catalog.',
    SUPPLEMENTARY_CATALOG: '补充目录: a region\'s supplementary catalog.',
    MEASURE_LIST: '失信惩戒措施清单: the punishment-measures list.',
    SHARING_AGREEMENTS: 'The sharing agreements: which agencies receive which items for which purposes.',
  },
);

@ObjectType({ description: '批准: the approval a version was published on.' })
@Open()
export class CatalogVersionApproval {
  @Field(() => String, { description: 'Approving body.' })
  body!: string;

  @Field(() => String, { description: 'Date of the approval (YYYY-MM-DD).' })
  date!: string;

  @Field(() => String, { description: '文号 of the approving document.' })
  documentNumber!: string;
}

@ObjectType({ description: '公开征求意见: the public consultation held on a version before its approval.' })
@Open()
export class CatalogVersionConsultation {
  @Field(() => String, { description: 'First day (YYYY-MM-DD).' })
  from!: string;

  @Field(() => String, { description: 'Last day (YYYY-MM-DD).' })
  to!: string;

  @Field(() => String, { description: 'Where it was held (URL or channel).' })
  channel!: string;
}

@ObjectType({ description: 'One version of a catalog or measures list and where it stands.' })
@Open()
export class CatalogVersionInfo {
  @Field(() => String, { description: 'Version id, e.g. national-2024, shenzhen-2023, measures-2024.' })
  id!: string;

  @Field(() => CatalogVersionKind, { description: 'What kind of document the version is.' })
  kind!: keyof typeof CatalogVersionKind;

  @Field(() => String, { description: 'Title, e.g. 全国公共信用信息基础目录（2024年版）.' })
  title!: string;

  @Field(() => String, { description: 'Edition year, taken from the id.' })
  edition!: string;

  @Field(() => String, { nullable: true, description: '文号 of the issuing document.' })
  documentNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 region code of a supplementary catalog.' })
  regionCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The base catalog a supplementary catalog is applied on.' })
  baseVersionId!: string | null;

  @Field(() => CatalogVersionStatus, { description: 'DRAFT, PUBLISHED or RETIRED.' })
  status!: keyof typeof CatalogVersionStatus;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it came into force.' })
  publishedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it left force.' })
  retiredAt!: Date | null;

  @Field(() => String, { description: 'SHA-256 of the text the version was made from: a published version never changes underneath.' })
  sourceHash!: string;

  @Field(() => Int, { description: 'How many items (catalogs) or measures (measures lists) it holds.' })
  entries!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the agency that published it through the API; null for the versions shipped with the code (published by the documents they cite) and for drafts.',
  })
  publishedBy!: string | null;

  @Field(() => CatalogVersionApproval, { nullable: true, description: 'The approval it was published on; null for shipped versions and drafts.' })
  approval!: CatalogVersionApproval | null;

  @Field(() => CatalogVersionConsultation, { nullable: true, description: 'The public consultation held on it; null for shipped versions and drafts.' })
  consultation!: CatalogVersionConsultation | null;
}

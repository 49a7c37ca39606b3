/**
 * A published catalog item as the public reads it: reference data, not credit information,
 * so the whole type is open.
 */
import { Field, ID, ObjectType } from 'type-graphql';
import { CatalogCategory, PublishScope, RecordKind, ShareScope } from '../../graphql/enums';
import { Open } from '../../shield/field-tags';

@ObjectType({ description: '公共信用信息目录 item: what may be recorded, on what basis, and how it is shared and published.' })
@Open()
export class CatalogItemInfo {
  @Field(() => ID, { description: 'Cache key: the item in its catalog version (an item code is stable only within its version).' })
  id!: string;

  @Field(() => String, { description: 'Item code, stable within its catalog version, e.g. 03-02-001.' })
  code!: string;

  @Field(() => String, { description: 'Catalog version the item belongs to, e.g. national-2024.' })
  version!: string;

  @Field(() => String, { description: '信息名称.' })
  name!: string;

  @Field(() => CatalogCategory, { description: 'Information category (one of the 13 of the 2024 base catalog).' })
  category!: keyof typeof CatalogCategory;

  @Field(() => RecordKind, { description: 'Kind of record the item holds.' })
  recordKind!: keyof typeof RecordKind;

  @Field(() => String, { description: 'Agency system of the one collecting department (一口采集), e.g. SAMR.' })
  provider!: string;

  @Field(() => [String], { description: '纳入依据: the laws, regulations or central policies the item rests on.' })
  legalBasis!: string[];

  @Field(() => ShareScope, { description: '共享属性.' })
  shareScope!: keyof typeof ShareScope;

  @Field(() => PublishScope, { description: '公开属性.' })
  publishScope!: keyof typeof PublishScope;

  @Field(() => Boolean, { description: 'Whether records of the item are findings of dishonesty (need a legally effective document).' })
  dishonesty!: boolean;

  @Field(() => Boolean, { description: 'Whether records of the item may be repaired (信用修复).' })
  repairable!: boolean;
}

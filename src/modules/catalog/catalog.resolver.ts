/** CatalogResolver: the published catalog and the lists published with it. */
import { basisText } from '../../catalog/legal-basis.schema';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { CatalogCategory, MeasureCategory } from '../../graphql/enums';
import { referenceId } from '../../graphql/opaque-id';
import { Action } from '../../shield/field-tags';
import { catalogItemInfo } from '../credit-record/credit-record.view';
import { CatalogItemInfo } from './catalog-item.type';
import { PunishmentMeasureInfo, PurposeInfo, SeriousListTypeInfo } from './catalog.type';

@Resolver()
export class CatalogResolver {
  @Query(() => [CatalogItemInfo], { description: 'Items of the catalogs in force (national base and local supplementary).' })
  @Action('catalog.read')
  catalogItems(
    @Arg('category', () => CatalogCategory, { nullable: true, description: 'Only items of this category.' }) category: keyof typeof CatalogCategory | null,
    @Ctx() ctx: RequestContext,
  ): CatalogItemInfo[] {
    return ctx.services.catalog
      .itemsInForce()
      .filter((i) => !category || i.category === category)
      .map(catalogItemInfo);
  }

  @Query(() => [PunishmentMeasureInfo], { description: 'The punishment-measures list (失信惩戒措施清单) in force.' })
  @Action('catalog.read')
  punishmentMeasures(
    @Arg('category', () => MeasureCategory, { nullable: true, description: 'Only measures of this category.' }) category: keyof typeof MeasureCategory | null,
    @Ctx() ctx: RequestContext,
  ): PunishmentMeasureInfo[] {
    return ctx.services.catalog.bundle.measureLists.flatMap((list) =>
      list.measures
        .filter((m) => !category || m.category === category)
        .map((m) => ({
          id: referenceId('PunishmentMeasure', list.id, m.code),
          code: m.code,
          version: list.id,
          name: m.name,
          category: m.category,
          legalBasis: m.legalBasis.map(basisText),
          implementer: m.implementer,
          targets: m.targets,
          severities: [...m.appliesTo.severities],
          listTypes: [...m.appliesTo.listTypes],
        })),
    );
  }

  @Query(() => [SeriousListTypeInfo], { description: 'The serious-dishonesty list types the law allows, with their standards.' })
  @Action('catalog.read')
  seriousListTypes(@Ctx() ctx: RequestContext): SeriousListTypeInfo[] {
    return ctx.services.catalog.bundle.listTypes.map((t) => ({
      id: referenceId('SeriousListType', t.code),
      code: t.code,
      name: t.name,
      decidingSystem: t.decidingSystem,
      legalBasis: [...t.legalBasis],
      category33: [...t.category33.fields],
      category33Basis: t.category33.basis,
      standardDocument: t.standard.document,
      standardLevel: t.standard.level,
      removalConditions: t.removalConditions,
      removalProcedure: t.removalProcedure,
      remedies: t.remedies,
      listingPeriodYears: t.listingPeriodYears,
    }));
  }

  @Query(() => [PurposeInfo], { description: 'The purpose vocabulary for X-Purpose.' })
  @Action('catalog.read')
  purposes(@Ctx() ctx: RequestContext): PurposeInfo[] {
    return ctx.services.catalog.bundle.purposes.map((p) => ({
      id: referenceId('Purpose', p.code),
      code: p.code,
      name: p.name,
      description: p.description,
      personalDataBasis: p.personalDataBasis,
      declaredBy: [...p.declaredBy],
    }));
  }
}

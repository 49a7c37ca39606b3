/** CatalogPublishingResolver: the catalog versions, and their DRAFT → PUBLISHED → RETIRED workflow. */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { CatalogDraftInput } from './catalog-draft.input';
import { PublishCatalogVersionInput } from './catalog-publish.input';
import { CatalogVersionInfo } from './catalog-version.type';

const versionId = { description: 'Version id, e.g. nanjing-2026.' } as const;

@Resolver()
export class CatalogPublishingResolver {
  @Query(() => [CatalogVersionInfo], { description: 'Catalog and measures-list versions, published and retired (drafts too for catalog administrators).' })
  @Action('catalog.read')
  catalogVersions(@Ctx() ctx: RequestContext) {
    return ctx.services.catalogPublishing.versions(ctx);
  }

  @Mutation(() => CatalogVersionInfo, { description: 'Create a DRAFT version from its text, checked with the whole catalog in force (CATALOG_ADMIN).' })
  @Action('catalog.manage')
  createCatalogDraft(@Arg('input', () => CatalogDraftInput, { description: 'The document text.' }) input: CatalogDraftInput, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogPublishing.createDraft(ctx, input);
  }

  @Mutation(() => CatalogVersionInfo, { description: 'Replace the text of a DRAFT version; a published or retired version never changes (CATALOG_ADMIN).' })
  @Action('catalog.manage')
  updateCatalogDraft(
    @Arg('id', () => String, versionId) id: string,
    @Arg('input', () => CatalogDraftInput, { description: 'The new document text; its id must stay the same.' }) input: CatalogDraftInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.catalogPublishing.updateDraft(ctx, id, input);
  }

  @Mutation(() => CatalogVersionInfo, {
    description: 'DRAFT → PUBLISHED: the version comes into force for the next request (CATALOG_ADMIN of the agency whose power covers it), on its approval and its public consultation (≥ 30 days, closed before the approval), which are kept with it.',
  })
  @Action('catalog.manage')
  publishCatalogVersion(
    @Arg('id', () => String, versionId) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PublishCatalogVersionInput, {
      nullable: true,
      description: 'The approval (批准) and public consultation (公开征求意见) records; publishing without them is refused, naming what is missing.',
    }) input?: PublishCatalogVersionInput | null,
  ) {
    return ctx.services.catalogPublishing.publish(ctx, id, input ?? null);
  }

  @Mutation(() => CatalogVersionInfo, {
    description: 'PUBLISHED → RETIRED: nothing new can be recorded under it; records made under it keep it (CATALOG_ADMIN).',
  })
  @Action('catalog.manage')
  retireCatalogVersion(@Arg('id', () => String, versionId) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.catalogPublishing.retire(ctx, id);
  }
}

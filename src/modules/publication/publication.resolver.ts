/** PublicationResolver: the front page's public figures across subjects. */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { appError } from '../../errors';
import { Action } from '../../shield/field-tags';
import { PublishedCount, PublishedRecord } from './publication.type';

@Resolver()
export class PublicationResolver {
  @Query(() => [PublishedCount], {
    description: 'Records published today per information category, counting only what you may see (the disclosure policy decides); categories with no catalog item are left out.',
  })
  @Action('records.statistics')
  publishedCounts(@Ctx() ctx: RequestContext) {
    return ctx.services.publications.counts(ctx);
  }

  @Query(() => [PublishedRecord], {
    description: 'The latest 双公示 records (行政许可 and 行政处罚) in their publication period, newest publication first, as you may see them.',
  })
  @Action('records.statistics')
  latestPublications(
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many, 1 to 50.' }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 50) throw appError('BAD_USER_INPUT', `first must be 1 to 50, got ${first}`);
    return ctx.services.publications.latest(ctx, first);
  }
}

/** SeriousListResolver: GraphQL mapping of the serious-dishonesty-list procedure and the public listing. */
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import {
  DecideSeriousListingInput, DropSeriousListingInput, NotifySeriousListingInput, RemoveFromSeriousListInput,
  SeriousListEntriesArgs, SeriousListsArgs,
} from './serious-list.input';
import { SeriousListEntry, SeriousListEntryConnection, SeriousListingConnection } from './serious-list.type';

@Resolver()
export class SeriousListResolver {
  @Mutation(() => SeriousListEntry, {
    description:
      '告知 (49号 四(八)): notify a subject of an intended listing, with reasons, basis and its rights. Only the list\'s deciding system, ' +
      'at county level or above, about a subject registered inside your agency\'s area, under a published standard; the objection window is the list type\'s (its timeLimits), in working days on the State Council\'s holiday calendar.',
  })
  @Action('list.manage')
  notifySeriousListing(@Arg('input', () => NotifySeriousListingInput, { description: 'The notice.' }) input: NotifySeriousListingInput, @Ctx() ctx: RequestContext) {
    return ctx.services.seriousLists.notify(ctx, input);
  }

  @Mutation(() => SeriousListEntry, {
    description:
      '决定: list the subject after the objection deadline has passed, with no objection pending, on a decision document. ' +
      'Creates the list\'s credit record in the same transaction; the public then sees it in seriousLists and the subject\'s profile.',
  })
  @Action('list.manage')
  decideSeriousListing(@Arg('input', () => DecideSeriousListingInput, { description: 'The decision.' }) input: DecideSeriousListingInput, @Ctx() ctx: RequestContext) {
    return ctx.services.seriousLists.decide(ctx, input);
  }

  @Mutation(() => SeriousListEntry, {
    description: '移出: end a listing; its record stops being published and the measures applied to it are lifted.',
  })
  @Action('list.manage')
  removeFromSeriousList(@Arg('input', () => RemoveFromSeriousListInput, { description: 'The removal.' }) input: RemoveFromSeriousListInput, @Ctx() ctx: RequestContext) {
    return ctx.services.seriousListRemoval.remove(ctx, input);
  }

  @Mutation(() => SeriousListEntry, { description: 'End a NOTIFIED or OBJECTED procedure without listing.' })
  @Action('list.manage')
  dropSeriousListing(@Arg('input', () => DropSeriousListingInput, { description: 'The entry and why.' }) input: DropSeriousListingInput, @Ctx() ctx: RequestContext) {
    return ctx.services.seriousLists.drop(ctx, input);
  }

  @Query(() => SeriousListEntryConnection, {
    description: 'Serious-list procedures: a department sees the entries its agency or those under it notified, an auditor all, a subject its own. Newest notice first.',
  })
  @Action('list.read')
  seriousListEntries(@Args(() => SeriousListEntriesArgs) args: SeriousListEntriesArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.seriousListQueries.entries(ctx, args);
  }

  @Query(() => SeriousListEntryConnection, {
    description: 'Your own serious-list procedures in every state, with each notice\'s reasons, rights and objection deadline.',
  })
  @Action('list.read')
  mySeriousListEntries(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.seriousListQueries.mine(ctx, page);
  }

  @Query(() => SeriousListingConnection, {
    description:
      'The serious-dishonesty lists (严重失信主体名单) as you may see them: subjects listed today with their list record, newest first. ' +
      'Public: only published records, natural persons only where the catalog makes publication lawful, desensitised.',
  })
  @Action('list.browse')
  seriousLists(@Args(() => SeriousListsArgs) args: SeriousListsArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.seriousListQueries.browse(ctx, args);
  }
}

/** ObjectionResolver: filing, deciding and reading objections (异议). */
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { DecideObjectionInput, FileObjectionInput, ObjectionListArgs } from './objection.input';
import { Objection, ObjectionConnection } from './objection.type';

@Resolver()
export class ObjectionResolver {
  @Mutation(() => Objection, {
    description: 'Object to one of your credit records or a serious-list entry about you (SUBJECT). The record is flagged disputed at once; a notified entry waits for the decision.',
  })
  @Action('objection.file')
  fileObjection(@Arg('input', () => FileObjectionInput, { description: 'The target and your reasons.' }) input: FileObjectionInput, @Ctx() ctx: RequestContext) {
    return ctx.services.objections.file(ctx, input);
  }

  @Mutation(() => Objection, {
    description: 'Decide an objection about a record your system provides or an entry it notified (DEPARTMENT), made or notified by your agency or one under it. Its effects take place in the same transaction.',
  })
  @Action('objection.decide')
  decideObjection(@Arg('input', () => DecideObjectionInput, { description: 'The outcome, the answer, and any field corrections.' }) input: DecideObjectionInput, @Ctx() ctx: RequestContext) {
    return ctx.services.objections.decide(ctx, input);
  }

  @Query(() => ObjectionConnection, { description: 'Your own objections, newest first (SUBJECT).' })
  @Action('objection.read')
  myObjections(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.objections.mine(ctx, page);
  }

  @Query(() => ObjectionConnection, {
    description: 'Objections you handle (DEPARTMENT: about records or entries your agency or those under it made or notified) or all of them (AUDITOR), most urgent first.',
  })
  @Action('objection.read')
  objections(@Args(() => ObjectionListArgs) args: ObjectionListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.objections.list(ctx, args);
  }
}

/** SubjectResolver: GraphQL mapping of subject look-ups. Arguments in, one service call, out. */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { Subject } from './subject.type';

@Resolver(() => Subject)
export class SubjectResolver {
  @Query(() => Subject, {
    nullable: true,
    description:
      'The subject with this unified social credit code (统一社会信用代码), or null when there is none you may see. ' +
      'The code is checked against GB 32100: a malformed code is an INVALID_USCC error, not null.',
  })
  @Action('subject.lookup')
  subject(
    @Arg('code', () => String, { description: '18-character unified social credit code, e.g. 91320100748204660Q.' }) code: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Subject | null> {
    return ctx.services.subjects.lookupByUscc(ctx, code);
  }
}

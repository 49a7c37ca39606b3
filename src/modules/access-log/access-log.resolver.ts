/** AccessLogResolver: reading and verifying the access log. */
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { AccessLogConnection, AccessLogVerification } from './access-log.type';

@Resolver()
export class AccessLogResolver {
  @Query(() => AccessLogConnection, { description: 'Who accessed your data, when, for what purpose and with what outcome (SUBJECT).' })
  @Action('audit.readOwn')
  myAccessLog(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.accessLog.own(ctx, page);
  }

  @Query(() => AccessLogConnection, { description: 'The access log, newest first, optionally filtered (AUDITOR).' })
  @Action('audit.read')
  accessLog(
    @Arg('subjectCode', () => String, { nullable: true, description: 'Only accesses to this subject (USCC).' }) subjectCode: string | null,
    @Arg('requestId', () => String, { nullable: true, description: 'Only this request.' }) requestId: string | null,
    @Arg('agencyCode', () => String, { nullable: true, description: 'Only accesses by this agency.' }) agencyCode: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.accessLog.search({ subjectCode, requestId, agencyCode }, page);
  }

  @Query(() => AccessLogVerification, { description: 'Verifies the access log\'s hash chain end to end (AUDITOR).' })
  @Action('audit.verify')
  verifyAccessLog(@Ctx() ctx: RequestContext): Promise<AccessLogVerification> {
    return ctx.services.accessLog.verify();
  }
}

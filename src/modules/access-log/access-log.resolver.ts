/** AccessLogResolver: reading and verifying the access log. */
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import type { RequestContext } from '../../graphql/context';
import { encodeId } from '../../graphql/opaque-id';
import { Action, Open } from '../../shield/field-tags';
import { AccessLogConnection, AccessLogEntry, AccessLogVerification } from './access-log.type';

@Resolver(() => AccessLogEntry)
export class AccessLogEntryResolver {
  @FieldResolver(() => ID, { description: 'Opaque id to cache the entry under (its position in the log, as every entry id is encoded).' })
  @Open()
  id(@Root() entry: AccessLogEntry): string {
    return encodeId('AccessLogEntry', Number(entry.seq));
  }
}

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

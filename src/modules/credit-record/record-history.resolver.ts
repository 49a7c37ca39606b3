/** RecordHistoryResolver: a credit record's versions. */
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { CreditRecordVersion } from './record-history.type';

@Resolver()
export class RecordHistoryResolver {
  @Query(() => [CreditRecordVersion], {
    description: 'Every change to a credit record, oldest first: who, when, why, on what ground, and the fields before and after (SUBJECT: own records; AUDITOR: any).',
  })
  @Action('record.history')
  creditRecordHistory(
    @Arg('recordId', () => ID, { description: 'The record (CreditRecord id).' }) recordId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CreditRecordVersion[]> {
    return ctx.services.recordHistory.history(ctx, recordId);
  }
}

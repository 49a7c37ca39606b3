/** CreditRecordWriteResolver: recording and revoking credit information (identifying departments). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { RecordCreditInformationInput } from './credit-record.input';
import { CreditRecord } from './credit-record.type';

@Resolver()
export class CreditRecordWriteResolver {
  @Mutation(() => CreditRecord, {
    description:
      'Records credit information of a catalog item in force about one subject, on the legally effective document it ' +
      'rests on (dishonesty items), by the item\'s providing department. Computes the publication window from the ' +
      'regime in force on the decision date, severity and leniency ground. Idempotent: the same call returns the same record.',
  })
  @Action('record.create')
  recordCreditInformation(
    @Arg('input', () => RecordCreditInformationInput, { description: 'The record: subject, item, document, decision, and the item\'s own fields.' })
    input: RecordCreditInformationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.recordWriting.record(ctx, input);
  }

  @Mutation(() => CreditRecord, {
    description:
      'Revokes a record whose decision was withdrawn or annulled (行政处罚法 第四十八条): it is no longer published or shared ' +
      'from this moment. Only the providing department\'s system, within its jurisdiction (the recording agency or one above it); only an ACTIVE record.',
  })
  @Action('record.revoke')
  revokeCreditRecord(
    @Arg('id', () => ID, { description: 'The record\'s id (CreditRecord.id).' }) id: string,
    @Arg('reason', () => String, { description: 'Which decision withdrew or annulled the record\'s basis, and when.' }) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.recordWriting.revoke(ctx, id, reason);
  }
}

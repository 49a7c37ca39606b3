/** ImportResolver: importCreditRecords, the GraphQL face of bulk ingestion (src/ingest). */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { encodeRecordId } from '../credit-record/credit-record.view';
import { encodeListEntryId } from '../serious-list/opaque-id';
import { ImportCreditRecordsInput, ImportKindValue, MAX_IMPORT_ROWS } from './import.input';
import { ImportCreditRecordsResult, ImportRowStatus } from './import.type';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportCreditRecordsResult, {
    description:
      'Records a batch of penalties, licences or serious-list notices from a department system, by the caller\'s agency: every ' +
      'row checked by the rules of recordCreditInformation (or notifySeriousListing), the valid ones written in one ' +
      `transaction, at most ${MAX_IMPORT_ROWS} rows. Idempotent: a row already recorded with the same content is UNCHANGED; ` +
      'with different content it is REJECTED with CONFLICT, never overwritten. Same checks and writer as `npm run import`.',
  })
  @Action('record.create')
  async importCreditRecords(
    @Arg('input', () => ImportCreditRecordsInput, { description: 'The kind and the rows.' }) input: ImportCreditRecordsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportCreditRecordsResult> {
    const agency = ctx.principal.agencyCode ? ctx.services.agencies.get(ctx.principal.agencyCode) : undefined;
    if (!agency) throw appError('FORBIDDEN', 'the token names no known agency; records are imported by an identifying department');
    if (input.rows.length === 0 || input.rows.length > MAX_IMPORT_ROWS) {
      throw appError('BAD_USER_INPUT', `rows: give 1 to ${MAX_IMPORT_ROWS} rows per request, got ${input.rows.length}; split larger files into batches`);
    }
    const outcomes = await ctx.services.imports.importBatch(
      input.rows.map((values, row) => ({ row, values })),
      {
        kind: input.kind, recorder: agency, itemCode: input.itemCode?.trim() || undefined, severity: input.severity ?? undefined,
        now: ctx.now, dryRun: input.dryRun ?? false, official: ctx.principal.id,
      },
    );
    const encode = input.kind === ImportKindValue.LIST ? encodeListEntryId : encodeRecordId;
    const rows = outcomes.map((o) => ({
      row: o.row,
      status: o.status as ImportRowStatus,
      field: o.field ?? null,
      code: o.code ?? null,
      reason: o.reason ?? null,
      detail: o.detail ?? null,
      recordId: o.recordId === undefined ? null : encode(o.recordId),
    }));
    const count = (s: ImportRowStatus) => rows.filter((r) => r.status === s).length;
    return { written: count(ImportRowStatus.WRITTEN), unchanged: count(ImportRowStatus.UNCHANGED), rejected: count(ImportRowStatus.REJECTED), rows };
  }
}

/** ImportResolver: importCreditRecords, the GraphQL face of bulk ingestion (src/ingest). */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { encodeRecordId } from '../credit-record/credit-record.view';
import { encodeListEntryId } from '../serious-list/opaque-id';
import type { RowOutcome } from '../../ingest/row-outcome';
import { ImportCreditRecordsInput, ImportKindValue, ImportRegisterInput, MAX_IMPORT_ROWS, RegisterKindValue } from './import.input';
import { ImportCreditRecordsResult, ImportRowOutcome, ImportRowStatus } from './import.type';

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
        now: ctx.now, dryRun: input.dryRun ?? false, official: ctx.principal.id, registerSubjects: input.registerSubjects ?? false,
      },
    );
    return resultOf(outcomes, input.kind === ImportKindValue.LIST ? encodeListEntryId : encodeRecordId);
  }

  @Mutation(() => ImportCreditRecordsResult, {
    description:
      'Enters register rows — subjects from the market-regulation and person registers, or agencies — with the checks, outcomes and ' +
      `idempotence of importCreditRecords, at most ${MAX_IMPORT_ROWS} rows in one transaction. Each row must be within the caller's powers: ` +
      'subjects by the system providing their kind\'s registration item (SAMR organisations, MPS persons) within its area; agencies by ' +
      'the social-credit platform of their area. Same checks and writer as `npm run import`.',
  })
  @Action('register.import')
  async importRegister(
    @Arg('input', () => ImportRegisterInput, { description: 'The register and its rows.' }) input: ImportRegisterInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportCreditRecordsResult> {
    const agency = ctx.principal.agencyCode ? ctx.services.agencies.get(ctx.principal.agencyCode) : undefined;
    if (!agency) throw appError('FORBIDDEN', 'the token names no known agency; registers are entered by an agency within its powers');
    if (input.rows.length === 0 || input.rows.length > MAX_IMPORT_ROWS) {
      throw appError('BAD_USER_INPUT', `rows: give 1 to ${MAX_IMPORT_ROWS} rows per request, got ${input.rows.length}; split larger files into batches`);
    }
    const outcomes = await ctx.services.imports.importBatch(
      input.rows.map((values, row) => ({ row, values })),
      { kind: input.kind, actor: agency, now: ctx.now, dryRun: input.dryRun ?? false },
    );
    // The directory answers every request from memory: new agencies count from the next one.
    if (input.kind === RegisterKindValue.AGENCY && !input.dryRun && outcomes.some((o) => o.status === 'WRITTEN')) await ctx.services.agencies.reload();
    return resultOf(outcomes, () => null);
  }
}

function resultOf(outcomes: readonly RowOutcome[], encode: (id: number) => string | null): ImportCreditRecordsResult {
  const rows = outcomes.map((o) => ({
    row: o.row,
    status: o.status as ImportRowStatus,
    field: o.field ?? null,
    code: o.code ?? null,
    reason: o.reason ?? null,
    detail: o.detail ?? null,
    recordId: o.recordId === undefined ? null : encode(o.recordId),
    derivedSeverity: (o.derivedSeverity?.severity ?? null) as ImportRowOutcome['derivedSeverity'],
    derivedSeverityBasis: o.derivedSeverity?.because ?? null,
    registeredSubject: o.registeredSubject !== undefined,
  }));
  const count = (s: ImportRowStatus) => rows.filter((r) => r.status === s).length;
  return { written: count(ImportRowStatus.WRITTEN), unchanged: count(ImportRowStatus.UNCHANGED), rejected: count(ImportRowStatus.REJECTED), rows };
}

/** Results of importCreditRecords (its input: import.input.ts). */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Open } from '../../shield/field-tags';

export enum ImportRowStatus { WRITTEN = 'WRITTEN', UNCHANGED = 'UNCHANGED', REJECTED = 'REJECTED' }
registerEnumType(ImportRowStatus, {
  name: 'ImportRowStatus',
  description: 'WRITTEN: recorded now. UNCHANGED: the same record (same natural key and content) was already there. REJECTED: see code and reason.',
});

@ObjectType({ description: 'What happened to one row.' })
@Open()
export class ImportRowOutcome {
  @Field(() => Int, { description: 'Position of the row in `rows`, from 0.' })
  row!: number;

  @Field(() => ImportRowStatus)
  status!: ImportRowStatus;

  @Field(() => String, { nullable: true, description: 'The column (as the row named it) the rejection concerns.' })
  field?: string | null;

  @Field(() => String, { nullable: true, description: 'Stable error code of the rejection (INVALID_USCC, NOT_IN_CATALOG, CONFLICT…).' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Why, in Chinese.' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'The validator\'s message, naming the input path and what would be accepted.' })
  detail?: string | null;

  @Field(() => ID, { nullable: true, description: 'The record written or found (CreditRecord.id; SeriousListEntry.id for LIST).' })
  recordId?: string | null;
}

@ObjectType({ description: 'Totals and per-row outcomes of one import batch.' })
@Open()
export class ImportCreditRecordsResult {
  @Field(() => Int) written!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => [ImportRowOutcome], { description: 'One outcome per row, in the order of `rows`.' })
  rows!: ImportRowOutcome[];
}

/** Results of importCreditRecords and importRegister (their inputs: import.input.ts). */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Severity } from '../../graphql/enums';
import { Open } from '../../shield/field-tags';

export enum ImportRowStatus { WRITTEN = 'WRITTEN', UNCHANGED = 'UNCHANGED', REJECTED = 'REJECTED' }
registerEnumType(ImportRowStatus, {
  name: 'ImportRowStatus',
  valuesConfig: {
    WRITTEN: { description: 'Recorded now.' },
    UNCHANGED: { description: 'The same record (same natural key and content) was already there.' },
    REJECTED: { description: 'Not recorded: see code and reason.' },
  },
  description: 'WRITTEN: recorded now. UNCHANGED: the same record (same natural key and content) was already there. REJECTED: see code and reason.',
});


@ObjectType({ description: 'What happened to one row.' })
@Open()
export class ImportRowOutcome {
  @Field(() => Int, { description: 'Position of the row in `rows`, from 0.' })
  row!: number;

  @Field(() => ImportRowStatus, { description: 'What became of the row.' })
  status!: ImportRowStatus;

  @Field(() => String, { nullable: true, description: 'The column (as the row named it) the rejection concerns.' })
  field?: string | null;

  @Field(() => String, { nullable: true, description: 'Stable error code of the rejection (INVALID_USCC, NOT_IN_CATALOG, CONFLICT…).' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Why, in Chinese.' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'The validator\'s message, naming the input path and what would be accepted.' })
  detail?: string | null;

  @Field(() => ID, { nullable: true, description: 'The record written or found (CreditRecord.id; SeriousListEntry.id for LIST); null for register rows.' })
  recordId?: string | null;

  @Field(() => Severity, { nullable: true, description: 'The 失信严重程度 the row did not state, derived from the regime\'s criteria (处罚类别, 罚款金额); see derivedSeverityBasis.' })
  derivedSeverity?: keyof typeof Severity | null;

  @Field(() => String, { nullable: true, description: 'How derivedSeverity was derived: the regime and the facts it read.' })
  derivedSeverityBasis?: string | null;

  @Field(() => Boolean, { description: 'True when this row registered its subject (registerSubjects).' })
  registeredSubject!: boolean;
}

@ObjectType({ description: 'Totals and per-row outcomes of one import batch.' })
@Open()
export class ImportCreditRecordsResult {
  @Field(() => Int, { description: 'Rows recorded now.' }) written!: number;
  @Field(() => Int, { description: 'Rows whose record was already there, unchanged.' }) unchanged!: number;
  @Field(() => Int, { description: 'Rows refused (see rows for why); nothing of them was written.' }) rejected!: number;
  @Field(() => [ImportRowOutcome], { description: 'One outcome per row, in the order of `rows`.' })
  rows!: ImportRowOutcome[];
}

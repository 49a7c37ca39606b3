/** Input of importCreditRecords: the bulk path of department systems (一口采集); its results: import.type.ts. */
import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { JSONObjectResolver } from 'graphql-scalars';
import { Field, InputType, registerEnumType } from 'type-graphql';
import { Severity } from '../../graphql/enums';

/** Rows per request: one transaction, one response the caller can read row by row. */
export const MAX_IMPORT_ROWS = 1000;

export enum ImportKindValue { PENALTY = 'penalty', LICENCE = 'licence', LIST = 'list' }
registerEnumType(ImportKindValue, {
  name: 'ImportKind',
  description: 'What the rows hold: 行政处罚 (PENALTY), 行政许可 (LICENCE), or serious-list notices (LIST, 告知 with an objection window).',
});

@InputType({ description: 'A batch of 双公示 rows recorded by the caller\'s agency, checked and written as recordCreditInformation would, in one transaction.' })
export class ImportCreditRecordsInput {
  @Field(() => ImportKindValue)
  kind!: ImportKindValue;

  @Field(() => [JSONObjectResolver], {
    description:
      `Up to ${MAX_IMPORT_ROWS} rows, each an object keyed by the columns of the 双公示 standard as in a file for \`npm run import\`: ` +
      'Chinese headers (行政相对人名称, 统一社会信用代码, 行政处罚决定书文号, 处罚决定日期, 罚款金额（万元）…), column codes (CF_WSH…) ' +
      'or Credit China JSON names (cf_wsh…). Values are strings (numbers accepted for amounts).',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  rows!: Array<Record<string, unknown>>;

  @Field(() => String, { nullable: true, description: 'Catalog item of rows without 目录项编码; default: the one item of this kind your system provides.' })
  itemCode?: string | null;

  @Field(() => Severity, { nullable: true, description: 'Severity of penalty rows without 失信严重程度 (the 双公示 standard has no such column): your finding.' })
  severity?: keyof typeof Severity | null;

  @Field(() => Boolean, { nullable: true, description: 'Check every row against the database and write nothing.' })
  dryRun?: boolean | null;
}

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
  valuesConfig: {
    PENALTY: { description: '行政处罚 rows.' },
    LICENCE: { description: '行政许可 rows.' },
    LIST: { description: 'Serious-list notices (告知, with an objection window).' },
  },
  description: 'What the rows hold: 行政处罚 (PENALTY), 行政许可 (LICENCE), or serious-list notices (LIST, 告知 with an objection window).',
});

@InputType({ description: 'A batch of 双公示 rows recorded by the caller\'s agency, checked and written as recordCreditInformation would, in one transaction.' })
export class ImportCreditRecordsInput {
  @Field(() => ImportKindValue, { description: 'What the rows hold; decides which columns they are read by.' })
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

  @Field(() => Boolean, {
    nullable: true,
    description: 'Register a respondent not yet registered from the row\'s own columns (行政相对人名称, 行政相对人类别, 统一社会信用代码 or 证件号码, ' +
      '法定代表人), with its record: a department registers the respondents of its own decisions. The outcome marks the rows that did (registeredSubject).',
  })
  registerSubjects?: boolean | null;
}

export enum RegisterKindValue { SUBJECT = 'subject', AGENCY = 'agency' }
registerEnumType(RegisterKindValue, {
  name: 'RegisterKind',
  description: 'Which register a batch of rows comes from.',
  valuesConfig: {
    SUBJECT: { description: 'Subjects: organisations and individual businesses as the market-regulation register publishes them (统一社会信用代码, 名称, 类型, 法定代表人/经营者, 住所, 成立日期, 登记机关, 登记状态), natural persons as the person register gives them.' },
    AGENCY: { description: 'Agencies: the agency registry (机关代码, 机关名称, 层级, 系统, 行政区划代码).' },
  },
});

@InputType({ description: 'A batch of register rows (subjects or agencies), checked and entered in one transaction within the caller\'s powers.' })
export class ImportRegisterInput {
  @Field(() => RegisterKindValue, { description: 'The register the rows come from: subjects or agencies.' })
  kind!: RegisterKindValue;

  @Field(() => [JSONObjectResolver], {
    description:
      `Up to ${MAX_IMPORT_ROWS} rows keyed by the register's columns as in a file for \`npm run import\`: subjects 统一社会信用代码 (or 公民身份号码), 名称 ` +
      '(姓名), 类型, 法定代表人, 住所, 成立日期, 登记机关, 登记状态, 注册资本, 经营范围; agencies 机关代码, 机关名称, 统一社会信用代码, 层级, 类别, 系统, 行政区划代码.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  rows!: Array<Record<string, unknown>>;

  @Field(() => Boolean, { nullable: true, description: 'Check every row against the database and write nothing.' })
  dryRun?: boolean | null;
}

/**
 * The public credit information report (公共信用信息报告) as GraphQL returns it. The report's
 * own structure (number, time, edition, counts, headings, notes) carries no credit information
 * and is open; everything about the subject is the existing `Subject` and `CreditRecord`
 * objects, guarded field by field by their own tags and the decisions riding on them, exactly
 * as in `subject { profile }`. The sections are generated from the record-kind descriptors.
 */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CountOfDisclosed, Open } from '../../shield/field-tags';
import { CreditRecord } from '../credit-record/credit-record.type';
import { Subject } from '../subject/subject.type';
import { REPORT_SECTIONS, SECTION_RECORD_LIMIT, sectionDescription, type ReportSectionKey } from './report-sections';

export enum ReportEdition {
  PUBLIC = 'PUBLIC',
  FULL = 'FULL',
}
registerEnumType(ReportEdition, {
  name: 'ReportEdition',
  valuesConfig: {
    PUBLIC: { description: '公开版: what the catalog publishes, natural persons desensitised.' },
    FULL: { description: '完整版: everything the caller may see beyond the public edition.' },
  },
  description:
    'PUBLIC (公开版): what the catalog publishes, inside its publication period, natural persons desensitised. ' +
    'FULL (完整版): the caller may see more than the public — its own data, data it provides, or data shared with it for the declared purpose.',
});

@ObjectType({ description: 'One section of the report: its records you may see, newest decision first.' })
@Open()
export class CreditReportSection {
  @Field(() => String, { description: 'Heading as printed, e.g. 行政处罚信息.' })
  title!: string;

  @Field(() => Int, { description: 'How many records of this section you may see (all of them, whatever `records` lists).' })
  @CountOfDisclosed()
  totalCount!: number;

  @Field(() => [CreditRecord], { description: `The records, newest decision first; at most ${SECTION_RECORD_LIMIT} (see totalCount).` })
  records!: CreditRecord[];
}

@ObjectType({ description: '信用信息概要: how many records each section holds for you.' })
@Open()
@CountOfDisclosed()
export class CreditReportSummary {
  @Field(() => Int, { description: 'All records of the report.' }) total!: number;
}
export interface CreditReportSummary extends Record<ReportSectionKey, number> {}

@ObjectType({
  description:
    '公共信用信息报告: a subject\'s public credit information by the sections of the report standard, as you may see it. ' +
    'It states facts only: no score, no grade.',
})
@Open()
export class CreditReport {
  @Field(() => String, { description: 'Report number (报告编号), unique: XYBG-<date of generation, China time>-<10 random base32 characters>.' })
  reportNumber!: string;

  @Field(() => DateTimeResolver, { description: 'When the report was generated; every date rule in it applies as of this instant.' })
  generatedAt!: Date;

  @Field(() => ReportEdition, { description: 'Which edition your role and declared purpose give you.' })
  edition!: ReportEdition;

  @Field(() => CreditReportSummary, { description: '信用信息概要.' })
  summary!: CreditReportSummary;

  @Field(() => Subject, { description: '一、登记注册基础信息: the subject\'s registration information, field by field as disclosed to you.' })
  registration!: Subject;

  @Field(() => [String], { description: '报告说明: what the report is and is not, what this edition contains, and the remedies (objection, credit repair).' })
  notes!: string[];
}
export interface CreditReport extends Record<ReportSectionKey, CreditReportSection> {}

// The sections, one per record kind, from the record-kind descriptors (report-sections.ts).
for (const section of REPORT_SECTIONS) {
  Field(() => Int, { description: `${section.label}.` })(CreditReportSummary.prototype, section.key);
  Field(() => CreditReportSection, { description: sectionDescription(section) })(CreditReport.prototype, section.key);
}

/**
 * The record sections of the public credit information report, in the order of the 公共信用信息报告
 * standard (domain.md §8): 行政管理 (licences, penalties), 诚实守信相关荣誉, 严重失信主体名单,
 * 经营（活动）异常名录, 信用承诺, 信用评价, 司法判决及执行. Registration (一) and the notes (报告说明)
 * are not record sections. Each record kind belongs to exactly one section, so the sections
 * partition the records the viewer may see and their counts add up to the profile's.
 */
import type { StoredRecordKind } from '../credit-record/credit-record.type';

export const REPORT_SECTIONS = [
  { key: 'licences', title: '行政许可信息', kind: 'LICENCE' },
  { key: 'penalties', title: '行政处罚信息', kind: 'PENALTY' },
  { key: 'honours', title: '诚实守信相关荣誉信息', kind: 'HONOUR' },
  { key: 'seriousLists', title: '严重失信主体名单信息', kind: 'SERIOUS_LIST' },
  { key: 'anomalies', title: '经营（活动）异常名录信息', kind: 'BUSINESS_ANOMALY' },
  { key: 'commitments', title: '信用承诺信息', kind: 'COMMITMENT' },
  { key: 'evaluations', title: '信用评价信息', kind: 'EVALUATION' },
  { key: 'judicial', title: '司法判决及执行信息', kind: 'COURT_ENFORCEMENT' },
] as const satisfies readonly { key: string; title: string; kind: StoredRecordKind }[];

export type ReportSectionKey = (typeof REPORT_SECTIONS)[number]['key'];

/**
 * Most records a section lists. A report is a document, not a page of a list: it lists every
 * record up to this bound (newest decision first) and always states the full count, so a
 * subject with thousands of licences still gets a report that prints in reasonable time.
 */
export const SECTION_RECORD_LIMIT = 200;

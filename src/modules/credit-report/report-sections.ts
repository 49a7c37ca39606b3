/**
 * The record sections of the public credit information report, in the order of the 公共信用信息报告
 * standard (domain.md §8): 行政管理 (licences, penalties), 诚实守信相关荣誉, 严重失信主体名单,
 * 经营（活动）异常名录, 信用承诺, 信用评价, 司法判决及执行. Registration (一) and the notes (报告说明)
 * are not record sections. Each record kind is exactly one section (its descriptor's `report`,
 * src/catalog/record-kind.descriptors.ts), so the sections partition the records the viewer may
 * see and their counts add up to the profile's.
 */
import {
  RECORD_KIND_DESCRIPTORS, STORED_RECORD_KINDS, type ReportSectionKey, type ReportSectionSpec,
} from '../../catalog/record-kind.descriptors';
import type { StoredRecordKind } from '../../catalog/record-kinds';

export type { ReportSectionKey };

export interface ReportSection extends ReportSectionSpec {
  readonly key: ReportSectionKey;
  readonly kind: StoredRecordKind;
}

/** One numbered part of the report: its heading (二、行政管理信息) and its sections. */
export interface ReportPart {
  readonly numeral: string;
  readonly title: string;
  readonly sections: readonly ReportSection[];
}

/** Every section, in report order. */
export const REPORT_SECTIONS: readonly ReportSection[] = STORED_RECORD_KINDS
  .map((kind) => ({ ...RECORD_KIND_DESCRIPTORS[kind].report, kind }))
  .sort((a, b) => a.order - b.order);

const DIGITS = '零一二三四五六七八九';

/** 2 → 二, 10 → 十, 12 → 十二, 21 → 二十一 (the report has far fewer than a hundred parts). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

/** The numbered parts after 一、登记注册基础信息, in the order of their first section. */
export const REPORT_PARTS: readonly ReportPart[] = REPORT_SECTIONS.reduce<ReportPart[]>((parts, s) => {
  const part = parts.find((p) => p.title === s.part);
  if (part) (part.sections as ReportSection[]).push(s);
  else parts.push({ numeral: chineseNumeral(parts.length + 2), title: s.part, sections: [s] });
  return parts;
}, []);

/** The SDL description of a section's field of CreditReport, e.g. 二、行政管理信息: 行政许可. */
export function sectionDescription(s: ReportSection): string {
  const part = REPORT_PARTS.find((p) => p.sections.includes(s))!;
  const heading = part.sections.length > 1 ? `${part.numeral}、${part.title}: ${s.label}` : `${part.numeral}、${s.title}`;
  return `${heading}${s.note ? ` (${s.note})` : ''}.`;
}

/**
 * Most records a section lists. A report is a document, not a page of a list: it lists every
 * record up to this bound (newest decision first) and always states the full count, so a
 * subject with thousands of licences still gets a report that prints in reasonable time.
 */
export const SECTION_RECORD_LIMIT = 200;

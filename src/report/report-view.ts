/**
 * What a renderer prints: the report as headings, rows of label and value, and counts, in
 * plain data only. Kept apart from report-model.ts (which builds it from the GraphQL result)
 * so that a PDF worker thread can load the renderer without graphql and type-graphql, and so
 * that the view crosses to the worker by structured clone.
 */

export const WITHHELD = '不予公开';

/** Printed instead of a table of fourteen 不予公开 rows (a natural person's registration, for the public). */
export const NO_REGISTRATION = '无可列示的登记注册信息（依公共信用信息目录不予公开）。';

/** Whether the registration table has anything to show beyond withheld fields. */
export function registrationShown(v: ReportView): boolean {
  return v.registration.some((r) => !r.withheld);
}

export interface Row {
  label: string;
  value: string;
  withheld: boolean;
}

export interface RecordBlock {
  heading: string;
  rows: Row[];
}

export interface SectionBlock {
  title: string;
  totalCount: number;
  records: RecordBlock[];
}

export interface ReportGroup {
  /** 二、行政管理信息 … */
  heading: string;
  sections: SectionBlock[];
}

export interface ReportView {
  reportNumber: string;
  /** 'YYYY-MM-DD HH:mm:ss', China Standard Time. */
  generatedAt: string;
  edition: '公开版' | '完整版';
  digest: string;
  /** 校验码: the digest's first 16 hex digits as printed (report-verification.ts). */
  checkCode: string;
  /** The /verify page with this report's number and 校验码, and its QR code ('1' = dark module, a row per line). */
  verifyUrl: string;
  qr: string[];
  subjectName: string;
  subjectCode: string;
  summary: Array<{ label: string; count: number }>;
  total: number;
  registration: Row[];
  groups: ReportGroup[];
  notes: string[];
}

/**
 * Builds the presentation model both renderers print (report-view.ts): the executed
 * `creditReport` result turned into headings, rows of label and value, and counts. A field
 * the policy withheld (an error at its path) prints as 不予公开; a field that is simply empty
 * is left out. Nothing here decides disclosure: it only reads what the operation returned.
 */
import type { GraphQLFormattedError } from 'graphql';
import { REPORT_PARTS, REPORT_SECTIONS, type ReportSection } from '../modules/credit-report/report-sections';
import type { RecordFieldSpec } from '../catalog/record-kinds';
import { printedFields, REGISTRATION_FIELDS, type CreditReportData, type ReportRecordData } from './report-query';
import { formatWan } from './report-amount';
import { reportDigest } from './report-digest';
import { checkCodeOf } from '../modules/credit-report/report-verification';
import { qrModules } from './report-qr';
import { WITHHELD, type ReportView, type Row, type SectionBlock } from './report-view';

/** Registration fields that do not exist for a kind of subject: left out rather than printed as withheld. */
const NOT_APPLICABLE: Record<string, readonly string[]> = {
  LEGAL_PERSON: ['idNumber'],
  INDIVIDUAL_BUSINESS: ['idNumber'],
  NATURAL_PERSON: ['uscc', 'legalRepresentative', 'legalRepIdNumber', 'entityType', 'registeredCapital', 'registrationAuthority', 'businessScope'],
};

const SEVERITY: Record<string, string> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };
const STATUS: Record<string, string> = { ACTIVE: '有效', REPAIRED: '已修复', REVOKED: '已撤销' };
const SUBJECT_KIND: Record<string, string> = { LEGAL_PERSON: '法人及非法人组织', INDIVIDUAL_BUSINESS: '个体工商户', NATURAL_PERSON: '自然人' };

/** Where the portal is when PUBLIC_BASE_URL is not configured (embedded development). */
export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:4000';

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

export function shanghaiTime(iso: string): string {
  return SHANGHAI.format(new Date(iso));
}

/** Paths (joined with '.') of the fields the policy withheld. */
function withheldPaths(errors: readonly GraphQLFormattedError[] | undefined): Set<string> {
  return new Set((errors ?? []).filter((e) => e.path && e.path.length > 2).map((e) => e.path!.join('.')));
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

function row(label: string, value: unknown, withheld: boolean): Row | null {
  if (withheld) return { label, value: WITHHELD, withheld: true };
  const t = text(value);
  return t === null ? null : { label, value: t, withheld: false };
}

/** A field's row; amounts (DECIMAL, in 万元) carry their unit in the value (37.6 亿元), not in the label. */
function fieldRow(f: RecordFieldSpec, value: unknown, withheld: boolean): Row | null {
  if (f.type !== 'DECIMAL') return row(f.label, value, withheld);
  const t = text(value);
  return row(f.label.replace(/（万元）$/, ''), t === null ? null : formatWan(t), withheld);
}

function envelopeRows(r: ReportRecordData, at: string, hidden: Set<string>): Row[] {
  const window = r.publicationStart ? `${r.publicationStart} 至 ${r.publicationEnd ?? '长期'}` : null;
  return [
    row('记录编号', r.recordNumber, hidden.has(`${at}.recordNumber`)),
    row('信息事项', r.catalogItem ? `${r.catalogItem.name}（${r.catalogItem.code}）` : null, hidden.has(`${at}.catalogItem`)),
    row('决定日期', r.decisionDate, hidden.has(`${at}.decisionDate`)),
    row('失信程度', r.severity ? (SEVERITY[r.severity] ?? r.severity) : null, hidden.has(`${at}.severity`)),
    row('公示期限', window, hidden.has(`${at}.publicationStart`)),
    row('记录状态', r.recordStatus ? (STATUS[r.recordStatus] ?? r.recordStatus) : null, hidden.has(`${at}.recordStatus`)),
    r.disputed ? row('异议', '该信息有尚在处理中的异议', false) : null,
  ].filter((x): x is Row => x !== null);
}

function sectionBlock(data: CreditReportData, { key, kind }: ReportSection, hidden: Set<string>): SectionBlock {
  const section = data[key];
  return {
    title: section.title,
    totalCount: section.totalCount,
    records: section.records.map((r, i) => {
      const at = `creditReport.${key}.records.${i}`;
      const own = printedFields(kind)
        .map((f) => fieldRow(f, r[f.key], hidden.has(`${at}.${f.key}`)))
        .filter((x): x is Row => x !== null);
      return { heading: `${i + 1}. ${r.catalogItem?.name ?? section.title}`, rows: [...envelopeRows(r, at, hidden), ...own] };
    }),
  };
}

/** Who the report is about, as far as the caller may see: registration first, else the court list record. */
function subjectLine(data: CreditReportData): { name: string; code: string } {
  const reg = data.registration;
  const person = data.judicial.records[0];
  const name = text(reg.name) ?? text(person?.personName) ?? WITHHELD;
  const code = text(reg.uscc) ?? text(reg.idNumber) ?? text(person?.respondentIdNumber) ?? WITHHELD;
  return { name, code };
}

/**
 * The view of an executed report. `publicBaseUrl` is the portal's configured address (never the
 * request's Host: a QR code pointing elsewhere would vouch for a look-alike verification page).
 */
export function buildReportView(data: CreditReportData, errors: readonly GraphQLFormattedError[] | undefined, publicBaseUrl = DEFAULT_PUBLIC_BASE_URL): ReportView {
  const hidden = withheldPaths(errors);
  const digest = reportDigest(data);
  const checkCode = checkCodeOf(digest);
  const verifyUrl = `${publicBaseUrl.replace(/\/+$/, '')}/verify?n=${encodeURIComponent(data.reportNumber)}&c=${checkCode.replaceAll(' ', '')}`;
  const { name, code } = subjectLine(data);
  const kind = typeof data.registration.subjectKind === 'string' ? data.registration.subjectKind : undefined;
  const registration = REGISTRATION_FIELDS.filter((f) => !NOT_APPLICABLE[kind ?? '']?.includes(f.key)).map((f) => {
    const value = f.key === 'subjectKind' && typeof data.registration[f.key] === 'string'
      ? SUBJECT_KIND[data.registration[f.key] as string]
      : data.registration[f.key];
    return fieldRow(f, value, hidden.has(`creditReport.registration.${f.key}`));
  }).filter((x): x is Row => x !== null);
  return {
    reportNumber: data.reportNumber,
    generatedAt: shanghaiTime(data.generatedAt),
    edition: data.edition === 'FULL' ? '完整版' : '公开版',
    digest,
    checkCode,
    verifyUrl,
    qr: qrModules(verifyUrl),
    subjectName: name,
    subjectCode: code,
    summary: REPORT_SECTIONS.map((s) => ({ label: data[s.key].title, count: data.summary[s.key] })),
    total: data.summary.total,
    registration,
    // The report standard's numbered parts after 一、登记注册基础信息 (record-kind descriptors).
    groups: REPORT_PARTS.map((part) => {
      const sections = part.sections.map((s) => sectionBlock(data, s, hidden));
      const title = part.sections.length === 1 ? sections[0]!.title : part.title;
      return { heading: `${part.numeral}、${title}`, sections };
    }),
    notes: data.notes,
  };
}

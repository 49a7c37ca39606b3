/**
 * The one operation the report pages run: `creditReport` with every section, the record fields
 * worth printing and the registration fields. Generated from the record-kind field lists and
 * descriptors, so a field or kind added is printed without touching this file; the text is deterministic, so a
 * deployment with a partner allow-list can register it (its sha256 is REPORT_DOCUMENT_SHA256).
 */
import { RECORD_KIND_DESCRIPTORS } from '../catalog/record-kind.descriptors';
import { RECORD_KINDS, type RecordFieldSpec, type StoredRecordKind } from '../catalog/record-kinds';
import { REPORT_SECTIONS, type ReportSectionKey } from '../modules/credit-report/report-sections';
import { sha256Hex } from '../http/persisted-operations';

/** Identification metadata a reader does not need on paper (the authority's own USCC, ID document types). */
const NOT_PRINTED = (key: string) => key.endsWith('Uscc') || key === 'idType' || key === 'legalRepIdType';

/** The fields of a record kind the report prints, in the kind's order. */
export function printedFields(kind: StoredRecordKind): readonly RecordFieldSpec[] {
  return (RECORD_KINDS[kind] as readonly RecordFieldSpec[]).filter((f) => !NOT_PRINTED(f.key));
}

/** Registration fields, in print order, with their labels (REGISTRATION of record-kinds.ts). */
export const REGISTRATION_FIELDS: readonly RecordFieldSpec[] = RECORD_KINDS.REGISTRATION;

const ENVELOPE = 'recordNumber catalogItem { code name } decisionDate severity publicationStart publicationEnd recordStatus disputed';

function sectionSelection(key: ReportSectionKey, kind: StoredRecordKind): string {
  const fields = printedFields(kind).map((f) => f.key).join(' ');
  return `    ${key} { title totalCount records { ${ENVELOPE} ... on ${RECORD_KIND_DESCRIPTORS[kind].typeName} { ${fields} } } }`;
}

export const REPORT_OPERATION_NAME = 'CreditReportDocument';

export const REPORT_DOCUMENT = [
  `query ${REPORT_OPERATION_NAME}($code: String!) {`,
  '  creditReport(code: $code) {',
  '    reportNumber generatedAt edition notes',
  `    summary { ${REPORT_SECTIONS.map((s) => s.key).join(' ')} total }`,
  `    registration { ${REGISTRATION_FIELDS.map((f) => f.key).join(' ')} }`,
  ...REPORT_SECTIONS.map((s) => sectionSelection(s.key, s.kind)),
  '  }',
  '}',
].join('\n');

export const REPORT_DOCUMENT_SHA256 = sha256Hex(REPORT_DOCUMENT);

type Value = string | number | boolean | null;

export interface ReportRecordData {
  catalogItem: { code: string; name: string } | null;
  decisionDate: string | null;
  severity: string | null;
  publicationStart: string | null;
  publicationEnd: string | null;
  recordStatus: string | null;
  disputed: boolean | null;
  [field: string]: Value | { code: string; name: string } | null;
}

export interface ReportSectionData {
  title: string;
  totalCount: number;
  records: ReportRecordData[];
}

/** `data.creditReport` of REPORT_DOCUMENT. */
export type CreditReportData = {
  reportNumber: string;
  generatedAt: string;
  edition: 'PUBLIC' | 'FULL';
  notes: string[];
  summary: Record<ReportSectionKey | 'total', number>;
  registration: Record<string, Value>;
} & Record<ReportSectionKey, ReportSectionData>;

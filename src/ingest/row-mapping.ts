/**
 * From a raw row (cells by header) to the recording request the write path takes: headers
 * resolved through the header table, blank cells dropped, dates and enumerations written the
 * usual ways in exported spreadsheets brought to the one form the validators accept. Rules
 * (checksums, catalog, periods) are not checked here: that is record-request.ts's job, for
 * this path and recordCreditInformation alike.
 */
import { SEVERITIES, LENIENCY_GROUNDS } from '../catalog/catalog.schema';
import { SECTORS } from '../catalog/vocabulary.schema';
import { appError, type AppError } from '../errors';
import type { RecordCreditInformationInput } from '../modules/credit-record/credit-record.input';
import { RECORD_KINDS } from '../catalog/record-kinds';
import { labelOf, lookupHeader, REQUIRED_COLUMNS, type ImportKind, type Target } from './header-table';
import type { RawRow } from './row-source';

/** A row with its cells resolved to targets, and which column fed each target. */
export interface MappedRow {
  readonly row: number;
  readonly values: ReadonlyMap<Target, string>;
  readonly columns: ReadonlyMap<Target, string>;
}

/** A problem found in one row: the target (or input path) it concerns, and the error. */
export class RowProblem extends Error {
  constructor(readonly target: string, readonly error: AppError) {
    super(error.message);
  }
}

export const problem = (target: string, code: Parameters<typeof appError>[0], message: string) =>
  new RowProblem(target, appError(code, message));

/** Resolves headers; a column the table does not know is a problem of the row (JSON Lines, GraphQL). */
export function mapRow(kind: ImportKind, raw: RawRow): MappedRow {
  if (raw.unreadable !== undefined) throw problem('row', 'BAD_USER_INPUT', raw.unreadable);
  const values = new Map<Target, string>();
  const columns = new Map<Target, string>();
  for (const [header, cell] of Object.entries(raw.values ?? {})) {
    const entry = lookupHeader(kind, header);
    if (!entry) throw problem(header, 'BAD_USER_INPUT', `column ${header} is not a ${kind} column of the 双公示 standard this import reads (see README, Bulk import)`);
    const text = cellText(header, cell);
    for (const target of entry.to) {
      columns.set(target, header);
      if (text !== '') values.set(target, text);
    }
  }
  return { row: raw.row, values, columns };
}

/** The first column the standard requires that the row leaves blank, as a problem of the row. */
export function checkRequired(kind: ImportKind, row: MappedRow): void {
  const missing = REQUIRED_COLUMNS[kind].find((t) => !row.values.has(t));
  if (missing) {
    throw problem(missing, 'BAD_USER_INPUT', `${labelOf(kind, missing)} is required by the 双公示 standard and is blank or absent in this row`);
  }
}

function cellText(header: string, cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  throw problem(header, 'BAD_USER_INPUT', `column ${header}: give a string or a number, got ${JSON.stringify(cell)}`);
}

/** Unknown headers of a CSV file: the run refuses the file before reading a row. */
export function unknownHeaders(kind: ImportKind, headers: readonly string[]): string[] {
  return headers.filter((h) => h !== '' && !lookupHeader(kind, h));
}

const DATE_FORMS: ReadonlyArray<RegExp> = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A date as exports write it (2026-06-01, 2026/6/1, 2026年6月1日, 20260601, with or without a
 * time of day) in the form the validators read, YYYY-MM-DD; anything else is left as written
 * so the validator names it.
 */
export function normaliseDate(text: string): string {
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return text;
}

const SEVERITY_NAMES: Readonly<Record<string, (typeof SEVERITIES)[number]>> = { 轻微: 'MINOR', 一般: 'GENERAL', 严重: 'SERIOUS' };
const LENIENCY_NAMES: Readonly<Record<string, (typeof LENIENCY_GROUNDS)[number]>> = {
  未成年人: 'MINOR_SUBJECT', 不可抗力: 'FORCE_MAJEURE', 非主观故意: 'NOT_INTENTIONAL', 轻微失信: 'MINOR_BREACH',
};

/** A severity as files and options write it: 轻微/一般/严重 or MINOR/GENERAL/SERIOUS. */
export function parseSeverity(text: string): (typeof SEVERITIES)[number] | undefined {
  const value = SEVERITY_NAMES[text] ?? text.toUpperCase();
  return (SEVERITIES as readonly string[]).includes(value) ? (value as (typeof SEVERITIES)[number]) : undefined;
}

function oneOf<T extends string>(target: Target, text: string | undefined, values: readonly T[], names: Readonly<Record<string, T>>): T | null {
  if (text === undefined) return null;
  const value = names[text] ?? text.toUpperCase();
  if (!(values as readonly string[]).includes(value)) {
    const chinese = Object.keys(names);
    throw problem(target, 'BAD_USER_INPUT', `"${text}" is not one of ${[...chinese, ...values].join(', ')}`);
  }
  return value as T;
}

/** 行政相对人类别 as the standard writes it → the subject kind it must match. */
export const SUBJECT_CATEGORIES: Readonly<Record<string, string>> = {
  法人及非法人组织: 'LEGAL_PERSON', 自然人: 'NATURAL_PERSON', 个体工商户: 'INDIVIDUAL_BUSINESS',
};

/** The envelope values the import itself checks, beside the recording request. */
export interface RowExtras {
  readonly agencyUscc: string | undefined;
  readonly statedPublicationEnd: string | undefined;
  readonly subjectCategory: string | undefined;
}

const FIELD_GROUP = { penalty: 'penalty', licence: 'licence' } as const;

/**
 * The recording request of a penalty or licence row. `itemCode` may still be blank (the run's
 * --item, or the one item the agency's system provides, fills it), and so may the document's
 * issuer (the recording agency's name).
 */
export function toRecordInput(kind: 'penalty' | 'licence', row: MappedRow): { input: RecordCreditInformationInput; extras: RowExtras } {
  const v = (t: Target) => row.values.get(t);
  const specs = RECORD_KINDS[kind === 'penalty' ? 'PENALTY' : 'LICENCE'];
  const fields: Record<string, unknown> = {};
  for (const [target, text] of row.values) {
    if (!target.startsWith('field.')) continue;
    const key = target.slice('field.'.length);
    const spec = specs.find((s) => s.key === key);
    if (spec?.type === 'DATE') fields[key] = normaliseDate(text);
    // The standard writes other documents as 其他-<名称>; the record keeps the category.
    else if (spec?.type === 'ENUM' && /^其他[-－—]/.test(text) && key.endsWith('IdType')) fields[key] = '其他';
    else fields[key] = text;
  }
  const uscc = v('subject.uscc');
  const decisionDate = normaliseDate(v('decisionDate') ?? '');
  if (!decisionDate) throw problem('decisionDate', 'BAD_USER_INPUT', `give the decision date (${labelOf(kind, 'decisionDate')})`);
  const number = v('document.number');
  const category = v('subject.category');
  if (category !== undefined && !SUBJECT_CATEGORIES[category]) {
    throw problem('subject.category', 'BAD_USER_INPUT', `"${category}" is not one of ${Object.keys(SUBJECT_CATEGORIES).join('、')}`);
  }
  const input = {
    itemCode: v('item') ?? '',
    subjectCode: uscc ?? null,
    subjectIdNumber: uscc === undefined ? v('subject.idNumber') ?? null : null,
    decisionDate,
    severity: oneOf('severity', v('severity'), SEVERITIES, SEVERITY_NAMES),
    leniencyGround: oneOf('leniencyGround', v('leniencyGround'), LENIENCY_GROUNDS, LENIENCY_NAMES),
    leniencyNote: v('leniencyNote') ?? null,
    sector: oneOf('sector', v('sector'), SECTORS, {}),
    document: kind === 'penalty' && number !== undefined
      ? {
          kind: 'ADMINISTRATIVE_PENALTY' as const,
          number,
          issuer: v('document.issuer') ?? '',
          effectiveOn: normaliseDate(v('document.effectiveOn') ?? decisionDate),
          title: v('document.title') ?? '行政处罚决定书',
          statutoryBasis: null,
        }
      : null,
    [FIELD_GROUP[kind]]: fields,
  } as unknown as RecordCreditInformationInput;
  return {
    input,
    extras: {
      agencyUscc: v('agency.uscc'),
      statedPublicationEnd: v('publicationEnd') === undefined ? undefined : normaliseDate(v('publicationEnd')!),
      subjectCategory: category === undefined ? undefined : SUBJECT_CATEGORIES[category],
    },
  };
}

/**
 * What happened to each row, in the words of the report: the column it concerns (as the file
 * named it), the stable error code, a reason in Chinese for the people who fix the data, and
 * the validator's own message for the people who fix the mapping.
 */
import { AppError } from '../errors';
import type { ErrorCode } from '../errors/error-codes';
import { labelOf, type ImportKind, type Target } from './header-table';
import { RowProblem, type MappedRow } from './row-mapping';

export type RowStatus = 'WRITTEN' | 'UNCHANGED' | 'REJECTED';

export interface RowOutcome {
  /** Line of the file (CSV, JSON Lines) or position in the request's rows (GraphQL, from 0). */
  readonly row: number;
  readonly status: RowStatus;
  readonly field?: string;
  readonly code?: ErrorCode;
  /** Chinese, for the data owner. */
  readonly reason?: string;
  /** The validator's message (English, names the input path). */
  readonly detail?: string;
  readonly recordId?: number;
  /** 失信严重程度 the row did not state, derived from the regime's criteria (severity.rules.ts). */
  readonly derivedSeverity?: { readonly severity: string; readonly because: string };
  /** The subject this row registered (the run's registerSubjects), by its code. */
  readonly registeredSubject?: string;
}

/** Input paths of the recording request (error `field`) → the target column that fed them. */
const PATH_TARGETS: Readonly<Record<string, Target>> = {
  itemCode: 'item',
  subjectCode: 'subject.uscc',
  subjectIdNumber: 'subject.idNumber',
  'document.number': 'document.number',
  'document.issuer': 'document.issuer',
  'document.effectiveOn': 'document.effectiveOn',
  decisionDate: 'decisionDate',
  statedPublicationEnd: 'publicationEnd',
  'document.kind': 'document.number',
  'document.statutoryReference': 'document.number',
  severity: 'severity',
  leniencyGround: 'leniencyGround',
  leniencyNote: 'leniencyNote',
  agency: 'agency.uscc',
  listType: 'list.type',
  reasons: 'list.reasons',
};

function targetOf(path: string): string {
  if (PATH_TARGETS[path]) return PATH_TARGETS[path]!;
  const m = /^(?:penalty|licence)\.(\w+)$/.exec(path);
  return m ? `field.${m[1]}` : path;
}

/** The column a problem concerns: as the file named it, or the standard's name when absent. */
export function columnOf(kind: ImportKind, row: MappedRow | undefined, path: string): string {
  if (path === 'row') return '（整行）';
  const target = targetOf(path);
  return row?.columns.get(target as Target) ?? labelOf(kind, target as Target);
}

const REASONS: Readonly<Partial<Record<ErrorCode, string>>> = {
  INVALID_USCC: '统一社会信用代码不符合 GB 32100（长度、字符或校验码错误）',
  INVALID_ID_NUMBER: '身份证号码不符合 GB 11643（长度、出生日期或校验码错误）',
  NOT_IN_CATALOG: '目录项不在现行公共信用信息目录中，不予归集',
  FORBIDDEN: '归集部门无权记录此信息（一口采集：仅由目录项的提供部门记录），或行中机关与归集部门不符',
  NOT_FOUND: '未找到对应的信用主体或机关',
  CONFLICT: '与已归集的记录（同一部门、文书号、目录项）内容不一致，未覆盖；请通过异议或撤销处理',
  NOT_ELIGIBLE: '依宽容审慎规则不予记录',
  PUBLICATION_END_OUT_OF_BOUNDS: '公示截止期超出公示期限的上下限（最短公示期届满之日至最长公示期届满之日）',
  SEVERITY_INCONSISTENT: '失信严重程度与处罚类别、罚款金额不符（轻微、一般、严重的分类标准）',
  LENIENCY_GROUND_UNSUPPORTED: '宽容审慎情形缺乏事实依据（未成年人须行为时未满十八周岁；其他情形须注明证明文书）',
  DOCUMENT_NOT_ACCEPTED: '法律文书的种类或作出机关与目录项不符',
  INTERNAL_SERVER_ERROR: '写入失败',
};

/** Reasons of BAD_USER_INPUT, by the target it concerns. */
function badInputReason(target: string, message: string): string {
  if (target === 'row') return `行无法读取：${message}`;
  if (/is required/.test(message)) return '缺少标准规定的必填项';
  if (/is not a .* column/.test(message)) return '未知的列，导入不识别此表头';
  if (target === 'document.number' || target === 'document.issuer') return '缺少或无效的法律文书（行政处罚决定书文号、处罚机关）';
  if (target === 'publicationEnd') return '公示截止期与目录规定的公示期限不一致';
  if (target === 'item') return '目录项不可由此途径归集或无法确定';
  if (target === 'agency.uscc') return '未指明归集部门或机关代码无效';
  if (target === 'subject.uscc' || target === 'subject.idNumber' || target === 'subject.category') return '信用主体标识缺失或与目录项不符';
  if (target === 'system' || target === 'regionCode' || target === 'level' || target === 'kind' || target === 'code') return '机关的系统、层级、类别或行政区划代码（GB/T 2260）无效';
  if (/negative/.test(message)) return '金额不能为负数（单位：万元）';
  if (/amount in 万元/.test(message)) return '金额格式错误（单位：万元，最多四位小数）';
  if (/is not a date|date must be|in the future|after today|on or after/.test(message)) return '日期无效或前后不一致';
  if (target === 'severity') return '失信严重程度缺失或无效（轻微、一般、严重）';
  if (/not a value of|is not one of/.test(message)) return '取值不在标准规定的范围内';
  if (/blank|longer than/.test(message)) return '字段为空或超长';
  return '数据不符合归集规则';
}

/** The Chinese reason of an error about `target` (an import target or input path). */
export function reasonFor(error: AppError, target: string): string {
  return error.code === 'BAD_USER_INPUT' ? badInputReason(target, error.message) : REASONS[error.code] ?? '数据不符合归集规则';
}

/** The REJECTED outcome of an error thrown while checking or writing a row. */
export function rejection(kind: ImportKind, rowNumber: number, mapped: MappedRow | undefined, err: unknown): RowOutcome {
  const problemTarget = err instanceof RowProblem ? err.target : undefined;
  const error = err instanceof RowProblem ? err.error : err;
  if (!(error instanceof AppError)) throw err;
  const path = problemTarget ?? (typeof error.extensions.field === 'string' ? error.extensions.field : 'row');
  const target = targetOf(path);
  const reason = reasonFor(error, target);
  return { row: rowNumber, status: 'REJECTED', field: columnOf(kind, mapped, path), code: error.code, reason, detail: error.message };
}

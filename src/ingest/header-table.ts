/**
 * The one table that says what each column of a 双公示 file means (domain.md §4): the Chinese
 * headers of the current standard (4.1, 4.2), the column codes (CF_*, XK_*), the legacy 2016
 * names (4.3), Credit China's JSON names (4.4) and this API's own input names. Every column an
 * import understands is listed here; a column that is not is refused rather than dropped, so
 * a mistyped 罚款金额 header cannot silently lose every amount.
 *
 * A column feeds one or more targets: `处罚机关` is the issuer of the penalty decision and also
 * the record's own 处罚机关 field; `证件号码` finds a natural-person subject and is stored (encrypted)
 * with the penalty.
 */
import { descriptorOf, STORED_RECORD_KINDS, type RecordKindDescriptor } from '../catalog/record-kind.descriptors';
import { recordKindFields } from '../catalog/record-kinds';

/** Record files (the kinds whose descriptor names them) and serious-list notices. */
export const IMPORT_KINDS = ['penalty', 'licence', 'list'] as const satisfies readonly (NonNullable<RecordKindDescriptor['import']>['kind'] | 'list')[];
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Where a column's value goes. `field.<key>` is a record kind's own field (src/catalog/record-kinds.ts). */
export type Target =
  | 'item' | 'severity' | 'leniencyGround' | 'leniencyNote' | 'sector'
  | 'subject.name' | 'subject.category' | 'subject.uscc' | 'subject.idNumber'
  | 'document.number' | 'document.title' | 'document.issuer' | 'document.effectiveOn'
  | 'agency.uscc' | 'decisionDate' | 'publicationEnd'
  | 'list.type' | 'list.reasons' | 'list.basis'
  /** Recognised, deliberately not stored: the legacy codes 2–6 (a subject is found by its USCC). */
  | 'ignored'
  | `field.${string}`;

export interface HeaderEntry {
  readonly kinds: readonly ImportKind[];
  readonly to: readonly Target[];
  /** Header names as they appear in files; matched after normalising (see normaliseHeader). */
  readonly names: readonly string[];
  /** The standard's name of the column, used in reports when the file did not have it. */
  readonly label: string;
}

const P = ['penalty'] as const;
const L = ['licence'] as const;
const PL = ['penalty', 'licence'] as const;
const ALL = IMPORT_KINDS;

/** Columns of the envelope: who, which item, which document, when. */
const ENVELOPE: readonly HeaderEntry[] = [
  { kinds: ALL, to: ['item'], label: '目录项编码', names: ['目录项编码', '信息项编码', 'itemCode', 'item_code'] },
  { kinds: PL, to: ['severity'], label: '失信严重程度', names: ['失信严重程度', '严重程度', 'severity'] },
  { kinds: PL, to: ['leniencyGround'], label: '宽容审慎情形', names: ['宽容审慎情形', 'leniencyGround'] },
  { kinds: PL, to: ['leniencyNote'], label: '宽容审慎说明', names: ['宽容审慎说明', 'leniencyNote'] },
  { kinds: PL, to: ['sector'], label: '行业领域', names: ['行业领域', 'sector'] },
  { kinds: ALL, to: ['subject.name'], label: '行政相对人名称', names: ['行政相对人名称', 'CF_XDR_MC', 'XK_XDR', 'XK_XDR_MC', '被执行人名称', '主体名称', 'subjectName'] },
  { kinds: ALL, to: ['subject.category'], label: '行政相对人类别', names: ['行政相对人类别', 'CF_XDR_LB', 'XK_XDR_LB', 'subjectCategory'] },
  {
    kinds: ALL, to: ['subject.uscc'], label: '统一社会信用代码',
    names: ['行政相对人代码_1（统一社会信用代码）', '行政相对人代码_1', '统一社会信用代码', 'CF_XDR_SHXYM', 'XK_XDR_SHXYM', 'subjectCode'],
  },
  {
    kinds: ALL, to: ['ignored'], label: '行政相对人代码_2–6',
    names: [
      '行政相对人代码_2（工商注册号）', '行政相对人代码_2', '工商注册号', 'CF_XDR_GSZC', 'CF_XDR_GSDJ', 'XK_XDR_GSZC', '工商登记码',
      '行政相对人代码_3（组织机构代码）', '行政相对人代码_3', '组织机构代码', 'CF_XDR_ZZJG', 'CF_XDR_ZDM', 'XK_XDR_ZZJG',
      '行政相对人代码_4（税务登记号）', '行政相对人代码_4', '税务登记号', 'CF_XDR_SWDJ', 'XK_XDR_SWDJ',
      '行政相对人代码_5（事业单位证书号）', '行政相对人代码_5', '事业单位证书号', 'CF_XDR_SYDW', 'XK_XDR_SYDW',
      '行政相对人代码_6（社会组织登记证号）', '行政相对人代码_6', '社会组织登记证号', 'CF_XDR_SHZZ', 'XK_XDR_SHZZ',
      '地方编码', 'DFBM', 'XK_DFBM', 'area_code', '数据更新时间戳', 'SJC', 'CF_SJC', 'XK_SJC', '信息使用范围',
      // Credit China's cf_qx / xk_yxq-like period fields: their meaning is not documented (domain.md §4.4).
      'CF_QX', '当前状态(处罚)', 'CF_ZT',
    ],
  },
  // Natural-person respondents: the number finds the subject and is kept (encrypted) with the penalty.
  { kinds: P, to: ['subject.idNumber', 'field.idNumber'], label: '证件号码', names: ['证件号码', 'CF_XDR_ZJHM', '居民身份证号', 'CF_XDR_SFZ', 'idNumber', 'subjectIdNumber'] },
  { kinds: L, to: ['subject.idNumber'], label: '证件号码', names: ['证件号码', 'XK_XDR_ZJHM', 'subjectIdNumber'] },
  { kinds: ['list'], to: ['subject.idNumber'], label: '证件号码', names: ['证件号码', '身份证号码', 'subjectIdNumber'] },
  { kinds: P, to: ['field.idType'], label: '证件类型', names: ['证件类型', 'CF_XDR_ZJLX', 'idType'] },
  { kinds: L, to: ['ignored'], label: '证件类型', names: ['证件类型', 'XK_XDR_ZJLX'] },
  { kinds: P, to: ['document.number'], label: '行政处罚决定书文号', names: ['行政处罚决定书文号', '决定书文号', 'CF_WSH', 'documentNumber'] },
  { kinds: P, to: ['document.title'], label: '处罚名称', names: ['处罚名称', 'CF_CFMC', 'documentTitle'] },
  { kinds: P, to: ['document.issuer', 'field.decidingAuthority'], label: '处罚机关', names: ['处罚机关', 'CF_CFJG', 'CF_XZJG', 'decidingAuthority'] },
  { kinds: P, to: ['agency.uscc', 'field.decidingAuthorityUscc'], label: '处罚机关统一社会信用代码', names: ['处罚机关统一社会信用代码', 'CF_CFJGDM', 'decidingAuthorityUscc'] },
  { kinds: P, to: ['decisionDate'], label: '处罚决定日期', names: ['处罚决定日期', 'CF_JDRQ', 'decisionDate'] },
  { kinds: P, to: ['document.effectiveOn'], label: '决定书生效日期', names: ['决定书生效日期', '生效日期', 'effectiveOn'] },
  { kinds: P, to: ['publicationEnd'], label: '公示截止期', names: ['公示截止期', 'CF_GSJZQ', 'publicityEndsOn'] },
  { kinds: L, to: ['field.documentNumber'], label: '行政许可决定文书号', names: ['行政许可决定文书号', '行政许可决定书文号', 'XK_WSH', 'documentNumber'] },
  { kinds: L, to: ['field.documentName'], label: '行政许可决定文书名称', names: ['行政许可决定文书名称', '项目名称', 'XK_XMMC', 'documentName'] },
  { kinds: L, to: ['field.licensingAuthority'], label: '许可机关', names: ['许可机关', 'XK_XZJG', 'XK_XKJG', 'licensingAuthority'] },
  { kinds: L, to: ['agency.uscc', 'field.licensingAuthorityUscc'], label: '许可机关统一社会信用代码', names: ['许可机关统一社会信用代码', 'XK_XKJGDM', 'licensingAuthorityUscc'] },
  { kinds: L, to: ['decisionDate'], label: '许可决定日期', names: ['许可决定日期', 'XK_JDRQ', 'decisionDate'] },
  { kinds: L, to: ['field.validFrom'], label: '有效期自', names: ['有效期自', 'XK_YXQZ', 'XK_YXQ', 'validFrom'] },
  { kinds: L, to: ['field.validUntil'], label: '有效期至', names: ['有效期至', '许可截止期', 'XK_JZQ', 'validUntil'] },
  { kinds: L, to: ['field.licenceCategory'], label: '许可类别', names: ['许可类别', '审批类别', 'XK_SPLB', 'XK_XKLB', 'licenceCategory'] },
  { kinds: L, to: ['field.content'], label: '许可内容', names: ['许可内容', 'XK_NR', 'content'] },
  { kinds: L, to: ['field.legalRepresentative'], label: '法定代表人', names: ['法定代表人', '法定代表人姓名', 'XK_FR', 'legalRepresentative'] },
  // Serious-list notices (告知, 49号 四(八)).
  { kinds: ['list'], to: ['list.type'], label: '名单类型', names: ['名单类型', '名单类型代码', 'listType'] },
  { kinds: ['list'], to: ['list.reasons'], label: '列入事由', names: ['列入事由', '拟列入事由', 'reasons'] },
  { kinds: ['list'], to: ['list.basis'], label: '列入依据', names: ['列入依据', 'basis'] },
];

/**
 * Record fields of each kind the import reads (its descriptor's `import`), named by their label,
 * column code, key and the descriptor's aliases — unless the envelope maps them or the API
 * derives them (the descriptor's `derived`: 决定书文号, 决定日期, 公示截止期).
 */
function fieldEntries(): HeaderEntry[] {
  return STORED_RECORD_KINDS.flatMap((kind) => {
    const { import: spec, derived = {} } = descriptorOf(kind);
    if (!spec) return [];
    const kinds = [spec.kind] as const;
    const taken = new Set(ENVELOPE.filter((e) => e.kinds.includes(spec.kind)).flatMap((e) => e.to));
    return recordKindFields(kind)
      .filter((f) => !taken.has(`field.${f.key}`) && !(f.key in derived))
      .map((f) => ({
        kinds,
        to: [`field.${f.key}` as Target],
        label: f.label,
        names: [f.label, ...(f.code ? [f.code] : []), f.key, ...(spec.aliases?.[f.key] ?? [])],
      }));
  });
}

/** THE header table. */
export const HEADER_TABLE: readonly HeaderEntry[] = [...ENVELOPE, ...fieldEntries()];

/**
 * Columns the standard requires in every row (domain.md §4.1: 行政相对人名称, 行政处罚决定书文号;
 * §4.2: 行政许可决定文书名称, 文书号, 许可类别), and the decision date the record is dated by. A row
 * without one is rejected naming it, even where the subject or record could be found without it.
 */
export const REQUIRED_COLUMNS: Readonly<Record<ImportKind, readonly Target[]>> = {
  penalty: ['subject.name', 'document.number', 'decisionDate'],
  licence: ['subject.name', 'field.documentName', 'field.documentNumber', 'field.licenceCategory', 'decisionDate'],
  list: [],
};

/**
 * Header spelling differences that mean nothing: a BOM, full-width brackets and letters
 * (NFKC), blanks, case (cf_wsh = CF_WSH), and `_` or `-` between words of English names.
 */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const byKind = new Map<ImportKind, Map<string, HeaderEntry>>(
  IMPORT_KINDS.map((kind) => {
    const map = new Map<string, HeaderEntry>();
    for (const entry of HEADER_TABLE) {
      if (!entry.kinds.includes(kind)) continue;
      for (const name of entry.names) {
        const key = normaliseHeader(name);
        const before = map.get(key);
        if (before && before !== entry) throw new Error(`header table: ${name} means two things for ${kind} (${before.label}, ${entry.label})`);
        map.set(key, entry);
      }
    }
    return [kind, map];
  }),
);

/** What the header means for this kind of import; undefined when the table does not know it. */
export function lookupHeader(kind: ImportKind, header: string): HeaderEntry | undefined {
  return byKind.get(kind)!.get(normaliseHeader(header));
}

/** The standard's label of a target, for reports about a column the file did not have. */
export function labelOf(kind: ImportKind, target: Target): string {
  return HEADER_TABLE.find((e) => e.kinds.includes(kind) && e.to.includes(target))?.label ?? target;
}

/**
 * The kind a file holds, from its headers: the kinds under which every header is known, with
 * the kind-specific document columns deciding (行政处罚决定书文号 → penalty; 行政许可决定文书号 →
 * licence; 名单类型 → list). Undefined when the headers do not decide it.
 */
export function detectKind(headers: readonly string[]): ImportKind | undefined {
  const signs: Record<ImportKind, Target> = { penalty: 'document.number', licence: 'field.documentNumber', list: 'list.type' };
  const fits = IMPORT_KINDS.filter((kind) => {
    const entries = headers.map((h) => lookupHeader(kind, h));
    return entries.every(Boolean) && entries.some((e) => e!.to.includes(signs[kind]));
  });
  return fits.length === 1 ? fits[0] : undefined;
}

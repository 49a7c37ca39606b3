/**
 * The columns of register files, beside the 双公示 ones of header-table.ts: the market-regulation
 * register of organisations and individual businesses as it publishes them (统一社会信用代码, 名称,
 * 类型, 法定代表人/经营者, 住所, 成立日期, 登记机关, 登记状态…), the person register (姓名,
 * 公民身份号码), and the agency register this API keeps (机关代码, 名称, 层级, 类别, 系统, 行政区划代码).
 * As for records, a column not listed is refused rather than dropped.
 */
import { normaliseHeader } from './header-table';

export const REGISTER_KINDS = ['subject', 'agency'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export type RegisterTarget =
  | 'uscc' | 'idNumber' | 'name' | 'entityType' | 'legalRepresentative' | 'address' | 'establishedOn' | 'registrationAuthority'
  | 'status' | 'registeredCapital' | 'businessScope'
  | 'code' | 'level' | 'kind' | 'system' | 'regionCode'
  /** Recognised, deliberately not stored: dates of approval, legacy numbers, and a person's sex,
   * birth date, ethnicity and address (the ID number carries the first two; PIPL 第六条 minimisation). */
  | 'ignored';

interface RegisterColumn { readonly to: RegisterTarget; readonly label: string; readonly names: readonly string[] }

const SUBJECT: readonly RegisterColumn[] = [
  { to: 'uscc', label: '统一社会信用代码', names: ['统一社会信用代码', '社会信用代码', 'TYSHXYDM', 'uscc', 'subjectCode'] },
  { to: 'idNumber', label: '公民身份号码', names: ['公民身份号码', '身份证号码', '居民身份证号码', '证件号码', 'idNumber', 'subjectIdNumber'] },
  { to: 'name', label: '名称', names: ['名称', '企业名称', '主体名称', '市场主体名称', '个体工商户名称', '字号名称', '姓名', 'name'] },
  { to: 'entityType', label: '类型', names: ['类型', '企业类型', '市场主体类型', '主体类型', '企业类型(组成形式)', 'entityType'] },
  { to: 'legalRepresentative', label: '法定代表人', names: ['法定代表人', '法定代表人/经营者', '法定代表人（负责人、经营者）', '经营者', '负责人', '执行事务合伙人', '投资人', 'legalRepresentative'] },
  { to: 'address', label: '住所', names: ['住所', '经营场所', '住所/经营场所', '住所（经营场所）', '主要经营场所', 'address'] },
  { to: 'establishedOn', label: '成立日期', names: ['成立日期', '注册日期', '成立时间', 'establishedOn'] },
  { to: 'registrationAuthority', label: '登记机关', names: ['登记机关', '登记管理机关', 'registrationAuthority'] },
  { to: 'status', label: '登记状态', names: ['登记状态', '经营状态', '企业状态', 'status'] },
  { to: 'registeredCapital', label: '注册资本（万元）', names: ['注册资本（万元）', '注册资本', '资金数额（万元）', 'registeredCapital'] },
  { to: 'businessScope', label: '经营范围', names: ['经营范围', 'businessScope'] },
  {
    to: 'ignored', label: '（不保存的列）',
    names: ['核准日期', '营业期限自', '营业期限至', '注册号', '工商注册号', '组织机构代码', '性别', '民族', '出生日期', '住址', '户籍地址', '签发机关', '有效期限'],
  },
];

const AGENCY: readonly RegisterColumn[] = [
  { to: 'code', label: '机关代码', names: ['机关代码', 'code', 'agencyCode'] },
  { to: 'name', label: '机关名称', names: ['机关名称', '名称', 'name'] },
  { to: 'uscc', label: '统一社会信用代码', names: ['统一社会信用代码', 'uscc'] },
  { to: 'level', label: '层级', names: ['层级', '行政层级', 'level'] },
  { to: 'kind', label: '类别', names: ['类别', '机关类别', 'kind'] },
  { to: 'system', label: '系统', names: ['系统', '所属系统', 'system'] },
  { to: 'regionCode', label: '行政区划代码', names: ['行政区划代码', '区划代码', 'regionCode'] },
];

const COLUMNS: Readonly<Record<RegisterKind, readonly RegisterColumn[]>> = { subject: SUBJECT, agency: AGENCY };

const byKind = new Map(REGISTER_KINDS.map((kind) => [kind, new Map(COLUMNS[kind].flatMap((c) => c.names.map((n) => [normaliseHeader(n), c] as const)))]));

export function lookupRegisterHeader(kind: RegisterKind, header: string): RegisterColumn | undefined {
  return byKind.get(kind)!.get(normaliseHeader(header));
}

export function registerLabel(kind: RegisterKind, target: RegisterTarget): string {
  return COLUMNS[kind].find((c) => c.to === target)?.label ?? target;
}

/** The register a file holds, from its headers: every header known, and the kind's key column present. */
export function detectRegisterKind(headers: readonly string[]): RegisterKind | undefined {
  const key: Record<RegisterKind, readonly RegisterTarget[]> = { subject: ['uscc', 'idNumber'], agency: ['code'] };
  const fits = REGISTER_KINDS.filter((kind) => {
    const cols = headers.map((h) => lookupRegisterHeader(kind, h));
    return cols.every(Boolean) && cols.some((c) => key[kind].includes(c!.to));
  });
  return fits.length === 1 ? fits[0] : undefined;
}

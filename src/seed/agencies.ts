/**
 * The demo agency directory: national ministries, their provincial, municipal and county
 * branches for every region the generator uses, the Shenzhen departments that provide the
 * local supplementary catalog, courts, and partners. Independent of the seed, so that agency
 * codes are stable for tokens and documentation. `system` is the catalog's provider code.
 */
import { makeUscc } from '../identifiers';
import type { agencies } from '../db/schema';
import { REGIONS, type Region } from './names';
import { mixSeed } from './random';

export type AgencyRow = typeof agencies.$inferInsert;
export type Level = AgencyRow['level'];
type Kind = AgencyRow['kind'];

export interface DemoAgency extends AgencyRow {
  readonly uscc: string;
  readonly regionCode: string;
  /** Abbreviation that heads the agency's document numbers (宁市监处罚〔2025〕123号 → 宁). */
  readonly abbr: string;
}

interface Spec { code: string; name: string; level: Level; kind: Kind; system: string; region: string; abbr: string; uscc?: [string, string] }

const NATIONAL: readonly Spec[] = [
  { code: 'NDRC', name: '国家发展和改革委员会', level: 'NATIONAL', kind: 'PLATFORM', system: 'NDRC', region: '100000', abbr: '发改' },
  { code: 'SAMR', name: '国家市场监督管理总局', level: 'NATIONAL', kind: 'DEPARTMENT', system: 'SAMR', region: '100000', abbr: '国' },
  { code: 'STA', name: '国家税务总局', level: 'NATIONAL', kind: 'DEPARTMENT', system: 'STA', region: '100000', abbr: '' },
  { code: 'MEE', name: '生态环境部', level: 'NATIONAL', kind: 'DEPARTMENT', system: 'MEE', region: '100000', abbr: '' },
  { code: 'MOF', name: '财政部', level: 'NATIONAL', kind: 'DEPARTMENT', system: 'MOF', region: '100000', abbr: '' },
  { code: 'SPC', name: '最高人民法院', level: 'NATIONAL', kind: 'COURT', system: 'SPC', region: '100000', abbr: '最高法' },
  { code: 'CNIPA', name: '国家知识产权局', level: 'NATIONAL', kind: 'DEPARTMENT', system: 'CNIPA', region: '100000', abbr: '国' },
  { code: 'MPS', name: '公安部', level: 'NATIONAL', kind: 'DEPARTMENT', system: 'MPS', region: '100000', abbr: '' },
  { code: 'PBOC', name: '中国人民银行', level: 'NATIONAL', kind: 'DEPARTMENT', system: 'PBOC', region: '100000', abbr: '银' },
];

/** Branches and partners that are not derived from the region list. */
const SPECIAL: readonly Spec[] = [
  { code: 'NDRC_320000', name: '江苏省发展和改革委员会', level: 'PROVINCE', kind: 'PLATFORM', system: 'NDRC', region: '320000', abbr: '苏' },
  { code: 'NDRC_440300', name: '深圳市发展和改革委员会', level: 'PREFECTURE', kind: 'PLATFORM', system: 'NDRC', region: '440300', abbr: '深' },
  { code: 'PBOC_320000', name: '中国人民银行江苏省分行', level: 'PROVINCE', kind: 'DEPARTMENT', system: 'PBOC', region: '320000', abbr: '苏' },
  { code: 'CNIPA_320000', name: '江苏省知识产权局', level: 'PROVINCE', kind: 'DEPARTMENT', system: 'CNIPA', region: '320000', abbr: '苏' },
  { code: 'MEE_320100', name: '南京市生态环境局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'MEE', region: '320100', abbr: '宁' },
  { code: 'MOF_320100', name: '南京市财政局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'MOF', region: '320100', abbr: '宁' },
  { code: 'MPS_320100', name: '南京市公安局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'MPS', region: '320100', abbr: '宁' },
  { code: 'SAMR_320106', name: '南京市鼓楼区市场监督管理局', level: 'COUNTY', kind: 'DEPARTMENT', system: 'SAMR', region: '320106', abbr: '宁鼓' },
  { code: 'SPC_320106', name: '南京市鼓楼区人民法院', level: 'COUNTY', kind: 'COURT', system: 'SPC', region: '320106', abbr: '苏0106' },
  { code: 'MEE_440300', name: '深圳市生态环境局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'MEE', region: '440300', abbr: '深' },
  { code: 'MOF_440300', name: '深圳市财政局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'MOF', region: '440300', abbr: '深' },
  { code: 'MPS_440300', name: '深圳市公安局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'MPS', region: '440300', abbr: '深' },
  { code: 'SZ_TRAFFIC_POLICE_440300', name: '深圳市公安局交通警察局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'SZ_TRAFFIC_POLICE', region: '440300', abbr: '深公交' },
  { code: 'SZ_TRANSPORT_440300', name: '深圳市交通运输局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'SZ_TRANSPORT', region: '440300', abbr: '深交' },
  { code: 'SZ_HOUSING_440300', name: '深圳市住房和建设局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'SZ_HOUSING', region: '440300', abbr: '深建' },
  // Partners: public bodies and firms that receive shared information for a declared purpose.
  { code: 'JS_PRTC', name: '江苏省公共资源交易中心', level: 'PROVINCE', kind: 'PARTNER', system: 'PRTC', region: '320000', abbr: '苏', uscc: ['1', '2'] },
  { code: 'NJ_GPC', name: '南京市政府采购中心', level: 'PREFECTURE', kind: 'PARTNER', system: 'GOV_PROCUREMENT', region: '320100', abbr: '宁', uscc: ['1', '2'] },
  { code: 'JL_BANK', name: '江苏金陵商业银行股份有限公司', level: 'PREFECTURE', kind: 'PARTNER', system: 'BANK', region: '320100', abbr: '金陵银', uscc: ['9', '1'] },
  { code: 'SZ_BANK', name: '深圳前湾商业银行股份有限公司', level: 'PREFECTURE', kind: 'PARTNER', system: 'BANK', region: '440300', abbr: '前湾银', uscc: ['9', '1'] },
  { code: 'NJ_HR', name: '南京英才人力资源服务有限公司', level: 'PREFECTURE', kind: 'PARTNER', system: 'HR_SERVICE', region: '320100', abbr: '英才', uscc: ['9', '1'] },
  { code: 'JS_CREDIT_SVC', name: '江苏诚信信用管理有限公司', level: 'PROVINCE', kind: 'PARTNER', system: 'CREDIT_SERVICE', region: '320000', abbr: '诚信', uscc: ['9', '1'] },
];

const PROVINCE_ABBR: Readonly<Record<string, string>> = {
  '11': '京', '12': '津', '31': '沪', '32': '苏', '33': '浙', '42': '鄂', '44': '粤', '50': '渝', '51': '川', '61': '陕',
};
const CITY_ABBR: Readonly<Record<string, string>> = {
  南京市: '宁', 杭州市: '杭', 武汉市: '汉', 广州市: '穗', 深圳市: '深', 成都市: '蓉', 西安市: '西',
};
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

function provinceSpecs(r: Region): Spec[] {
  const p = r.code.slice(0, 2);
  const region = `${p}0000`;
  const abbr = PROVINCE_ABBR[p] ?? r.province.slice(0, 1);
  const bureau = MUNICIPALITIES.has(p) ? '局' : '厅';
  const base = { level: 'PROVINCE' as const, kind: 'DEPARTMENT' as const, region, abbr };
  return [
    { ...base, code: `SAMR_${region}`, name: `${r.province}市场监督管理局`, system: 'SAMR' },
    { ...base, code: `STA_${region}`, name: `国家税务总局${r.province}税务局`, system: 'STA' },
    { ...base, code: `MEE_${region}`, name: `${r.province}生态环境${bureau}`, system: 'MEE' },
    { ...base, code: `MOF_${region}`, name: `${r.province}财政${bureau}`, system: 'MOF' },
    { ...base, code: `SPC_${region}`, name: `${r.province}高级人民法院`, system: 'SPC', kind: 'COURT' },
  ];
}

function prefectureSpecs(r: Region): Spec[] {
  const p = r.code.slice(0, 2);
  if (MUNICIPALITIES.has(p)) return []; // a municipality has no prefecture level
  const region = `${r.code.slice(0, 4)}00`;
  const abbr = CITY_ABBR[r.city] ?? r.city.slice(0, 1);
  const court = `${PROVINCE_ABBR[p] ?? ''}${r.code.slice(2, 4)}`;
  const base = { level: 'PREFECTURE' as const, kind: 'DEPARTMENT' as const, region, abbr };
  return [
    { ...base, code: `SAMR_${region}`, name: `${r.city}市场监督管理局`, system: 'SAMR' },
    { ...base, code: `STA_${region}`, name: `国家税务总局${r.city}税务局`, system: 'STA' },
    { ...base, code: `SPC_${region}`, name: `${r.city}中级人民法院`, system: 'SPC', kind: 'COURT', abbr: court },
  ];
}

function countySpecs(r: Region): Spec[] {
  const p = r.code.slice(0, 2);
  const city = MUNICIPALITIES.has(p) ? PROVINCE_ABBR[p] ?? '' : CITY_ABBR[r.city] ?? r.city.slice(0, 1);
  const base = { level: 'COUNTY' as const, kind: 'DEPARTMENT' as const, region: r.code };
  return [
    { ...base, code: `SAMR_${r.code}`, name: `${r.city}${r.district}市场监督管理局`, system: 'SAMR', abbr: city + r.district.slice(0, 1) },
    { ...base, code: `SPC_${r.code}`, name: `${r.city}${r.district}人民法院`, system: 'SPC', kind: 'COURT', abbr: `${PROVINCE_ABBR[p] ?? ''}${r.code.slice(2)}` },
  ];
}

/** Government bodies are 机构编制·机关 (11), public institutions 12, firms 91 (GB 32100). */
function usccOf(spec: Spec, taken: Set<string>): string {
  const [authority, category] = spec.uscc ?? ['1', '1'];
  for (let attempt = 0; ; attempt++) {
    const body = `00${String(mixSeed(0x5eed, attempt, ...[...spec.code].map((c) => c.charCodeAt(0))) % 1_000_000).padStart(6, '0')}`;
    const code = makeUscc({ authority, category, divisionCode: spec.region, orgBody8: body });
    if (!taken.has(code)) return code;
  }
}

function buildAgencies(): readonly DemoAgency[] {
  const specs = new Map<string, Spec>();
  const add = (s: Spec) => { if (!specs.has(s.code)) specs.set(s.code, s); };
  [...NATIONAL, ...SPECIAL].forEach(add);
  for (const r of REGIONS) [...provinceSpecs(r), ...prefectureSpecs(r), ...countySpecs(r)].forEach(add);
  const taken = new Set<string>();
  return [...specs.values()].map((s) => {
    const uscc = usccOf(s, taken);
    taken.add(uscc);
    return { code: s.code, uscc, name: s.name, level: s.level, kind: s.kind, system: s.system, regionCode: s.region, abbr: s.abbr };
  });
}

export const DEMO_AGENCIES: readonly DemoAgency[] = buildAgencies();

/** The row written to the agencies table (without the generator's own fields). */
export function agencyRow(a: DemoAgency): AgencyRow {
  return { code: a.code, uscc: a.uscc, name: a.name, level: a.level, kind: a.kind, system: a.system, regionCode: a.regionCode };
}

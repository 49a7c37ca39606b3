/**
 * Administrative division codes (行政区划代码, GB/T 2260).
 * Only the province-level prefix is checked: the full table changes every year
 * (districts merge and are renamed), and a code stays on an identifier for life.
 */

/**
 * First two digits of province-level divisions, plus 10 for central-level
 * registrations (e.g. 清华大学 12100000400000624D is registered at 100000).
 */
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '10',
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** True when code is 6 digits starting with a known province-level (or central) prefix. */
export function isPlausibleDivisionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}

/** Real county-level divisions used by the synthetic data generators. */
export const DIVISIONS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '110101', name: '北京市东城区' },
  { code: '110102', name: '北京市西城区' },
  { code: '110105', name: '北京市朝阳区' },
  { code: '110108', name: '北京市海淀区' },
  { code: '120101', name: '天津市和平区' },
  { code: '310101', name: '上海市黄浦区' },
  { code: '310104', name: '上海市徐汇区' },
  { code: '310115', name: '上海市浦东新区' },
  { code: '320102', name: '南京市玄武区' },
  { code: '320105', name: '南京市建邺区' },
  { code: '330102', name: '杭州市上城区' },
  { code: '330106', name: '杭州市西湖区' },
  { code: '420106', name: '武汉市武昌区' },
  { code: '440104', name: '广州市越秀区' },
  { code: '440106', name: '广州市天河区' },
  { code: '440304', name: '深圳市福田区' },
  { code: '440305', name: '深圳市南山区' },
  { code: '500103', name: '重庆市渝中区' },
  { code: '510107', name: '成都市武侯区' },
  { code: '610113', name: '西安市雁塔区' },
];

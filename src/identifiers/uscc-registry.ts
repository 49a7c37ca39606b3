/**
 * Registration authority (登记管理部门代码, position 1) and institution category
 * (机构类别代码, position 2) codes from GB 32100-2015 Table 1.
 */

export interface UsccAuthority {
  readonly name: string;
  /** Category code → name, or 'ANY' where the standard does not subdivide. */
  readonly categories: Readonly<Record<string, string>> | 'ANY';
}

export const USCC_AUTHORITIES: Readonly<Record<string, UsccAuthority>> = {
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他' } },
  '2': { name: '外交', categories: { '1': '外国常住新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: {
      '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所',
      '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他',
    },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地代表机构', '9': '其他' },
  },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  // 工商 has no '9 其他': every market entity is one of these three.
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  // The standard writes 1 for 其他 but does not subdivide it, so any category is accepted.
  Y: { name: '其他', categories: 'ANY' },
};

/**
 * Explains why an authority/category pair is not defined, or returns null when it is.
 * The text is a sentence fragment for validateUscc's messages.
 */
export function authorityCategoryProblem(authority: string, category: string): string | null {
  const entry = Object.prototype.hasOwnProperty.call(USCC_AUTHORITIES, authority)
    ? USCC_AUTHORITIES[authority]
    : undefined;
  if (!entry) {
    const known = Object.keys(USCC_AUTHORITIES).join(', ');
    return `registration authority code (登记管理部门代码) ${authority} is not defined; expected one of ${known}`;
  }
  if (entry.categories === 'ANY' || Object.prototype.hasOwnProperty.call(entry.categories, category)) return null;
  const allowed = Object.entries(entry.categories)
    .map(([code, name]) => `${code} ${name}`)
    .join(', ');
  return (
    `registration authority ${authority} (${entry.name}) has no institution category ` +
    `(机构类别代码) ${category}; allowed: ${allowed}`
  );
}

/**
 * Plausible Chinese names, addresses and business scopes for synthetic subjects. Word lists are
 * common words, never a list of real enterprises or people; any resemblance is coincidence.
 */
import { DIVISIONS } from '../identifiers';
import { between, chance, pick, weighted, type Rng } from './random';

const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '31': '上海市', '32': '江苏省', '33': '浙江省', '42': '湖北省',
  '44': '广东省', '50': '重庆市', '51': '四川省', '61': '陕西省',
};

export interface Region {
  readonly code: string;
  /** 省 (or the municipality itself). */
  readonly province: string;
  readonly city: string;
  readonly district: string;
}

/** The generator's regions: the real county-level divisions of src/identifiers. */
export const REGIONS: readonly Region[] = DIVISIONS.map(({ code, name }) => {
  const [, city = name, district = ''] = /^(.+?市)(.+)$/.exec(name) ?? [];
  return { code, province: PROVINCES[code.slice(0, 2)] ?? city, city, district };
});

/** The short city name used in enterprise names (南京市 → 南京). */
export const shortCity = (r: Region): string => r.city.replace(/市$/, '');

// ~100 common single surnames by rough frequency band, then compound ones (rare: 1 %).
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '司徒'];
const MALE_GIVEN = '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆峰建国志文博晨阳龙海林昊然宁成东亮'.split('');
const FEMALE_GIVEN = '芳娜敏静丽艳娟霞秀英玲桂兰红梅琳雪婷慧莹晶欣悦佳颖琪倩璐雅萍燕蕾薇丹蓉瑶洁'.split('');

/** A person's name; `male` follows the ID number's sequence parity when there is one. */
export function personName(rng: Rng, male: boolean): string {
  const surname = chance(rng, 0.01) ? pick(rng, COMPOUND_SURNAMES) : pick(rng, SURNAMES);
  const chars = male ? MALE_GIVEN : FEMALE_GIVEN;
  const given = chance(rng, 0.3) ? pick(rng, chars) : pick(rng, chars) + pick(rng, chars);
  return surname + given;
}

// 字号 syllables: two of them make a trade name (华鑫, 瑞泰, …).
const TRADE_CHARS = '华鑫瑞宏恒泰盛德新创达源通博嘉锦远星汇丰益信和顺安祥弘凯腾越海天正元隆昌永兴佳美润明诚立'.split('');

export interface Industry {
  readonly word: string;
  readonly scope: string;
  /** What an individual business of the trade calls itself. */
  readonly shop: string;
  /** Sector with its own minimum publication period (vocabulary.schema SECTORS), if any. */
  readonly sector?: 'FOOD' | 'DRUGS' | 'WORK_SAFETY' | 'FIRE_SAFETY' | 'SPECIAL_EQUIPMENT';
}

export const INDUSTRIES: readonly Industry[] = [
  { word: '科技', shop: '电脑经营部', scope: '技术开发、技术咨询、技术服务；软件开发；信息系统集成服务' },
  { word: '信息技术', shop: '网络工作室', scope: '信息技术咨询服务；数据处理和存储支持服务；互联网数据服务' },
  { word: '贸易', shop: '商行', scope: '日用百货、五金交电、建筑材料的销售；货物进出口；技术进出口' },
  { word: '建筑工程', shop: '装饰材料经营部', scope: '房屋建筑工程施工；市政公用工程施工；建筑装修装饰工程', sector: 'WORK_SAFETY' },
  { word: '餐饮管理', shop: '小吃店', scope: '餐饮服务；食品销售；餐饮管理', sector: 'FOOD' },
  { word: '食品', shop: '食品店', scope: '食品生产；食品销售；农副产品销售', sector: 'FOOD' },
  { word: '医药', shop: '大药房', scope: '药品零售；医疗器械销售；保健食品销售', sector: 'DRUGS' },
  { word: '物流', shop: '货运部', scope: '道路货物运输（不含危险货物）；国内货物运输代理；仓储服务' },
  { word: '环保科技', shop: '环保设备经营部', scope: '环保技术开发；污水处理及其再生利用；固体废物治理' },
  { word: '机械制造', shop: '机电维修部', scope: '通用设备制造；机械零部件加工；特种设备安装改造修理', sector: 'SPECIAL_EQUIPMENT' },
  { word: '化工', shop: '化工原料经营部', scope: '化工产品销售（不含许可类化工产品）；危险化学品经营', sector: 'WORK_SAFETY' },
  { word: '文化传媒', shop: '广告图文店', scope: '广告设计、制作、代理；组织文化艺术交流活动；会议及展览服务' },
  { word: '房地产开发', shop: '房产中介', scope: '房地产开发经营；物业管理；房地产经纪' },
  { word: '商贸', shop: '便利店', scope: '日用品销售；烟草制品零售；预包装食品销售', sector: 'FOOD' },
  { word: '酒店管理', shop: '宾馆', scope: '住宿服务；酒店管理；会议服务', sector: 'FIRE_SAFETY' },
  { word: '汽车销售', shop: '汽车维修店', scope: '汽车销售；机动车修理和维护；汽车零配件零售' },
];

/** 有限公司 mostly; 股份有限公司 for a few larger firms. */
export function companyName(rng: Rng, region: Region, industry: Industry): { name: string; joint: boolean } {
  const joint = chance(rng, 0.08);
  const trade = pick(rng, TRADE_CHARS) + pick(rng, TRADE_CHARS);
  // Names place the region first (企业名称登记管理规定); some use the province instead of the city.
  const place = chance(rng, 0.15) ? region.province.replace(/[省市]$/, '') : shortCity(region);
  return { name: `${place}${trade}${industry.word}${joint ? '股份有限公司' : '有限公司'}`, joint };
}

export function shopName(rng: Rng, region: Region, industry: Industry, operator: string): string {
  // 个体工商户 may use the operator's surname (老王, 李记) or a trade name.
  const trade = chance(rng, 0.4) ? `${operator.slice(0, 1)}记` : pick(rng, TRADE_CHARS) + pick(rng, TRADE_CHARS);
  return `${region.city}${region.district}${trade}${industry.shop}`;
}

const ROADS = ['中山路', '人民路', '解放路', '建设路', '和平路', '长江路', '新华路', '文化路', '胜利路', '青年路', '科技园路', '创业大道', '滨江大道', '湖滨路', '健康路'];

export function address(rng: Rng, region: Region): string {
  const head = region.province === region.city ? region.city : region.province + region.city;
  const building = weighted(rng, [
    ['', 4],
    [`${between(rng, 1, 30)}栋${between(rng, 1, 28)}${String(between(rng, 1, 20)).padStart(2, '0')}室`, 3],
    [`${pick(rng, TRADE_CHARS)}${pick(rng, TRADE_CHARS)}大厦${between(rng, 2, 30)}层`, 2],
  ] as const);
  return `${head}${region.district}${pick(rng, ROADS)}${between(rng, 1, 999)}号${building}`;
}

export function businessScope(industry: Industry): string {
  return `${industry.scope}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`;
}

const MOBILE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '188', '189', '199'];

export function mobilePhone(rng: Rng): string {
  return pick(rng, MOBILE_PREFIXES) + String(between(rng, 0, 99_999_999)).padStart(8, '0');
}

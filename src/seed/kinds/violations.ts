/**
 * Violations by the provider's field: 违法行为类型, what the party did, the article applied and
 * the certificate a licence-taking penalty would touch. Articles are the commonly cited ones;
 * this is demo data, not legal advice.
 */
import type { IndexedItem } from '../../catalog/catalog.index';

export interface Violation {
  readonly type: string;
  /** Completes 经查，当事人于YYYY年M月…. */
  readonly act: string;
  readonly basis: string;
  readonly certificate?: string;
}

export const VIOLATIONS: Readonly<Record<string, readonly Violation[]>> = {
  SAMR: [
    { type: '发布虚假广告', act: '在其经营场所及网络店铺发布含有虚假内容的广告', basis: '《中华人民共和国广告法》第五十五条' },
    { type: '销售不符合食品安全标准的食品', act: '销售经抽样检验不合格的预包装食品', basis: '《中华人民共和国食品安全法》第一百二十四条', certificate: '食品经营许可证' },
    { type: '销售不合格产品', act: '销售经监督抽查判定为不合格的产品', basis: '《中华人民共和国产品质量法》第五十条' },
    { type: '虚假宣传', act: '对其商品的性能、功能、质量作虚假的商业宣传', basis: '《中华人民共和国反不正当竞争法》第二十条' },
    { type: '不按规定明码标价', act: '销售商品未按照规定明码标价', basis: '《中华人民共和国价格法》第四十二条' },
    { type: '侵犯注册商标专用权', act: '销售侵犯他人注册商标专用权的商品', basis: '《中华人民共和国商标法》第六十条' },
    { type: '使用未经定期检验的特种设备', act: '使用未经定期检验的电梯', basis: '《中华人民共和国特种设备安全法》第八十四条', certificate: '特种设备使用登记证' },
  ],
  STA: [
    { type: '未按照规定期限办理纳税申报', act: '未按照规定期限办理增值税纳税申报和报送纳税资料', basis: '《中华人民共和国税收征收管理法》第六十二条' },
    { type: '偷税', act: '在账簿上多列支出、少列收入，少缴应纳税款', basis: '《中华人民共和国税收征收管理法》第六十三条' },
    { type: '未按规定开具发票', act: '应当开具而未开具发票', basis: '《中华人民共和国发票管理办法》第三十五条' },
    { type: '虚开发票', act: '为他人开具与实际经营业务情况不符的发票', basis: '《中华人民共和国发票管理办法》第三十七条' },
  ],
  MEE: [
    { type: '超标排放大气污染物', act: '排放的大气污染物浓度超过国家规定的排放标准', basis: '《中华人民共和国大气污染防治法》第九十九条', certificate: '排污许可证' },
    { type: '未批先建', act: '建设项目环境影响报告表未经批准擅自开工建设', basis: '《中华人民共和国环境影响评价法》第三十一条' },
    { type: '违规贮存危险废物', act: '未按照国家有关规定贮存、转移危险废物', basis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条' },
    { type: '未按证排污', act: '未按照排污许可证规定的要求排放污染物', basis: '《排污许可管理条例》第三十四条', certificate: '排污许可证' },
  ],
  SZ_TRAFFIC_POLICE: [
    { type: '营运车辆超载', act: '所属营运车辆超过核定载质量在道路上行驶', basis: '《深圳经济特区道路交通安全违法行为处罚条例》第十条', certificate: '道路运输经营许可证' },
    { type: '未落实交通安全管理责任', act: '所属车辆多次发生道路交通安全违法行为且未按要求整改', basis: '《深圳经济特区道路交通安全违法行为处罚条例》第六十条' },
  ],
};

/** For a provider the table does not know: the item's own legal basis. */
export const GENERIC_VIOLATION = (item: IndexedItem): Violation => ({
  type: '违反行政管理秩序', act: '违反有关行政管理规定', basis: item.definition.legalBasis[0] ?? '有关法律、法规',
});

/**
 * The words of serious-list procedures: reasons by list type, the subject's rights at notice,
 * the measures a listing triggers (from the measures list), the document each decision is, and
 * the 失信被执行人 payload of the court list.
 */
import type { CatalogBundle } from '../../catalog/catalog.bundle';
import type { ListType } from '../../catalog/measures.schema';
import { addDays } from '../days';
import type { DemoAgency } from '../agencies';
import type { SeedContext } from '../context';
import type { DocumentKind } from '../documents';
import { ageOn } from '../identities';
import { encryptedField, payloadOf, type Payload } from '../payload';
import { between, chance, pick, type Rng } from '../random';
import type { SubjectDraft } from '../subjects';

const REASONS: Readonly<Record<string, readonly string[]>> = {
  COURT_DEFAULTER: ['有履行能力而拒不履行生效法律文书确定的义务', '以虚假诉讼、隐匿、转移财产等方法规避执行', '违反财产报告制度', '违反限制消费令'],
  MAJOR_TAX_VIOLATION: ['采取虚假申报手段少缴应纳税款，数额在一百万元以上且占应纳税总额百分之十以上', '虚开增值税专用发票', '骗取国家出口退税款'],
  GOVERNMENT_PROCUREMENT_SERIOUS: ['在政府采购活动中提供虚假材料谋取中标、成交', '与采购人、其他供应商恶意串通', '中标、成交后无正当理由拒不与采购人签订政府采购合同'],
  SAMR_SERIOUS_VIOLATION: ['实施食品安全领域严重违法行为，受到较重行政处罚', '提交虚假材料取得市场主体登记，情节严重', '被列入经营异常名录届满三年仍未履行相关义务'],
};

/** The reasons of a notice and decision for a list type (generic when the type is unknown). */
export function listReason(rng: Rng, type: ListType): string {
  return pick(rng, REASONS[type.code] ?? [`存在${type.name}认定标准规定的严重失信行为`]);
}

export function noticeRights(type: ListType): string {
  return type.decidingSystem === 'SPC'
    ? '被执行人认为将其纳入失信被执行人名单错误的，可以向执行法院申请纠正。'
    : '当事人可以在收到本告知书之日起五个工作日内提出陈述、申辩，并可以要求听证；逾期未提出的，视为放弃上述权利。';
}

const measureNotices = new WeakMap<CatalogBundle, Map<string, string>>();

/** 失信惩戒措施提示: the measures of the published lists that apply to entries of this type. */
export function measuresNotice(bundle: CatalogBundle, type: ListType): string {
  let byType = measureNotices.get(bundle);
  if (!byType) measureNotices.set(bundle, (byType = new Map()));
  let text = byType.get(type.code);
  if (text === undefined) {
    const names = bundle.measureLists.flatMap((l) => l.measures).filter((m) => m.appliesTo.listTypes.includes(type.code)).map((m) => m.name);
    text = names.length ? `依法依规实施以下失信惩戒措施：${names.join('；')}。` : '依照有关法律、法规实施相应的管理措施。';
    byType.set(type.code, text);
  }
  return text;
}

/** What the listing decision is: a court's 决定书, a procurement penalty, or a listing decision named by the standard. */
export function decisionKind(type: ListType): DocumentKind {
  if (type.decidingSystem === 'SPC') return 'JUDGMENT';
  if (type.decidingSystem === 'MOF') return 'ADMINISTRATIVE_PENALTY';
  return 'OTHER_STATUTORY';
}

export function decisionNumber(ctx: SeedContext, agency: DemoAgency, type: ListType, date: string): string {
  return type.decidingSystem === 'SPC' ? ctx.numbers.court(agency, '执', date) : ctx.numbers.administrative(agency, 'LISTING', date);
}

const CIRCUMSTANCES = REASONS.COURT_DEFAULTER!;

/** The 失信被执行人 fields (SPC rule art. 4) for a listing decided on `listedOn`. */
export function courtPayload(ctx: SeedContext, rng: Rng, s: SubjectDraft, agency: DemoAgency, caseNumber: string, listedOn: string, filedOn: string): Payload {
  const amount = between(rng, 20, 5000) * 1000;
  const partial = chance(rng, 0.3);
  const paid = partial ? Math.round(amount * between(rng, 5, 60) / 100) : 0;
  const person = s.kind === 'NATURAL_PERSON';
  const yuan = (n: number) => `人民币${n.toLocaleString('en-US')}元`;
  return payloadOf('COURT_ENFORCEMENT', {
    caseNumber, court: agency.name, regionName: s.region.province.replace(/[省市]$/, ''),
    enforcementBasisNumber: ctx.numbers.court(agency, '民初', addDays(filedOn, -between(rng, 60, 400))),
    enforcementBasisIssuer: agency.name,
    // A natural person's name is personal data the catalog masks in its own field; free text
    // is not desensitised, so the person is named by role only (a company's name is public).
    obligation: `被告${person ? '（被执行人）' : s.row.name}于判决生效之日起十日内向原告支付${pick(rng, ['货款', '借款', '工程款', '租金', '服务费'])}${yuan(amount)}及相应利息。`,
    performance: partial ? '部分未履行' : '全部未履行', specificCircumstance: pick(rng, CIRCUMSTANCES),
    filedOn, publishedOn: listedOn, performedPart: partial ? `已履行${yuan(paid)}` : '暂无', unperformedPart: `未履行${yuan(amount - paid)}`,
    legalRepresentative: person ? null : s.person.name, personName: person ? s.row.name : null, respondentIdNumber: encryptedField(s.row.idNumberCipher),
    sex: person ? (s.person.male ? '男' : '女') : null, age: person ? ageOn(s.person.birthDate, listedOn) : null,
  });
}

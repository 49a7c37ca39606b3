/**
 * The subject's standing besides penalties and licences: business-anomaly listings (a
 * dishonesty finding resting on a 列入决定), credit evaluations by year with the honour an A
 * grade brings, and credit commitments.
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import { addMonths } from '../../time/legal-date';
import { addDays, dateBetween } from '../days';
import type { ChunkRows, SeedContext } from '../context';
import { payloadOf } from '../payload';
import { between, chance, pick, weighted, type Rng } from '../random';
import { emitRecord, minDate, type Emitted } from '../records';
import type { SubjectDraft } from '../subjects';
import { earliestDecision } from './dates';

const ANOMALY_REASONS = [
  '未按照《企业信息公示暂行条例》第八条规定的期限公示年度报告', '通过登记的住所或者经营场所无法联系',
  '公示企业信息隐瞒真实情况、弄虚作假', '未在市场监督管理部门依照第十条规定责令的期限内公示有关企业信息',
];

export function anomaly(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem): Emitted | null {
  const from = earliestDecision(ctx, item, s);
  if (from === null) return null;
  const listed = dateBetween(rng, from, ctx.today);
  const agency = ctx.agencies.pick(rng, item.provider, s.row.regionCode);
  const canRemove = addDays(listed, 30) <= ctx.today && chance(rng, 0.6);
  const removed = canRemove ? dateBetween(rng, addDays(listed, 30), minDate(addMonths(listed, 18), ctx.today)) : null;
  return emitRecord(ctx, out, s, rng, {
    item, agency, decisionDate: listed, severity: 'GENERAL', validUntil: removed,
    leniency: chance(rng, 0.02) ? 'FORCE_MAJEURE' : null,
    document: () => ({
      kind: 'OTHER_STATUTORY', number: ctx.numbers.administrative(agency, 'ANOMALY', listed), title: '列入经营异常名录决定书',
      issuer: agency, effectiveOn: listed, statutoryBasis: item.definition.legalBasis[0] ?? '《企业信息公示暂行条例》',
    }),
  }, () => payloadOf('BUSINESS_ANOMALY', {
    reason: pick(rng, ANOMALY_REASONS), listedOn: listed, listingAuthority: agency.name, removedOn: removed,
    removalReason: removed ? '已补报未报年份的年度报告并公示' : null, removalAuthority: removed ? agency.name : null,
  }));
}

const TAX_GRADES = [['A', 25], ['B', 45], ['M', 15], ['C', 10], ['D', 5]] as const;
const OTHER_GRADES = [['AAA', 1], ['AA', 3], ['A', 4], ['B', 2], ['C', 0.5]] as const;

/** `count` evaluations of distinct years, each published in April of the following year. */
export function evaluations(
  ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem, count: number, honour?: IndexedItem, grades: readonly string[] = [],
): void {
  const from = earliestDecision(ctx, item, s);
  if (from === null) return;
  const first = Number(from.slice(0, 4));
  const last = Number(ctx.today.slice(0, 4)) - 1;
  const years = new Set<number>();
  for (let i = 0; i < count * 2 && years.size < count && first <= last; i++) years.add(between(rng, first, last));
  [...years].sort().forEach((year, k) => {
    const date = minDate(`${year + 1}-04-${between(rng, 10, 28)}`, ctx.today);
    const agency = ctx.agencies.pick(rng, item.provider, s.row.regionCode);
    const tax = item.provider === 'STA';
    const drawn = weighted(rng, tax ? TAX_GRADES : OTHER_GRADES);
    const result = grades[k] ?? drawn;
    emitRecord(ctx, out, s, rng, { item, agency, decisionDate: date }, () => payloadOf('EVALUATION', {
      evaluationName: tax ? '纳税信用等级评价' : item.name.replace(/结果信息$|信息$/, ''),
      result: tax ? `${result}级` : result, evaluationYear: year, evaluator: agency.name,
    }));
    if (honour && result === 'A') honourFor(ctx, out, s, rng, honour, agency.code, year, date);
  });
}

function honourFor(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem, agencyCode: string, year: number, date: string): void {
  const agency = ctx.agencies.byCode(agencyCode);
  // The list of year Y stands until the next year's list is published.
  const validUntil = `${year + 2}-03-31`;
  emitRecord(ctx, out, s, rng, { item, agency, decisionDate: date, validUntil: validUntil > date ? validUntil : null }, () => payloadOf('HONOUR', {
    honourName: item.provider === 'STA' ? '纳税信用A级纳税人' : item.name.replace(/信息$/, ''), awardingAuthority: agency.name,
    awardedOn: date, validUntil, documentName: `${agency.name}关于公布${year}年度纳税信用A级纳税人名单的公告`, evaluationYear: year,
  }));
}

/** An honour that no evaluation leads to (another provider's 荣誉). */
export function honour(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem): void {
  const from = earliestDecision(ctx, item, s);
  if (from === null) return;
  const date = dateBetween(rng, from, ctx.today);
  honourFor(ctx, out, s, rng, item, ctx.agencies.pick(rng, item.provider, s.row.regionCode).code, Number(date.slice(0, 4)) - 1, date);
}

export function commitment(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem): Emitted | null {
  const from = earliestDecision(ctx, item, s);
  if (from === null) return null;
  const date = dateBetween(rng, from, ctx.today);
  const agency = ctx.agencies.pick(rng, item.provider, s.row.regionCode);
  const replacing = s.kind !== 'NATURAL_PERSON' && chance(rng, 0.6);
  const accepting = replacing ? ctx.agencies.pick(rng, 'SAMR', s.row.regionCode).name : agency.name;
  const until = addMonths(date, 36);
  const status = until < ctx.today ? '全部履行' : weighted(rng, [['正在履行', 8], ['全部履行', 2], ['未履行', 0.3]] as const);
  return emitRecord(ctx, out, s, rng, { item, agency, decisionDate: date, validUntil: until }, () => payloadOf('COMMITMENT', {
    commitmentType: replacing ? '审批替代型' : '主动型',
    content: replacing
      ? `申请${pick(rng, ['食品经营许可', '排污许可', '建设工程规划许可', '公共场所卫生许可'])}时，以告知承诺方式承诺已具备法定条件，所提交材料真实有效。`
      : '主动向社会作出信用承诺：依法诚信经营，自觉接受政府、行业组织和社会公众的监督。',
    acceptingUnit: accepting, madeOn: date, fulfilmentStatus: status,
  }));
}

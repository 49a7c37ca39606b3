/**
 * Administrative penalties (行政处罚) with the 双公示 fields: a violation of the provider's
 * field, a penalty category of 行政处罚法 第九条, fines in 万元, the 决定书 on its own
 * legal_documents row, a severity tier that follows from what was imposed, and now and then
 * a 49号 八(十六) leniency ground.
 */
import { ageOn } from '../../modules/credit-record/leniency.rules';
import type { IndexedItem } from '../../catalog/catalog.index';
import type { LeniencyGround, Severity } from '../../catalog/catalog.schema';
import type { Sector } from '../../catalog/vocabulary.schema';
import type { ChunkRows, SeedContext } from '../context';
import { encryptedField, payloadOf, wanYuan } from '../payload';
import { between, chance, pick, weighted, type Rng } from '../random';
import { dateBetween } from '../days';
import { emitRecord, type Emitted } from '../records';
import type { SubjectDraft } from '../subjects';
import { earliestDecision } from './dates';
import { VIOLATIONS, GENERIC_VIOLATION, type Violation } from './violations';

type Category = '警告' | '通报批评' | '罚款' | '没收违法所得' | '暂扣许可证件' | '降低资质等级' | '吊销许可证件'
  | '限制开展生产经营活动' | '责令停产停业' | '责令关闭' | '限制从业' | '其他行政处罚';

const ORG_CATEGORIES: ReadonlyArray<readonly [Category, number]> = [
  ['罚款', 55], ['警告', 15], ['没收违法所得', 8], ['通报批评', 4], ['责令停产停业', 4], ['暂扣许可证件', 3],
  ['吊销许可证件', 3], ['降低资质等级', 2], ['限制开展生产经营活动', 2], ['责令关闭', 1], ['限制从业', 1], ['其他行政处罚', 2],
];
const PERSON_CATEGORIES: ReadonlyArray<readonly [Category, number]> = [['罚款', 65], ['警告', 25], ['没收违法所得', 5], ['其他行政处罚', 5]];
const SERIOUS: ReadonlySet<Category> = new Set(['吊销许可证件', '责令停产停业', '责令关闭', '限制从业', '限制开展生产经营活动']);
const LICENCE_TAKING: ReadonlySet<Category> = new Set(['暂扣许可证件', '吊销许可证件', '降低资质等级']);
// Order 58 gives these fields a one-year minimum; SAMR is the provider that regulates them.
const SAMR_SECTORS: ReadonlySet<Sector> = new Set(['FOOD', 'DRUGS', 'SPECIAL_EQUIPMENT']);

export interface PenaltyOptions {
  readonly date?: string;
  readonly category?: Category;
  readonly leniency?: LeniencyGround | null;
}

function fineYuan(rng: Rng, person: boolean): number {
  const [lo, hi] = weighted(rng, person
    ? [[[50, 500], 5], [[500, 5000], 4], [[5000, 50000], 1]] as const
    : [[[500, 5000], 4], [[5000, 50000], 4], [[50000, 500000], 1.5], [[500000, 5000000], 0.3]] as const);
  // Round to what a decision would state: whole hundreds of yuan.
  return Math.max(lo, Math.round(between(rng, lo, hi) / 100) * 100);
}

/** The largest fine (yuan) a minor penalty carries: the 简易程序 ceiling (publication-regimes.yaml severityCriteria). */
const MINOR_FINE_CEILING = { person: 200, organisation: 3000 } as const;

function severityOf(category: Category, fine: number | null, rng: Rng, person: boolean): Severity {
  if (SERIOUS.has(category)) return 'SERIOUS';
  if (category === '警告' || category === '通报批评') return 'MINOR';
  if (fine !== null && fine >= 200_000) return 'SERIOUS';
  if (fine !== null && fine < 5000) {
    // The draw is kept, so the seed's random stream (and every later record) is unchanged; only a
    // plain fine within the ceiling may be minor (Order 36: 暂扣、没收… are at least general).
    const minor = chance(rng, 0.6);
    return minor && category === '罚款' && fine <= MINOR_FINE_CEILING[person ? 'person' : 'organisation'] ? 'MINOR' : 'GENERAL';
  }
  return 'GENERAL';
}

/** A ground the facts support: MINOR_SUBJECT only for a person under 18 on the decision date (the act's stand-in). */
function leniencyFor(rng: Rng, s: SubjectDraft, date: string): LeniencyGround | null {
  if (!chance(rng, 0.03)) return null;
  const ground = s.kind === 'NATURAL_PERSON'
    ? pick(rng, ['MINOR_SUBJECT', 'FORCE_MAJEURE', 'NOT_INTENTIONAL', 'MINOR_BREACH'] as const)
    : pick(rng, ['FORCE_MAJEURE', 'NOT_INTENTIONAL', 'MINOR_BREACH'] as const);
  return ground === 'MINOR_SUBJECT' && ageOn(s.person.birthDate, date) >= 18 ? 'MINOR_BREACH' : ground;
}

function content(category: Category, fine: number | null, confiscated: number | null, v: Violation): string {
  const money = (yuan: number) => `人民币${yuan.toLocaleString('en-US')}元`;
  switch (category) {
    case '罚款': return `罚款${money(fine!)}`;
    case '没收违法所得': return `没收违法所得${money(confiscated!)}${fine ? `，并处罚款${money(fine)}` : ''}`;
    case '警告': case '通报批评': return `${category}，责令改正${v.type}行为`;
    default: return `${category}${fine ? `，并处罚款${money(fine)}` : ''}`;
  }
}

export function penalty(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem, opts: PenaltyOptions = {}): Emitted | null {
  const from = earliestDecision(ctx, item, s);
  if (from === null) return null;
  const date = opts.date ?? dateBetween(rng, from, ctx.today);
  const agency = ctx.agencies.pick(rng, item.provider, s.row.regionCode);
  const person = s.kind === 'NATURAL_PERSON';
  const v = pick(rng, VIOLATIONS[item.provider] ?? [GENERIC_VIOLATION(item)]);
  const category = opts.category ?? weighted(rng, person ? PERSON_CATEGORIES : ORG_CATEGORIES);
  const confiscated = category === '没收违法所得' ? between(rng, 10, 2000) * 100 : null;
  const fine = category === '罚款' || ((category === '没收违法所得' || SERIOUS.has(category)) && chance(rng, 0.6)) ? fineYuan(rng, person) : null;
  const severity = severityOf(category, fine, rng, person);
  const sector = item.provider === 'SAMR' && s.industry?.sector && SAMR_SECTORS.has(s.industry.sector) ? s.industry.sector : null;
  const licence = LICENCE_TAKING.has(category) ? `${v.certificate ?? '营业执照'}（编号：${between(rng, 10_000_000, 99_999_999)}）` : null;
  return emitRecord(ctx, out, s, rng, {
    item, agency, decisionDate: date, severity, sector, penaltyCategory: category,
    leniency: opts.leniency === undefined ? leniencyFor(rng, s, date) : opts.leniency,
    document: () => ({
      kind: 'ADMINISTRATIVE_PENALTY', number: ctx.numbers.administrative(agency, 'PENALTY', date),
      title: `${agency.name}行政处罚决定书`, issuer: agency, effectiveOn: date,
    }),
  }, (w, number) => payloadOf('PENALTY', {
    legalRepresentative: person ? null : s.person.name, legalRepIdType: person ? null : '身份证',
    legalRepIdNumber: encryptedField(s.row.legalRepIdCipher), idType: person ? '身份证' : null,
    idNumber: encryptedField(s.row.idNumberCipher), documentNumber: number, violationType: v.type,
    violationFacts: `经查，当事人于${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${v.act}，违反了${v.basis.replace(/第.+条$/, '')}的有关规定。`,
    penaltyBasis: `依据${v.basis}`, penaltyCategory: category, penaltyContent: content(category, fine, confiscated, v),
    fineAmount: fine === null ? null : wanYuan(fine), confiscatedAmount: confiscated === null ? null : wanYuan(confiscated),
    suspendedOrRevokedLicence: licence, decidedOn: date, validUntil: w.publishUntil, publicityEndsOn: w.publishUntil,
    decidingAuthority: agency.name, decidingAuthorityUscc: agency.uscc, dataSource: agency.name, dataSourceUscc: agency.uscc,
    remarks: w.note ?? null,
  }));
}

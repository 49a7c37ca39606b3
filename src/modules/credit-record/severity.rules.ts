/**
 * Is a penalty's severity label consistent with what the regime counts as minor, general and
 * serious (publication-regimes.yaml `severityCriteria`, Order 36 / 国办发〔2025〕22号 二)? Pure: the
 * label may be heavier than the criteria require (the department's finding), never lighter.
 */
import type { Severity, SubjectKind } from '../../catalog/catalog.schema';
import type { SeverityCriteria } from '../../catalog/vocabulary.schema';
import { VALUE_JOINER, valuesOf } from '../../catalog/record-kinds';

const RANK: Readonly<Record<Severity, number>> = { MINOR: 0, GENERAL: 1, SERIOUS: 2 };

export interface PenaltyFacts {
  readonly severity: Severity;
  readonly subjectKind: SubjectKind;
  /** 处罚类别 (行政处罚法 第九条), as recorded. */
  readonly penaltyCategory: string | null;
  /** 罚款金额 in 万元, as recorded (decimal text). */
  readonly fineAmount: string | null;
}

/**
 * Why the label contradicts the criteria of `regime`; undefined when it does not. A decision
 * imposing several categories (警告、罚款) is judged by all of them: the heaviest floor among them
 * applies, and it is minor only when every one of them may be.
 */
export function severityProblem(criteria: SeverityCriteria | undefined, regime: string, f: PenaltyFacts): string | undefined {
  if (!criteria) return undefined;
  const categories = valuesOf(f.penaltyCategory);
  const category = categories.length ? categories.join(VALUE_JOINER) : null;
  const floor = criteria.floors
    .filter((x) => categories.some((c) => x.penaltyCategories.includes(c)))
    .sort((a, b) => RANK[b.severity] - RANK[a.severity])[0];
  if (floor && RANK[f.severity] < RANK[floor.severity]) {
    return `severity ${f.severity} contradicts ${regime}: a penalty of ${category} is at least ${floor.severity} (${criteria.basis[0]})`;
  }
  if (f.severity !== 'MINOR') return undefined;
  const minor = criteria.minor;
  if (category === null || !categories.every((c) => minor.penaltyCategories.includes(c))) {
    return `severity MINOR contradicts ${regime}: only ${minor.penaltyCategories.join('、')} can be minor, and the penalty is ${category ?? 'of no stated category'}`;
  }
  const max = minor.maxFine[f.subjectKind];
  const fine = f.fineAmount === null ? null : Number(f.fineAmount);
  if (categories.includes('罚款') && fine === null) {
    return `severity MINOR needs the fine amount (penalty.fineAmount, 万元) to judge it against ${regime}'s ceiling of ${max} 万元 for ${f.subjectKind}`;
  }
  if (fine !== null && fine > max) {
    return `severity MINOR contradicts ${regime}: a fine of ${f.fineAmount} 万元 exceeds the ${max} 万元 a minor penalty on a ${f.subjectKind} may carry (${criteria.basis.at(-1)})`;
  }
  return undefined;
}

/** A severity derived from the regime's criteria, and the words that say how. */
export interface DerivedSeverity {
  readonly severity: Severity;
  readonly because: string;
}

/**
 * The severity the regime's criteria give a penalty that states none (a 双公示 export has no
 * 失信严重程度 column): the lightest label the criteria admit for its categories and fine —
 * MINOR when every category may be minor and the fine is within the ceiling, else the heaviest
 * floor of its categories, else GENERAL; `mustBeSerious` (特定严重失信) makes it SERIOUS.
 * Undefined when the regime has no criteria to derive from (the department must state it).
 */
export function deriveSeverity(
  criteria: SeverityCriteria | undefined, regime: string, f: Omit<PenaltyFacts, 'severity'>, mustBeSerious?: string,
): DerivedSeverity | undefined {
  if (mustBeSerious) return { severity: 'SERIOUS', because: `${mustBeSerious} (${regime})` };
  if (!criteria) return undefined;
  const category = valuesOf(f.penaltyCategory).join(VALUE_JOINER) || '无处罚类别';
  const fine = f.fineAmount === null ? '' : `，罚款 ${f.fineAmount} 万元`;
  for (const severity of ['MINOR', 'GENERAL', 'SERIOUS'] as const) {
    if (severityProblem(criteria, regime, { ...f, severity }) === undefined) {
      return { severity, because: `${regime} 分类标准：${category}${fine}（${f.subjectKind}）` };
    }
  }
  return undefined;
}

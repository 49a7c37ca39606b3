/**
 * Is a penalty's severity label consistent with what the regime counts as minor, general and
 * serious (publication-regimes.yaml `severityCriteria`, Order 36 / 国办发〔2025〕22号 二)? Pure: the
 * label may be heavier than the criteria require (the department's finding), never lighter.
 */
import type { Severity, SubjectKind } from '../../catalog/catalog.schema';
import type { SeverityCriteria } from '../../catalog/vocabulary.schema';

const RANK: Readonly<Record<Severity, number>> = { MINOR: 0, GENERAL: 1, SERIOUS: 2 };

export interface PenaltyFacts {
  readonly severity: Severity;
  readonly subjectKind: SubjectKind;
  /** 处罚类别 (行政处罚法 第九条), as recorded. */
  readonly penaltyCategory: string | null;
  /** 罚款金额 in 万元, as recorded (decimal text). */
  readonly fineAmount: string | null;
}

/** Why the label contradicts the criteria of `regime`; undefined when it does not. */
export function severityProblem(criteria: SeverityCriteria | undefined, regime: string, f: PenaltyFacts): string | undefined {
  if (!criteria) return undefined;
  const category = f.penaltyCategory;
  const floor = criteria.floors
    .filter((x) => category !== null && x.penaltyCategories.includes(category))
    .sort((a, b) => RANK[b.severity] - RANK[a.severity])[0];
  if (floor && RANK[f.severity] < RANK[floor.severity]) {
    return `severity ${f.severity} contradicts ${regime}: a penalty of ${category} is at least ${floor.severity} (${criteria.basis[0]})`;
  }
  if (f.severity !== 'MINOR') return undefined;
  const minor = criteria.minor;
  if (category === null || !minor.penaltyCategories.includes(category)) {
    return `severity MINOR contradicts ${regime}: only ${minor.penaltyCategories.join('、')} can be minor, and the penalty is ${category ?? 'of no stated category'}`;
  }
  const max = minor.maxFine[f.subjectKind];
  const fine = f.fineAmount === null ? null : Number(f.fineAmount);
  if (category === '罚款' && fine === null) {
    return `severity MINOR needs the fine amount (penalty.fineAmount, 万元) to judge it against ${regime}'s ceiling of ${max} 万元 for ${f.subjectKind}`;
  }
  if (fine !== null && fine > max) {
    return `severity MINOR contradicts ${regime}: a fine of ${f.fineAmount} 万元 exceeds the ${max} 万元 a minor penalty on a ${f.subjectKind} may carry (${criteria.basis.at(-1)})`;
  }
  return undefined;
}

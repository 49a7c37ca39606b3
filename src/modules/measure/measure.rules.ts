/**
 * The law of applying a punishment measure as pure functions: cite the measure's own legal
 * basis (49号 五(九)), answer only the severities and lists the measure is provided for
 * (过惩相当, 五(十)), and never impose what organisations outside government decide themselves.
 */
import { basisText } from '../../catalog/legal-basis.schema';
import type { Measure, MeasureCategory } from '../../catalog/measures.schema';
import type { LeniencyGround } from '../../catalog/catalog.schema';
import type { LeniencyGroundRule } from '../../catalog/leniency.schema';

export type MeasureMode = 'IMPOSED' | 'RECOMMENDED';

/** What a measure's target is, as the rules need it. */
export type TargetFacts =
  | { readonly kind: 'RECORD'; readonly severity: string | null; readonly listType: string | undefined; readonly leniency?: LeniencyGround | null }
  | { readonly kind: 'ENTRY'; readonly listType: string };

export type Applicability = Pick<Measure, 'code' | 'appliesTo' | 'legalBasis'>;

/** Why the measure may not answer this target; undefined when it may. */
export function proportionalityProblem(m: Applicability, t: TargetFacts): string | undefined {
  const { severities, listTypes } = m.appliesTo;
  // A listing is by definition a finding of serious dishonesty.
  const severity = t.kind === 'ENTRY' ? 'SERIOUS' : t.severity;
  if (severity === null) {
    return `the record is not a dishonesty finding (no severity); measure ${m.code} answers dishonesty only (49号 五(九): based on specific dishonest conduct)`;
  }
  if (!severities.includes(severity as never)) {
    return `measure ${m.code} answers ${severities.join('/')} dishonesty; the target is ${severity} (过惩相当, 49号 五(十): no heavy punishment for a lesser fault)`;
  }
  if (t.kind === 'ENTRY' && !listTypes.includes(t.listType)) {
    const tied = listTypes.length ? `only entries of ${listTypes.join(', ')}` : 'no list entry (it answers records)';
    return `measure ${m.code} is provided for ${tied}, not for an entry of ${t.listType} (过惩相当, 49号 五(十))`;
  }
  if (t.kind === 'RECORD' && listTypes.length > 0 && (t.listType === undefined || !listTypes.includes(t.listType))) {
    const what = t.listType ? `a record of list ${t.listType}` : 'a record that is not a serious-list listing';
    return `measure ${m.code} follows only a listing on ${listTypes.join(', ')}; ${what} cannot carry it (过惩相当, 49号 五(十))`;
  }
  return undefined;
}

/** The basis to cite: the one given, if it is the measure's own, else the measure's first. */
export function citedBasis(m: Applicability, given: string | null | undefined): { basis: string } | { problem: string } {
  const wanted = given?.trim();
  const bases = m.legalBasis.map(basisText);
  if (!wanted) return { basis: bases[0]! };
  if (bases.includes(wanted)) return { basis: wanted };
  return {
    problem: `citedBasis must directly cite one of the legal bases the measures list gives for ${m.code} (49号 五(九)): ${bases.join('; ')}`,
  };
}

/** 49号 五(九): organisations outside government cannot be forced to punish; a department only recommends. */
export function modeFor(category: MeasureCategory): MeasureMode {
  return category === 'THIRD_PARTY_VOLUNTARY' ? 'RECOMMENDED' : 'IMPOSED';
}

export function modeNote(mode: MeasureMode): string {
  return mode === 'RECOMMENDED'
    ? 'RECOMMENDED: a measure the implementing organisation decides for itself; a department may only recommend it, never impose it (49号 五(九)).'
    : 'IMPOSED: implemented by a public body under the cited legal basis.';
}

/**
 * 49号 八(十六) 宽容审慎进行…惩戒: a record found on a leniency ground carries only the measure
 * categories its rule allows (leniency-grounds.yaml): none after force majeure. Undefined when allowed.
 */
export function leniencyLimitProblem(
  m: Pick<Measure, 'code' | 'category'>, t: TargetFacts, rules: readonly LeniencyGroundRule[],
): string | undefined {
  const ground = t.kind === 'RECORD' ? t.leniency ?? null : null;
  if (!ground) return undefined;
  const rule = rules.find((r) => r.code === ground);
  const allowed = rule?.measures.allowedCategories ?? [];
  if (allowed.includes(m.category)) return undefined;
  const which = allowed.length ? `only ${allowed.join(', ')} measures` : 'no punishment measure at all';
  return `the record was found on leniency ground ${ground}${rule ? ` (${rule.name})` : ''}: it may carry ${which}, not ${m.code} (${m.category}) (${rule?.measures.basis.join('; ') ?? '49号 八(十六)'})`;
}

/**
 * Is a penalty 特定严重失信 under its regime (发改办财金〔2019〕527号: published for the longest
 * period, never repaired; publication-regimes.yaml `specificSerious`)? Pure: no clock, no database.
 * A penalty of a listed category (责令停产停业, 吊销许可证件) is one when the department names a
 * listed field or conduct, or when its sector falls in a listed field.
 */
import type { Severity } from '../../catalog/catalog.schema';
import type { Regime, Sector } from '../../catalog/vocabulary.schema';
import { valuesOf } from '../../catalog/record-kinds';

export interface SpecificSeriousFacts {
  readonly severity: Severity | null;
  readonly penaltyCategory: string | null;
  readonly sector: Sector | null;
  /** The field or conduct the department found (specificSeriousGround); null when it named none. */
  readonly named: string | null;
}

/** BAD_INPUT: the named ground cannot apply; SEVERITY: the record is 特定严重失信 but not labelled SERIOUS. */
export type SpecificSeriousFinding =
  | { readonly ground: string }
  | { readonly problem: string; readonly kind: 'BAD_INPUT' | 'SEVERITY' }
  | null;

export function specificSeriousOf(regime: Regime, f: SpecificSeriousFacts): SpecificSeriousFinding {
  const rule = regime.specificSerious;
  if (!rule) {
    if (f.named === null) return null;
    return { kind: 'BAD_INPUT', problem: `regime ${regime.code} has no 特定严重失信 category (only 发改办财金〔2019〕527号, decisions 2019-07-01..2023-04-30, has one); leave specificSeriousGround out` };
  }
  // Several categories in one decision: it is one of the rule's penalties when any of them is.
  const categoryFits = valuesOf(f.penaltyCategory).some((c) => rule.penaltyCategories.includes(c));
  let ground: string | null = null;
  if (f.named !== null) {
    if (!rule.fields.includes(f.named) && !rule.conducts.includes(f.named)) {
      return { kind: 'BAD_INPUT', problem: `specificSeriousGround ${f.named} is none of the fields (${rule.fields.join('、')}) or conducts (${rule.conducts.join('、')}) of ${regime.code}` };
    }
    if (!categoryFits) {
      return { kind: 'BAD_INPUT', problem: `特定严重失信 under ${regime.code} covers only penalties of ${rule.penaltyCategories.join('、')}; this penalty is ${f.penaltyCategory ?? 'of no stated category'}` };
    }
    ground = f.named;
  } else if (categoryFits && f.sector !== null && rule.sectors[f.sector] !== undefined) {
    ground = rule.sectors[f.sector]!;
  }
  if (ground === null) return null;
  if (f.severity !== 'SERIOUS') {
    return { kind: 'SEVERITY', problem: `a penalty of ${f.penaltyCategory} for ${ground} is 特定严重失信 under ${regime.code} (${rule.basis[0]}): label it SERIOUS, not ${f.severity ?? 'unlabelled'}` };
  }
  return { ground };
}

/**
 * Which statutory time limit a procedure runs on, as the catalog states it: objections and
 * repair applications are decided within the limits of the publication regime in force on the
 * day of filing (procedure follows the rules of its own time, whatever the record's decision
 * date); a serious-list notice gives the subject its list type's objection window.
 */
import type { CatalogBundle } from '../../catalog/catalog.bundle';
import type { TimeLimit } from '../../catalog/time-limit.schema';
import type { Regime } from '../../catalog/vocabulary.schema';
import { appError } from '../../errors';

export type DecisionLimit = 'objectionDecision' | 'repairDecision';

const WHAT: Record<DecisionLimit, string> = { objectionDecision: 'objection decision', repairDecision: 'credit-repair decision' };

/** The regime whose [validFrom, validTo] contains the date (validTo null = still in force). */
function regimeInForce(regimes: readonly Regime[], date: string): Regime | undefined {
  return regimes.find((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
}

/** The limit of `kind` for a procedure filed on `filedOn` ('YYYY-MM-DD'). */
export function decisionLimit(regimes: readonly Regime[], kind: DecisionLimit, filedOn: string): TimeLimit & { regime: string } {
  const regime = regimeInForce(regimes, filedOn);
  if (!regime) {
    throw appError('NOT_IN_CATALOG', `no publication regime is in force on ${filedOn}, so no ${WHAT[kind]} time limit is stated; the catalog's publication-regimes.yaml must cover that date`);
  }
  return { ...regime.timeLimits[kind], regime: regime.code };
}

/** '10', or '5–10' when the list types differ. */
function span(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/** The limits in force on `date` in working days, as the portal's help page states them. */
export function limitsInForce(bundle: Pick<CatalogBundle, 'regimes' | 'listTypes'>, date: string) {
  return {
    objectionDecision: String(decisionLimit(bundle.regimes, 'objectionDecision', date).workingDays),
    repairDecision: String(decisionLimit(bundle.regimes, 'repairDecision', date).workingDays),
    listObjectionWindow: span(bundle.listTypes.map((t) => t.timeLimits.objectionWindow.workingDays)),
  };
}

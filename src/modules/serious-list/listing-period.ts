/**
 * How long a listing lasts and how soon it may end early, per list type (serious-list-types.yaml):
 * the decision states its period where the law leaves it to the case (政府采购法 第七十七条: 一至
 * 三年), within the type's bounds; early removal and credit repair wait for the type's minimum
 * (总局令第44号: 列入满一年). Pure.
 */
import type { ListType } from '../../catalog/measures.schema';
import { addMonths } from '../../time/legal-date';

export type ListingMonths = { readonly months: number } | { readonly problem: string };

/** The listing period in months: the one the decision states, checked against the type's bounds. */
export function listingMonths(type: ListType, stated: number | null | undefined): ListingMonths {
  const longest = Math.round(type.listingPeriodYears * 12);
  const bounds = type.listingPeriod ?? { minMonths: longest, maxMonths: longest, basis: type.legalBasis };
  const caseByCase = bounds.minMonths < bounds.maxMonths;
  if (stated === null || stated === undefined) {
    if (!caseByCase) return { months: longest };
    return { problem: `list ${type.code}: the decision must state its listing period (listingPeriodMonths), ${bounds.minMonths} to ${bounds.maxMonths} months (${bounds.basis[0]})` };
  }
  if (!Number.isInteger(stated) || stated < bounds.minMonths || stated > bounds.maxMonths) {
    const allowed = caseByCase ? `${bounds.minMonths} to ${bounds.maxMonths} months` : `exactly ${longest} months, fixed by law`;
    return { problem: `list ${type.code}: a listing period of ${stated} months is outside its bounds, ${allowed} (${bounds.basis[0]})` };
  }
  return { months: stated };
}

/** First day early removal or credit repair may end a listing made on `listedOn`; null when the type sets no minimum. */
export function earlyRemovalFrom(type: ListType, listedOn: string): string | null {
  return type.earlyRemoval ? addMonths(listedOn, type.earlyRemoval.afterMonths) : null;
}

/** Why a listing made on `listedOn` may not end early on `today`; undefined when it may. */
export function earlyRemovalProblem(type: ListType, listedOn: string, today: string): string | undefined {
  const from = earlyRemovalFrom(type, listedOn);
  if (from === null || today >= from) return undefined;
  return `list ${type.code}: a listing made on ${listedOn} may end early (提前移出 or credit repair) only from ${from}, after ${type.earlyRemoval!.afterMonths} months listed (${type.earlyRemoval!.basis[0]})`;
}

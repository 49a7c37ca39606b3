/**
 * The publication window of one credit record, computed from its catalog item, the
 * publication regime in force on the decision date and the record's severity and leniency
 * ground. Pure: no clock, no database. Every date is a legal date 'YYYY-MM-DD'; periods run
 * from the decision date (公务文书认定之日, domain.md §5.1).
 */
import type { CatalogItemInput, LeniencyGround, Severity } from '../../catalog/catalog.schema';
import type { Regime, Sector } from '../../catalog/vocabulary.schema';
import { addMonths } from '../../time/legal-date';
import { rebandedBy } from './regime-transition';
import { specificSeriousOf } from './specific-serious.rules';

/** What of the catalog item the window depends on (an IndexedItem's `definition` fits). */
export type WindowItem = Pick<CatalogItemInput, 'code' | 'recordKind' | 'dishonesty' | 'publish' | 'leniency'>;

export interface WindowInput {
  readonly item: WindowItem;
  /** The bundle's regimes (any order). */
  readonly regimes: readonly Regime[];
  readonly decisionDate: string;
  readonly severity?: Severity | null;
  /** A 49号 八(十六) ground found by the identifying department. */
  readonly leniency?: LeniencyGround | null;
  /** Sector with its own minimum period under the regime (Order 58: safety, food, drugs). */
  readonly sector?: Sector | null;
  /** End of the underlying status for WHILE_VALID items (licence expiry, listing end…). */
  readonly validUntil?: string | null;
  /** 处罚类别 of a penalty: decides 特定严重失信 under a regime that has it. */
  readonly penaltyCategory?: string | null;
  /** The 特定严重失信 field or conduct the department found (publication-regimes.yaml specificSerious). */
  readonly specificSeriousGround?: string | null;
}

export interface PublicationWindow {
  /** Code of the regime that set the bounds; null when no regime applies. */
  readonly regime: string | null;
  /** First day of publication; null = not published. */
  readonly publishFrom: string | null;
  /** End of the minimum period: repair may be applied for after it. */
  readonly publishMinUntil: string | null;
  /** 公示截止期: publication stops by itself after it; null with publishFrom set = while valid. */
  readonly publishUntil: string | null;
  /** False: the leniency ground forbids recording at all; the caller must not write the record. */
  readonly recorded: boolean;
  readonly note?: string;
  /** The field or conduct making the record 特定严重失信: published for the full period, never repaired. */
  readonly specificSerious?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Bounds {
  regime: string | null;
  published: boolean;
  minMonths: number | null;
  maxMonths: number | null;
  note?: string;
  specificSerious?: string;
  /** Set when a later regime re-banded the record: its window cannot end before this day. */
  notBefore?: string;
}

export function publicationWindow(input: WindowInput): PublicationWindow {
  const { item, decisionDate } = input;
  if (!DATE.test(decisionDate)) throw new Error(`decision date must be written YYYY-MM-DD, got ${JSON.stringify(decisionDate)}`);
  if (item.dishonesty && !input.severity) {
    throw new Error(`item ${item.code} is dishonesty information: the record needs a severity (MINOR, GENERAL or SERIOUS)`);
  }
  const treatment = leniencyTreatment(item, input.leniency);
  if (treatment === 'NOT_RECORDED') {
    return { ...closed(null), recorded: false, note: `${input.leniency}: not recorded under item ${item.code} (49号 八(十六))` };
  }
  const bounds = boundsOf(input);
  if (!bounds.published) return { ...closed(bounds.regime), recorded: true, note: bounds.note };
  if (treatment === 'NOT_PUBLISHED') {
    return { ...closed(bounds.regime), recorded: true, note: `${input.leniency}: recorded but not published (49号 八(十六))` };
  }
  const window = open(decisionDate, bounds, input.validUntil ?? null, item.code);
  if (treatment === 'SHORTENED' && window.publishMinUntil !== null) {
    // Modelling choice: 49号 八(十六) asks for 宽容审慎 without saying how much shorter. We publish
    // for the minimum period only, i.e. the minimum becomes the maximum; repair can then be
    // applied for on the day publication would stop anyway.
    return { ...window, publishUntil: window.publishMinUntil, note: `${input.leniency}: period shortened to the minimum (49号 八(十六))` };
  }
  return window;
}

function closed(regime: string | null): Omit<PublicationWindow, 'recorded'> {
  return { regime, publishFrom: null, publishMinUntil: null, publishUntil: null };
}

function open(decisionDate: string, b: Bounds, validUntil: string | null, code: string): PublicationWindow {
  const special = b.specificSerious === undefined ? {} : { specificSerious: b.specificSerious };
  if (b.minMonths === null || b.maxMonths === null) {
    // WHILE_VALID: no minimum period; publication ends with the status, or stays open.
    if (validUntil !== null && (!DATE.test(validUntil) || validUntil < decisionDate)) {
      throw new Error(`item ${code}: validUntil ${validUntil} must be a date on or after the decision date ${decisionDate}`);
    }
    return { regime: b.regime, publishFrom: decisionDate, publishMinUntil: null, publishUntil: validUntil, recorded: true, note: b.note };
  }
  const atLeast = (d: string) => (b.notBefore !== undefined && d < b.notBefore ? b.notBefore : d);
  return {
    regime: b.regime,
    publishFrom: decisionDate,
    publishMinUntil: atLeast(addMonths(decisionDate, b.minMonths)),
    publishUntil: atLeast(addMonths(decisionDate, b.maxMonths)),
    recorded: true,
    note: b.note,
    ...special,
  };
}

function leniencyTreatment(item: WindowItem, ground: LeniencyGround | null | undefined) {
  if (!ground) return 'NONE';
  if (!item.leniency) {
    throw new Error(`item ${item.code} states no leniency treatment (only dishonesty items do), so ground ${ground} cannot apply`);
  }
  return item.leniency[ground];
}

function boundsOf(input: WindowInput): Bounds {
  const { publish } = input.item;
  if (publish.scope === 'NONE') return { regime: null, published: false, minMonths: null, maxMonths: null };
  const period = publish.period;
  switch (period.basis) {
    case 'FIXED':
      return { regime: null, published: true, minMonths: period.minMonths, maxMonths: period.maxMonths };
    case 'WHILE_VALID':
      return { regime: null, published: true, minMonths: null, maxMonths: null };
    case 'REGIME':
      return regimeBounds(input);
  }
}

function regimeBounds(input: WindowInput): Bounds {
  const { item, decisionDate, severity } = input;
  if (!severity) throw new Error(`item ${item.code} takes its period from the publication regime: the record needs a severity`);
  const regime = regimeOn(input.regimes, decisionDate);
  if (!regime) throw new Error(uncovered(input.regimes, decisionDate, item.code));
  if (!regime.recordKinds.includes(item.recordKind)) {
    throw new Error(`publication regime ${regime.code} sets no period for record kind ${item.recordKind} (item ${item.code})`);
  }
  const special = specificSeriousOf(regime, {
    severity, penaltyCategory: input.penaltyCategory ?? null, sector: input.sector ?? null, named: input.specificSeriousGround ?? null,
  });
  if (special && 'problem' in special) throw new Error(special.problem);
  if (special) {
    // 特定严重失信: "严格按最长公示期限予以公示" — no earlier end, so the minimum is the whole period.
    const months = regime.specificSerious!.months;
    return { regime: regime.code, published: true, minMonths: months, maxMonths: months, specificSerious: special.ground, note: `特定严重失信 (${special.ground}): published ${months} months, not repairable (${regime.specificSerious!.basis[0]})` };
  }
  const own = tierBounds(regime, severity, input.sector ?? null);
  const later = rebandedBy(input.regimes, regime, item.recordKind, own.maxMonths === null ? null : addMonths(decisionDate, own.maxMonths));
  if (!later) return own;
  const banded = tierBounds(later.regime, severity, input.sector ?? null);
  // A tier the new regime does not publish stops on the last day of the old regime.
  return banded.published
    ? { ...banded, notBefore: later.notBefore, note: later.note }
    : { regime: later.regime.code, published: true, minMonths: 0, maxMonths: 0, notBefore: later.notBefore, note: `${later.note}; ${banded.note}` };
}

/** Why no regime covers the date: before the earliest one modelled, or in a gap. */
function uncovered(regimes: readonly Regime[], date: string, code: string): string {
  const ordered = [...regimes].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const first = ordered[0];
  if (first && date < first.validFrom) {
    return `decision date ${date} is before ${first.validFrom}, the earliest date a modelled publication regime covers (${first.code}, ${first.documentNumber}); ` +
      `the rules for publishing penalty information decided earlier were not found, so such a decision cannot be recorded (item ${code})`;
  }
  const known = ordered.map((r) => `${r.code} ${r.validFrom}..${r.validTo ?? 'open'}`).join(', ');
  return `no publication regime covers decision date ${date} (item ${code}); regimes: ${known || 'none loaded'}`;
}

function tierBounds(regime: Regime, severity: Severity, sector: Sector | null): Bounds {
  const tier = regime.tiers[severity];
  if (!tier.published) {
    return { regime: regime.code, published: false, minMonths: null, maxMonths: null, note: `${severity}: not published under ${regime.code}` };
  }
  const sectorMin = sector ? tier.minMonthsBySector?.[sector] : undefined;
  const minMonths = sectorMin ?? tier.minMonths;
  // A sector minimum longer than the tier's maximum would invert the window; the maximum then
  // stretches to the minimum rather than publication ending before repair may be applied for.
  return { regime: regime.code, published: true, minMonths, maxMonths: Math.max(minMonths, tier.maxMonths) };
}

/** The regime whose [validFrom, validTo] contains the date (validTo null = still in force). */
export function regimeOn(regimes: readonly Regime[], date: string): Regime | undefined {
  return regimes.find((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
}

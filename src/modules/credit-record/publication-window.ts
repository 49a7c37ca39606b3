/**
 * The publication window of one credit record, computed from its catalog item, the
 * publication regime in force on the decision date and the record's severity and leniency
 * ground. Pure: no clock, no database. Every date is a legal date 'YYYY-MM-DD'; periods run
 * from the decision date (公务文书认定之日, domain.md §5.1).
 */
import type { CatalogItemInput, LeniencyGround, Severity } from '../../catalog/catalog.schema';
import type { Regime, Sector } from '../../catalog/vocabulary.schema';
import { addMonths } from '../../time/legal-date';

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
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Bounds {
  regime: string | null;
  published: boolean;
  minMonths: number | null;
  maxMonths: number | null;
  note?: string;
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
  if (b.minMonths === null || b.maxMonths === null) {
    // WHILE_VALID: no minimum period; publication ends with the status, or stays open.
    if (validUntil !== null && (!DATE.test(validUntil) || validUntil < decisionDate)) {
      throw new Error(`item ${code}: validUntil ${validUntil} must be a date on or after the decision date ${decisionDate}`);
    }
    return { regime: b.regime, publishFrom: decisionDate, publishMinUntil: null, publishUntil: validUntil, recorded: true, note: b.note };
  }
  return {
    regime: b.regime,
    publishFrom: decisionDate,
    publishMinUntil: addMonths(decisionDate, b.minMonths),
    publishUntil: addMonths(decisionDate, b.maxMonths),
    recorded: true,
    note: b.note,
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
  if (!regime) {
    const known = [...input.regimes].sort((a, b) => a.validFrom.localeCompare(b.validFrom))
      .map((r) => `${r.code} ${r.validFrom}..${r.validTo ?? 'open'}`).join(', ');
    throw new Error(`no publication regime covers decision date ${decisionDate} (item ${item.code}); regimes: ${known || 'none loaded'}`);
  }
  if (!regime.recordKinds.includes(item.recordKind)) {
    throw new Error(`publication regime ${regime.code} sets no period for record kind ${item.recordKind} (item ${item.code})`);
  }
  const tier = regime.tiers[severity];
  if (!tier.published) {
    return { regime: regime.code, published: false, minMonths: null, maxMonths: null, note: `${severity}: not published under ${regime.code}` };
  }
  const sectorMin = input.sector ? tier.minMonthsBySector?.[input.sector] : undefined;
  const minMonths = sectorMin ?? tier.minMonths;
  // A sector minimum longer than the tier's maximum would invert the window; the maximum then
  // stretches to the minimum rather than publication ending before repair may be applied for.
  return { regime: regime.code, published: true, minMonths, maxMonths: Math.max(minMonths, tier.maxMonths) };
}

/** The regime whose [validFrom, validTo] contains the date (validTo null = still in force). */
export function regimeOn(regimes: readonly Regime[], date: string): Regime | undefined {
  return regimes.find((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
}

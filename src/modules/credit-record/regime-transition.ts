/**
 * Transitional treatment between publication regimes (publication-regimes.yaml `earlierRecords`):
 * whether a regime that comes into force re-bands records decided before it and still published
 * on its first day. Pure. The shipped regimes all keep the regime of the decision date (立法法
 * 第一百零四条); REBAND_STILL_PUBLISHED is there for a regime whose text provides otherwise.
 */
import type { RecordKind } from '../../catalog/record-kinds';
import type { Regime } from '../../catalog/vocabulary.schema';
import { addDays } from '../../time/legal-date';

export interface Rebanding {
  readonly regime: Regime;
  /** The last day the record was published under its own regime: a new band never ends before it. */
  readonly notBefore: string;
  readonly note: string;
}

/**
 * The first later regime that re-bands a record of `kind` decided under `own` whose own
 * publication would still run on that regime's first day (`ownEnd` on or after it); undefined
 * when none does. One step only: the re-banded record is not re-banded again.
 */
export function rebandedBy(regimes: readonly Regime[], own: Regime, kind: RecordKind, ownEnd: string | null): Rebanding | undefined {
  if (ownEnd === null) return undefined;
  const later = [...regimes]
    .filter((r) => r.validFrom > own.validFrom && r.earlierRecords?.treatment === 'REBAND_STILL_PUBLISHED' && r.recordKinds.includes(kind))
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
    .find((r) => ownEnd >= r.validFrom);
  if (!later) return undefined;
  return {
    regime: later,
    notBefore: addDays(later.validFrom, -1),
    note: `decided under ${own.code}, still published on ${later.validFrom}: re-banded under ${later.code} (${later.earlierRecords!.basis[0]})`,
  };
}

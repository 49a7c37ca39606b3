/** When a finding about a subject can have been made. */
import type { IndexedItem } from '../../catalog/catalog.index';
import type { SeedContext } from '../context';
import type { SubjectDraft } from '../subjects';

/** Records begin with the credit platforms (2015) and never before the subject existed. */
const PLATFORM_FROM = '2015-01-01';

/**
 * The first possible decision date, or null when none is possible by today. Items whose
 * period comes from a regime start with the earliest regime, so that one always covers them.
 */
export function earliestDecision(ctx: SeedContext, item: IndexedItem, s: SubjectDraft): string | null {
  let from = s.establishedOn !== null && s.establishedOn > PLATFORM_FROM ? s.establishedOn : PLATFORM_FROM;
  const publish = item.publish;
  if (publish.scope !== 'NONE' && publish.period.basis === 'REGIME') {
    const first = ctx.bundle.regimes[0]?.validFrom;
    if (first === undefined) return null;
    if (first > from) from = first;
  }
  return from <= ctx.today ? from : null;
}

/**
 * 公示截止期 as the determining department states it (49号 三(五): publication content and period
 * follow the determining department's). A stated date is kept when it lies within the bounds the
 * regime (or the item) sets for this record — not before the minimum period ends, not after the
 * maximum — and refused otherwise; with none stated the computed end applies. Pure.
 */
import type { PublicationWindow } from './publication-window';

export const PUBLICATION_END_SOURCES = ['STATED', 'COMPUTED'] as const;
export type PublicationEndSource = (typeof PUBLICATION_END_SOURCES)[number];

export type StatedEnd =
  | { readonly window: PublicationWindow; readonly source: PublicationEndSource }
  | { readonly problem: string };

export function withStatedEnd(window: PublicationWindow, stated: string | null | undefined, decisionDate: string): StatedEnd {
  if (!stated) return { window, source: 'COMPUTED' };
  const under = window.regime ? `regime ${window.regime}` : "the item's own period";
  if (window.publishFrom === null) {
    return { problem: `公示截止期 ${stated} is stated, but this record is not published (${window.note ?? under}); leave statedPublicationEnd out` };
  }
  const earliest = window.publishMinUntil ?? window.publishFrom;
  const latest = window.publishUntil;
  if (stated < earliest || (latest !== null && stated > latest)) {
    const band = latest === null ? `on or after ${earliest}` : `between ${earliest} (end of the minimum period) and ${latest} (end of the maximum period)`;
    return { problem: `公示截止期 ${stated} is outside the bounds of ${under} for this record, decided ${decisionDate}: it must be ${band}` };
  }
  return { window: { ...window, publishUntil: stated }, source: 'STATED' };
}

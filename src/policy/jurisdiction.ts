/**
 * Jurisdiction (管辖): which agencies an agency answers for. A department's providing capacity
 * and its procedural powers (revoke, decide an objection or a repair, notify and decide a
 * listing, apply or lift a measure) extend to what it or the agencies under it recorded; a
 * superior agency of the same department system acts on its subordinates' records.
 *
 * The hierarchy is derived from the agencies' own facts — department system, administrative
 * level and GB/T 2260 region code — so a deployment's agency registry needs no hand-kept parent
 * column that could contradict them: 江苏省市场监督管理局 (SAMR, PROVINCE, 320000) is above
 * 南京市市场监督管理局 (SAMR, PREFECTURE, 320100), which is above 南京市鼓楼区市场监督管理局
 * (SAMR, COUNTY, 320106); a national body (region 100000) is above its whole system.
 */

export const LEVELS = ['NATIONAL', 'PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP'] as const;
export type Level = (typeof LEVELS)[number];

/** What jurisdiction reads of an agency. */
export interface AgencyFacts {
  readonly code: string;
  readonly system: string;
  readonly level: Level;
  readonly kind: string;
  /** GB/T 2260 six-digit code; 100000 for national bodies. */
  readonly regionCode: string;
}

const RANK: Readonly<Record<Level, number>> = { NATIONAL: 0, PROVINCE: 1, PREFECTURE: 2, COUNTY: 3, TOWNSHIP: 4 };

export function levelRank(level: Level): number {
  return RANK[level];
}

/**
 * The prefix of region codes an agency of this level at this region covers: national '' (all),
 * province the first two digits, prefecture four, county and township all six.
 */
export function regionPrefix(level: Level, regionCode: string): string {
  switch (level) {
    case 'NATIONAL':
      return '';
    case 'PROVINCE':
      return regionCode.slice(0, 2);
    case 'PREFECTURE':
      return regionCode.slice(0, 4);
    default:
      return regionCode;
  }
}

/** Does the area of an agency at `level`/`regionCode` contain the region `inner`? */
export function regionCovers(level: Level, regionCode: string, inner: string): boolean {
  return inner.startsWith(regionPrefix(level, regionCode));
}

/**
 * Is `other` the agency itself or one under it: same department system, at the same or a lower
 * level, inside its area. Two county bureaus of one city are not under each other.
 */
export function isWithin(actor: AgencyFacts, other: AgencyFacts): boolean {
  if (actor.code === other.code) return true;
  if (actor.system !== other.system) return false;
  if (levelRank(other.level) <= levelRank(actor.level)) return false;
  return regionCovers(actor.level, actor.regionCode, other.regionCode);
}

/** The nearest superior of `agency` among `all`: same system, the closest higher level whose area contains it. */
export function parentOf(agency: AgencyFacts, all: readonly AgencyFacts[]): AgencyFacts | undefined {
  let best: AgencyFacts | undefined;
  for (const a of all) {
    if (a.code === agency.code || !isWithin(a, agency)) continue;
    if (!best || levelRank(a.level) > levelRank(best.level)) best = a;
  }
  return best;
}

const codeSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Is `code` among `codes` (a jurisdiction: CallerAuthority.jurisdiction, a gate's recordedBy)?
 * A set is made once per list — the lists live as long as the agency directory — so the test
 * is a lookup on the per-record hot path and in every procedure check alike.
 */
export function inJurisdiction(codes: readonly string[], code: string): boolean {
  let set = codeSets.get(codes);
  if (!set) codeSets.set(codes, (set = new Set(codes)));
  return set.has(code);
}

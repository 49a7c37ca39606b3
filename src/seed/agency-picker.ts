/**
 * Which agency identifies a record: one of the item's provider system, as close to the
 * subject as the directory has — the county bureau most often, then the city, the province,
 * and only rarely the ministry itself. Also checks that the directory covers the catalog.
 */
import type { CatalogBundle } from '../catalog/catalog.bundle';
import type { CatalogIndex } from '../catalog/catalog.index';
import type { DemoAgency } from './agencies';
import { weighted, type Rng } from './random';

// Relative weights by distance between the agency's region and the subject's.
const WEIGHT = { county: 6, prefecture: 3, province: 1.2, national: 0.05 } as const;

function distance(agencyRegion: string, subjectRegion: string): keyof typeof WEIGHT | undefined {
  if (agencyRegion === '100000') return 'national';
  if (agencyRegion === subjectRegion) return 'county';
  if (agencyRegion.endsWith('0000')) return agencyRegion.slice(0, 2) === subjectRegion.slice(0, 2) ? 'province' : undefined;
  if (agencyRegion.endsWith('00')) return agencyRegion.slice(0, 4) === subjectRegion.slice(0, 4) ? 'prefecture' : undefined;
  return undefined;
}

export class AgencyPicker {
  private readonly bySystem = new Map<string, DemoAgency[]>();
  private readonly candidates = new Map<string, Array<readonly [DemoAgency, number]>>();

  constructor(readonly all: readonly DemoAgency[]) {
    for (const a of all) {
      const list = this.bySystem.get(a.system) ?? [];
      list.push(a);
      this.bySystem.set(a.system, list);
    }
  }

  has(system: string): boolean {
    return this.bySystem.has(system);
  }

  byCode(code: string): DemoAgency {
    const agency = this.all.find((a) => a.code === code);
    if (!agency) throw new Error(`no demo agency ${code}`);
    return agency;
  }

  /** An agency of `system` for a subject in `regionCode`; throws when the system has none nearby. */
  pick(rng: Rng, system: string, regionCode: string): DemoAgency {
    const key = `${system}|${regionCode}`;
    let list = this.candidates.get(key);
    if (!list) {
      list = (this.bySystem.get(system) ?? []).flatMap((a) => {
        const d = distance(a.regionCode, regionCode);
        return d ? [[a, WEIGHT[d]] as const] : [];
      });
      this.candidates.set(key, list);
    }
    if (list.length === 0) throw new Error(`no demo agency of system ${system} serves region ${regionCode}`);
    return weighted(rng, list);
  }
}

/**
 * Every system the catalog names — item providers, agencies of share rules, list deciders —
 * must have an agency, or records could not be attributed and rules could never match.
 */
export function missingSystems(picker: AgencyPicker, catalog: CatalogIndex, bundle: CatalogBundle): string[] {
  const named = new Set<string>();
  for (const item of catalog.itemsInForce()) {
    named.add(item.provider);
    for (const a of item.share.agencies) if (a !== '*') named.add(a);
  }
  for (const t of bundle.listTypes) named.add(t.decidingSystem);
  return [...named].filter((s) => !picker.has(s)).sort();
}

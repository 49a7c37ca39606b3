/**
 * The catalog in force, replaceable while the server runs. Services keep the `index` handle
 * they were built with; every call through it reads the snapshot current at that moment, and
 * a method call runs entirely on one snapshot (it is bound to it). A snapshot is immutable
 * (CatalogIndex), so swapping it is one reference assignment: no request ever sees half of one.
 *
 * `reload()` rebuilds the snapshot from the shipped files (the very texts the server started
 * with: a file edited on disk since is refused) and the database: published
 * versions are in force (`itemByCode`, `itemsInForce`, the measures list), retired ones keep
 * their item definitions (`item(id)`, `allItems`) so that records made under them stay
 * readable by those entitled. Reloads run one after another, each reading the committed
 * state after the previous one finished, so the last snapshot reflects every committed change.
 */
import type { CatalogBundle } from '../../catalog/catalog.bundle';
import { CatalogIndex } from '../../catalog/catalog.index';
import { CatalogLoadError } from '../../catalog/catalog.loader';
import type { RepoOf } from '../unit-of-work';
import { CatalogSources } from './catalog-sources';
import type { CatalogVersionRepo } from './catalog-version.repo';

export class LiveCatalog {
  private current: CatalogIndex;
  private queue: Promise<unknown> = Promise.resolve();
  /** The stable handle services hold. */
  readonly index: CatalogIndex;

  constructor(initial: CatalogIndex, private readonly versions: RepoOf<CatalogVersionRepo>, readonly sources = new CatalogSources(initial.bundle.sourceHashes)) {
    this.current = initial;
    const live = this;
    // Methods are bound once per snapshot, not per call: the handle sits on the hot path.
    let boundTo: CatalogIndex | undefined;
    let bound = new Map<PropertyKey, unknown>();
    this.index = new Proxy(initial, {
      get(_target, prop) {
        const snapshot = live.current;
        const value = Reflect.get(snapshot, prop, snapshot);
        if (typeof value !== 'function') return value;
        if (boundTo !== snapshot) {
          boundTo = snapshot;
          bound = new Map();
        }
        let fn = bound.get(prop);
        if (!fn) bound.set(prop, (fn = value.bind(snapshot)));
        return fn;
      },
    });
  }

  /** The snapshot in force now (for code that must read several things from one snapshot). */
  snapshot(): CatalogIndex {
    return this.current;
  }

  /** Rebuilds from the committed state; on failure the previous snapshot stays in force. */
  reload(): Promise<void> {
    const run = this.queue.then(async () => {
      this.current = await this.build();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async build(): Promise<CatalogIndex> {
    const repo = this.versions;
    const versions = await repo.withDefinitions();
    const result = this.sources.validate(versions);
    if (!result.ok) throw new CatalogLoadError(result.problems);
    const status = new Map(versions.map((v) => [v.id, v.status]));
    const bundle: CatalogBundle = {
      ...result.bundle,
      catalogs: result.bundle.catalogs.filter((c) => status.get(c.id) === 'PUBLISHED' || status.get(c.id) === 'RETIRED'),
      measureLists: result.bundle.measureLists.filter((m) => status.get(m.id) === 'PUBLISHED'),
    };
    const published = new Set(versions.filter((v) => v.status === 'PUBLISHED').map((v) => v.id));
    const retired = new Set(versions.filter((v) => v.status === 'RETIRED').map((v) => v.id));
    return new CatalogIndex(bundle, await repo.itemIds(), published, retired);
  }
}

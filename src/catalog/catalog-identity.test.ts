/**
 * CatalogIndex.identity is a function of the catalog's content, not of the order its parts were
 * read in: what is only looked up may come in any order; what is read in order, and any change
 * of content, gives another name.
 */
import type { CatalogBundle } from './catalog.bundle';
import { CatalogIndex, type ItemIdRow } from './catalog.index';
import { loadCatalogBundle } from './catalog.loader';

const bundle = loadCatalogBundle();
let n = 0;
const ids: ItemIdRow[] = bundle.catalogs.flatMap((c) => c.items.map((i) => ({ id: ++n, versionId: c.id, code: i.code })));
const published = new Set([...bundle.catalogs, ...bundle.measureLists, ...bundle.agreementSets].map((v) => v.id));
const reference = new CatalogIndex(bundle, ids, published);

/** The same object with its keys in the reverse order. */
const keysReversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;

describe('CatalogIndex.identity', () => {
  it('is the same for the same catalog with its lookups read in other orders', () => {
    expect(bundle.catalogs.length).toBeGreaterThan(1);
    const reordered: CatalogBundle = keysReversed({
      ...bundle,
      catalogs: [...bundle.catalogs].reverse(),
      measureImplementers: new Map([...bundle.measureImplementers].reverse()),
      sourceHashes: keysReversed(bundle.sourceHashes),
    });
    const other = new CatalogIndex(reordered, [...ids].reverse(), new Set([...published].reverse()), new Set());
    expect(other.identity).toBe(reference.identity);
    // The same snapshot in every way the request path reads it.
    expect(other.itemsInForce().map((i) => [i.id, i.code])).toEqual(reference.itemsInForce().map((i) => [i.id, i.code]));
    expect(other.allItems().map((i) => i.id)).toEqual(reference.allItems().map((i) => i.id));
  });

  it('changes with the content: an item\'s text, an item\'s id, a version\'s status', () => {
    const renamed: CatalogBundle = {
      ...bundle,
      catalogs: bundle.catalogs.map((c, k) => (k === 0 ? { ...c, items: c.items.map((i, j) => (j === 0 ? { ...i, name: `${i.name}（修订）` } : i)) } : c)),
    };
    const renumbered = ids.map((r, k) => (k === 0 ? { ...r, id: 1000 } : r));
    const retiredLocal = new Set([...published].filter((id) => id !== 'shenzhen-2023'));
    const names = [
      new CatalogIndex(renamed, ids, published).identity,
      new CatalogIndex(bundle, renumbered, published).identity,
      new CatalogIndex(bundle, ids, retiredLocal, new Set(['shenzhen-2023'])).identity,
    ];
    expect(new Set([reference.identity, ...names]).size).toBe(4);
  });

  it('changes with the order of what is read in order: two measures lists the other way round', () => {
    const list = bundle.measureLists[0]!;
    const later = { ...list, id: 'measures-2027' };
    const withBoth = (lists: CatalogBundle['measureLists']) =>
      new CatalogIndex({ ...bundle, measureLists: lists }, ids, new Set([...published, later.id])).identity;
    expect(withBoth([list, later])).not.toBe(withBoth([later, list]));
  });
});

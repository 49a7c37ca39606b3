/**
 * The name of a catalog snapshot (CatalogIndex.identity): a hash of its content in a canonical
 * form, so that every instance that built the same catalog names it the same, whatever order its
 * queries returned rows in (the public cache's Redis tier shares answers under this name).
 *
 * Canonical: what is only ever looked up is hashed sorted by its key — the items' ids (by id),
 * the published and retired versions, the catalogs (every reader finds a version by id or takes
 * the union of their items), the measure implementers (by measure code), the source hashes (by
 * file name), the bundle's own fields (by name). What someone reads in order is hashed in its
 * order, because another order is another answer: the measures lists (`punishmentMeasures` lists
 * them in order) and the agreement versions (the first agreement covering a read is the one the
 * access log names). Their order is fixed where they are read: shipped files by file name,
 * versions created through the API by creation (CatalogVersionRepo.withDefinitions).
 */
import { createHash } from 'node:crypto';
import type { CatalogBundle } from './catalog.bundle';

/** A database row naming one item of one version (catalog_items). */
export interface ItemIdRow {
  id: number;
  versionId: string;
  code: string;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortedBy<T>(values: Iterable<T>, key: (value: T) => string): T[] {
  return [...values].sort((a, b) => byText(key(a), key(b)));
}

export function catalogIdentity(
  bundle: CatalogBundle, ids: readonly ItemIdRow[], published: ReadonlySet<string>, retired: ReadonlySet<string>,
): string {
  const fields: Record<string, unknown> = {
    ...bundle,
    catalogs: sortedBy(bundle.catalogs, (c) => c.id),
    measureImplementers: sortedBy(bundle.measureImplementers, ([code]) => code),
    sourceHashes: sortedBy(Object.entries(bundle.sourceHashes), ([file]) => file),
  };
  const items = [...ids].sort((a, b) => a.id - b.id).map((r) => [r.id, r.versionId, r.code]);
  const content = JSON.stringify(
    [sortedBy(Object.entries(fields), ([name]) => name), items, sortedBy(published, (id) => id), sortedBy(retired, (id) => id)],
    // Any other Map or Set (none today) as its entries, in the order its document gave them.
    (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value),
  );
  return createHash('sha256').update(content).digest('base64url');
}

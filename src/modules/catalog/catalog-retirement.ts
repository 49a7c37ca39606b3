/**
 * What retiring a version would break, checked before it happens: a supplementary catalog in
 * force applies on a base catalog in force, and a serious list (49号 四(六)) needs its item in
 * a catalog in force, or no listing could be recorded any more. Records already made keep
 * their version either way.
 */
import type { CatalogBundle } from '../../catalog/catalog.bundle';
import type { CatalogVersionSummary } from './catalog-version.repo';

export function retirementProblem(id: string, versions: readonly CatalogVersionSummary[], bundle: CatalogBundle): string | undefined {
  const published = new Set(versions.filter((v) => v.status === 'PUBLISHED' && v.id !== id).map((v) => v.id));
  const dependants = versions.filter((v) => v.baseVersionId === id && v.status === 'PUBLISHED').map((v) => v.id);
  if (dependants.length) {
    return `supplementary catalog(s) ${dependants.join(', ')} in force apply on ${id}; retire them first, or publish their successors on a new base`;
  }
  const stillHeld = (code: string) => bundle.catalogs.some((c) => published.has(c.id) && c.items.some((i) => i.code === code));
  const orphaned = bundle.listTypes.filter((t) => t.catalogItem.catalog === id && !stillHeld(t.catalogItem.code));
  if (orphaned.length) {
    const names = orphaned.map((t) => `${t.code} (item ${t.catalogItem.code})`).join(', ');
    return `serious list(s) ${names} record their listings under items of ${id}; publish a version holding those items before retiring it`;
  }
  return undefined;
}

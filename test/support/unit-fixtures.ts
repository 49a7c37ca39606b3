/**
 * What a service's unit test needs besides its repositories, with no database: the shipped
 * catalog as an index (item ids numbered in file order, every version in force) and the demo
 * agency registry as a directory.
 */
import { CatalogIndex } from '../../src/catalog/catalog.index';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { AgencyDirectory } from '../../src/modules/agency/agency.directory';
import { agencyRow, DEMO_AGENCIES } from '../../src/seed/agencies';

export function shippedCatalogIndex(): CatalogIndex {
  const bundle = loadCatalogBundle();
  let id = 0;
  const ids = bundle.catalogs.flatMap((c) => c.items.map((i) => ({ id: ++id, versionId: c.id, code: i.code })));
  return new CatalogIndex(bundle, ids, new Set(bundle.catalogs.map((c) => c.id)));
}

export async function demoAgencyDirectory(): Promise<AgencyDirectory> {
  const directory = new AgencyDirectory({ all: async () => DEMO_AGENCIES.map((a) => ({ ...agencyRow(a), uscc: agencyRow(a).uscc ?? null })) });
  await directory.reload();
  return directory;
}

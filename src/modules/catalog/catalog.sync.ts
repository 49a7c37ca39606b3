/**
 * Brings the database's catalog tables in line with the shipped catalog files, then builds
 * the in-memory index. A version not yet in the database is inserted as DRAFT with its
 * items and published in the same transaction. A published version whose file changed is
 * refused: published catalogs are immutable, so the change must ship as a new version id.
 */
import { basisText } from '../../catalog/legal-basis.schema';
import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database';
import { catalogItems, catalogVersions, punishmentMeasures, purposes, seriousListTypes } from '../../db/schema';
import type { AgreementSet, CatalogBundle, CatalogVersion, MeasureListVersion } from '../../catalog/catalog.bundle';
import { CatalogIndex } from '../../catalog/catalog.index';

export class CatalogSyncError extends Error {}

type VersionFile = CatalogVersion | MeasureListVersion | AgreementSet;

function versionRow(v: VersionFile, hash: string, now: Date) {
  return {
    id: v.id,
    kind: v.kind,
    title: v.title,
    edition: v.id.replace(/^.*-(\d{4})$/, '$1'),
    documentNumber: 'documentNumber' in v ? v.documentNumber : null,
    regionCode: v.kind === 'SUPPLEMENTARY_CATALOG' ? v.region.code : v.kind === 'SHARING_AGREEMENTS' && v.region !== '100000' ? v.region : null,
    baseVersionId: v.kind === 'SUPPLEMENTARY_CATALOG' ? v.baseCatalog : null,
    status: 'DRAFT' as const,
    sourceHash: hash,
    definition: v,
    createdAt: now,
  };
}

async function insertVersion(tx: Tx, v: VersionFile, hash: string, now: Date): Promise<void> {
  await tx.insert(catalogVersions).values(versionRow(v, hash, now));
  if (v.kind === 'SHARING_AGREEMENTS') {
    // Its document is its content: nothing else to insert.
  } else if (v.kind === 'MEASURE_LIST') {
    if (v.measures.length) {
      await tx.insert(punishmentMeasures).values(
        v.measures.map((m) => ({
          listVersionId: v.id,
          code: m.code,
          name: m.name,
          category: m.category,
          legalBasis: m.legalBasis.map(basisText),
          implementer: m.implementer,
          definition: m,
        })),
      );
    }
  } else if (v.items.length) {
    await tx.insert(catalogItems).values(
      v.items.map((i) => ({
        versionId: v.id,
        code: i.code,
        category: i.category,
        name: i.name,
        recordKind: i.recordKind,
        providerSystem: i.provider,
        dishonesty: i.dishonesty,
        repairable: i.repairable,
        definition: i,
      })),
    );
  }
  await tx.update(catalogVersions).set({ status: 'PUBLISHED', publishedAt: now }).where(eq(catalogVersions.id, v.id));
}

async function syncVocabulary(tx: Tx, bundle: CatalogBundle): Promise<void> {
  for (const p of bundle.purposes) {
    const row = { code: p.code, name: p.name, personalDataBasis: p.personalDataBasis, definition: p };
    await tx.insert(purposes).values(row).onConflictDoUpdate({ target: purposes.code, set: row });
  }
  for (const t of bundle.listTypes) {
    const row = {
      code: t.code,
      name: t.name,
      decidingSystem: t.decidingSystem,
      legalBasis: t.legalBasis,
      standardDocument: t.standard.document,
      standardLevel: t.standard.level,
      commentFrom: t.standard.commentPeriod?.from ?? null,
      commentTo: t.standard.commentPeriod?.to ?? null,
      standardPublishedOn: t.standard.publishedOn,
      catalogItemCode: t.catalogItem.code,
      definition: t,
    };
    await tx.insert(seriousListTypes).values(row).onConflictDoUpdate({ target: seriousListTypes.code, set: row });
  }
}

/** Syncs the files into the database and returns the index the request path reads. */
export async function syncCatalog(db: Db, bundle: CatalogBundle, now = new Date()): Promise<CatalogIndex> {
  const files: VersionFile[] = [...bundle.catalogs, ...bundle.measureLists, ...bundle.agreementSets];
  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: catalogVersions.id, status: catalogVersions.status, sourceHash: catalogVersions.sourceHash })
      .from(catalogVersions)
      .where(inArray(catalogVersions.id, files.map((f) => f.id)));
    const known = new Map(existing.map((e) => [e.id, e]));
    for (const v of files) {
      const hash = bundle.sourceHashes[v.sourceFile] ?? '';
      const row = known.get(v.id);
      if (!row) await insertVersion(tx, v, hash, now);
      else if (row.status !== 'DRAFT' && row.sourceHash !== hash) {
        throw new CatalogSyncError(
          `catalog file ${v.sourceFile} changed after version ${v.id} was published; ` +
            'published versions are immutable — give the changed file a new version id',
        );
      }
    }
    await syncVocabulary(tx, bundle);
  });
  return loadCatalogIndex(db, bundle);
}

/** Reads item ids and version statuses and builds the index. */
export async function loadCatalogIndex(db: Db, bundle: CatalogBundle): Promise<CatalogIndex> {
  const [ids, versions] = await Promise.all([
    db.select({ id: catalogItems.id, versionId: catalogItems.versionId, code: catalogItems.code }).from(catalogItems),
    db.select({ id: catalogVersions.id, status: catalogVersions.status }).from(catalogVersions),
  ]);
  const published = new Set(versions.filter((v) => v.status === 'PUBLISHED').map((v) => v.id));
  const retired = new Set(versions.filter((v) => v.status === 'RETIRED').map((v) => v.id));
  return new CatalogIndex(bundle, ids, published, retired);
}

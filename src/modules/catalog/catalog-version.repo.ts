/**
 * CatalogVersionRepo: reads and writes catalog versions and their content (items, measures)
 * for the publishing workflow. The database's triggers refuse any change to a version that
 * left DRAFT and any transition other than DRAFT → PUBLISHED → RETIRED; the conditional
 * UPDATEs here make the application's own refusal precise, and concurrent changes exact.
 */
import { basisText } from '../../catalog/legal-basis.schema';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AgreementSet, CatalogItem, CatalogVersion, MeasureListVersion } from '../../catalog/catalog.bundle';
import type { Queryable } from '../../db/database';
import { catalogItems, catalogVersions, punishmentMeasures } from '../../db/schema';
import type { VersionApproval, VersionConsultation } from '../../db/schema/catalog';


/** The text of a version as the bundle assembles it: a catalog, a measures list, or a version of agreements. */
type VersionText = CatalogVersion | MeasureListVersion | AgreementSet;

/** A supplementary catalog's region, an agreements version's area (null when national), else null. */
function regionOf(v: VersionText): string | null {
  if (v.kind === 'SUPPLEMENTARY_CATALOG') return v.region.code;
  if (v.kind === 'SHARING_AGREEMENTS') return v.region === '100000' ? null : v.region;
  return null;
}

export type CatalogVersionRow = typeof catalogVersions.$inferSelect;
export type CatalogVersionSummary = Omit<CatalogVersionRow, 'definition'> & { entries: number };

/** Who published a version and on which records (DRAFT → PUBLISHED through the API). */
export interface PublicationRecord {
  publishedBy: string;
  /** The token subject who published it. */
  publishedByOfficial: string;
  approval: VersionApproval;
  /** Null for an agreements version: it needs no public consultation. */
  consultation: VersionConsultation | null;
}

/** One lock for every catalog change, so a change is validated against the state it commits on. */
const CATALOG_LOCK = 4_920_001;

export class CatalogVersionRepo {
  constructor(private readonly db: Queryable) {}

  async lockCatalog(): Promise<void> {
    await this.db.execute(sql`SELECT pg_advisory_xact_lock(${CATALOG_LOCK})`);
  }

  /**
   * Every version with its stored document: what the bundle is validated from. Oldest first: the
   * bundle keeps this order for the versions made through the API, and it is read in order (the
   * measures lists' answer, the first agreement covering a read), so every instance must get it alike.
   */
  withDefinitions(): Promise<Array<Pick<CatalogVersionRow, 'id' | 'status' | 'definition'>>> {
    return this.db.select({ id: catalogVersions.id, status: catalogVersions.status, definition: catalogVersions.definition })
      .from(catalogVersions)
      .orderBy(asc(catalogVersions.createdAt), asc(catalogVersions.id));
  }

  async findById(id: string): Promise<CatalogVersionRow | undefined> {
    const rows = await this.db.select().from(catalogVersions).where(eq(catalogVersions.id, id)).limit(1);
    return rows[0];
  }

  /** Versions with how many items or measures each holds, oldest first. */
  async summaries(): Promise<CatalogVersionSummary[]> {
    const [versions, items, measures] = await Promise.all([
      this.db.select().from(catalogVersions).orderBy(asc(catalogVersions.createdAt), asc(catalogVersions.id)),
      this.db.select({ id: catalogItems.versionId, n: count() }).from(catalogItems).groupBy(catalogItems.versionId),
      this.db.select({ id: punishmentMeasures.listVersionId, n: count() }).from(punishmentMeasures).groupBy(punishmentMeasures.listVersionId),
    ]);
    const counts = new Map([...items, ...measures].map((c) => [c.id, Number(c.n)]));
    return versions.map(({ definition: _d, ...v }) => ({ ...v, entries: counts.get(v.id) ?? 0 }));
  }

  itemIds(): Promise<Array<{ id: number; versionId: string; code: string }>> {
    return this.db
      .select({ id: catalogItems.id, versionId: catalogItems.versionId, code: catalogItems.code })
      .from(catalogItems)
      .orderBy(asc(catalogItems.id));
  }

  async insertDraft(v: VersionText, document: unknown, hash: string, at: Date): Promise<void> {
    await this.db.insert(catalogVersions).values({
      id: v.id,
      kind: v.kind,
      title: v.title,
      edition: v.id.replace(/^.*-(\d{4})$/, '$1'),
      documentNumber: 'documentNumber' in v ? v.documentNumber ?? null : null,
      regionCode: regionOf(v),
      baseVersionId: v.kind === 'SUPPLEMENTARY_CATALOG' ? v.baseCatalog : null,
      status: 'DRAFT',
      sourceHash: hash,
      definition: document,
      createdAt: at,
    });
    await this.insertContent(v);
  }

  /** Replaces a DRAFT's text and content; false when the version is not (or no longer) a draft. */
  async replaceDraft(v: VersionText, document: unknown, hash: string): Promise<boolean> {
    const rows = await this.db
      .update(catalogVersions)
      .set({
        title: v.title,
        documentNumber: 'documentNumber' in v ? v.documentNumber ?? null : null,
        regionCode: regionOf(v),
        baseVersionId: v.kind === 'SUPPLEMENTARY_CATALOG' ? v.baseCatalog : null,
        sourceHash: hash,
        definition: document,
      })
      .where(and(eq(catalogVersions.id, v.id), eq(catalogVersions.status, 'DRAFT'), eq(catalogVersions.kind, v.kind)))
      .returning({ id: catalogVersions.id });
    if (rows.length === 0) return false;
    await this.db.delete(catalogItems).where(eq(catalogItems.versionId, v.id));
    await this.db.delete(punishmentMeasures).where(eq(punishmentMeasures.listVersionId, v.id));
    await this.insertContent(v);
    return true;
  }

  /** DRAFT → PUBLISHED or PUBLISHED → RETIRED, exactly once; undefined when the version was not in `from`. */
  async move(id: string, from: 'DRAFT' | 'PUBLISHED', at: Date, publication?: PublicationRecord): Promise<CatalogVersionRow | undefined> {
    const set = from === 'DRAFT'
      ? { status: 'PUBLISHED' as const, publishedAt: at, ...(publication ?? {}) }
      : { status: 'RETIRED' as const, retiredAt: at };
    const rows = await this.db
      .update(catalogVersions)
      .set(set)
      .where(and(eq(catalogVersions.id, id), eq(catalogVersions.status, from)))
      .returning();
    return rows[0];
  }

  private async insertContent(v: VersionText): Promise<void> {
    // An agreements version has no rows of its own: its document is its content.
    if (v.kind === 'SHARING_AGREEMENTS') return;
    if (v.kind === 'MEASURE_LIST') {
      if (!v.measures.length) return;
      await this.db.insert(punishmentMeasures).values(
        v.measures.map((m) => ({
          listVersionId: v.id, code: m.code, name: m.name, category: m.category, legalBasis: m.legalBasis.map(basisText), implementer: m.implementer, definition: m,
        })),
      );
      return;
    }
    if (!v.items.length) return;
    await this.db.insert(catalogItems).values(v.items.map((i: CatalogItem) => ({
      versionId: v.id, code: i.code, category: i.category, name: i.name, recordKind: i.recordKind,
      providerSystem: i.provider, dishonesty: i.dishonesty, repairable: i.repairable, definition: i,
    })));
  }
}

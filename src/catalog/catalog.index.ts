/**
 * The catalog in force, indexed for the request path: items by database id and by code,
 * purposes by code. Built once at start-up from the loaded bundle and the ids the database
 * gave the items (src/modules/catalog/catalog.sync.ts); read-only afterwards.
 */
import type { PolicyItem } from './policy-item';
import type { CatalogBundle, CatalogItem } from './catalog.bundle';
import type { SubjectKind } from './catalog.schema';
import type { ListType } from './measures.schema';
import type { Purpose } from './vocabulary.schema';
import type { Agreement } from './agreements.schema';
import { catalogIdentity, type ItemIdRow } from './catalog-identity';

export type { ItemIdRow } from './catalog-identity';

export interface IndexedItem extends PolicyItem {
  readonly versionId: string;
  readonly name: string;
  readonly category: string;
  readonly dishonesty: boolean;
  readonly repairable: boolean;
  readonly definition: CatalogItem;
}

export class CatalogIndex {
  private readonly byId = new Map<number, IndexedItem>();
  private readonly byCode = new Map<string, IndexedItem>();
  private readonly purposes: ReadonlyMap<string, Purpose>;
  private readonly registration = new Map<SubjectKind, IndexedItem | undefined>();

  /** `retiredVersions`: versions once in force; their agreements still judge reads made while they were. */
  constructor(readonly bundle: CatalogBundle, private readonly ids: readonly ItemIdRow[], private readonly publishedVersions: ReadonlySet<string>, private readonly retiredVersions: ReadonlySet<string> = new Set()) {
    const definitions = new Map<string, CatalogItem>();
    for (const version of bundle.catalogs) {
      for (const item of version.items) definitions.set(`${version.id}|${item.code}`, item);
    }
    // In id order, whatever order the rows were read in: a code resolves to the newest item in force.
    for (const row of [...ids].sort((a, b) => a.id - b.id)) {
      const definition = definitions.get(`${row.versionId}|${row.code}`);
      if (!definition) continue; // an item of a version whose file is no longer shipped
      const item = toIndexed(row, definition);
      this.byId.set(row.id, item);
      // Codes resolve to the item of a version in force; later versions win.
      if (publishedVersions.has(row.versionId)) this.byCode.set(row.code, item);
    }
    this.purposes = new Map(bundle.purposes.map((p) => [p.code, p]));
    // Agreements of published versions only: a draft grants nothing, a retired version no more.
    this.agreements = Object.freeze(bundle.agreementSets.filter((s) => publishedVersions.has(s.id)).flatMap((s) => s.agreements));
    this.agreementsEver = Object.freeze(bundle.agreementSets.filter((s) => publishedVersions.has(s.id) || retiredVersions.has(s.id)).flatMap((s) => s.agreements));
    // Built once: these lists are read on every request (the policy's SQL form, subject visibility).
    this.all = Object.freeze([...this.byId.values()]);
    this.inForce = Object.freeze([...this.byCode.values()]);
  }

  private identityHash: string | undefined;

  /**
   * A name for this snapshot derived from its content (the bundle, the items' ids, which
   * versions are published and retired), in a canonical form (./catalog-identity.ts): every
   * instance that built the same catalog names it the same, so answers keyed by it can be
   * shared between instances (the public cache's Redis tier). Computed once, on first use.
   */
  get identity(): string {
    this.identityHash ??= catalogIdentity(this.bundle, this.ids, this.publishedVersions, this.retiredVersions);
    return this.identityHash;
  }

  private readonly all: readonly IndexedItem[];
  private readonly agreements: readonly Agreement[];
  private readonly agreementsEver: readonly Agreement[];

  /** Agreements of versions in force or retired: what judges a past read (each bounded by its dates). */
  agreementsEverInForce(): readonly Agreement[] {
    return this.agreementsEver;
  }

  /** The data-sharing agreements of the versions in force (each also bounded by its own dates). */
  agreementsInForce(): readonly Agreement[] {
    return this.agreements;
  }

  private readonly inForce: readonly IndexedItem[];

  item(id: number): IndexedItem | undefined {
    return this.byId.get(id);
  }

  itemByCode(code: string): IndexedItem | undefined {
    return this.byCode.get(code);
  }

  /** Every item the database knows, retired versions included: records keep their version. */
  allItems(): readonly IndexedItem[] {
    return this.all;
  }

  /** Items in force (of a published version). */
  itemsInForce(): readonly IndexedItem[] {
    return this.inForce;
  }

  /**
   * The serious-dishonesty list type whose information this item holds, if any: such records
   * are made only by the listing procedure (notice, objection period, decision; 49号 四(八)).
   */
  listTypeHolding(itemCode: string): ListType | undefined {
    return this.bundle.listTypes.find((t) => t.catalogItem.code === itemCode);
  }

  /**
   * The department systems whose agencies may apply this measure (agency-powers.yaml; 49号
   * 五(九)); undefined when no entry names it, which the caller must treat as nobody.
   */
  implementersOf(measureCode: string): readonly string[] | undefined {
    return this.bundle.measureImplementers.get(measureCode);
  }

  purpose(code: string): Purpose | undefined {
    return this.purposes.get(code);
  }

  /** The registration-basics item covering subjects of this kind: it governs the subject's own fields. */
  registrationItem(kind: SubjectKind): IndexedItem | undefined {
    if (!this.registration.has(kind)) {
      this.registration.set(kind, this.itemsInForce().find((i) => i.recordKind === 'REGISTRATION' && i.subjectKinds.includes(kind)));
    }
    return this.registration.get(kind);
  }
}

function toIndexed(row: ItemIdRow, d: CatalogItem): IndexedItem {
  return {
    id: row.id,
    versionId: row.versionId,
    code: d.code,
    name: d.name,
    category: d.category,
    recordKind: d.recordKind,
    provider: d.provider,
    subjectKinds: d.subjectKinds,
    share: d.share,
    publish: d.publish,
    retentionYears: d.retentionYears,
    dishonesty: d.dishonesty,
    repairable: d.repairable,
    fieldRules: new Map(d.fields.map((f) => [f.key, f])),
    definition: d,
  };
}

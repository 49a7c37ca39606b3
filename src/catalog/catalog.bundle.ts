/**
 * The loaded catalog as the rest of the system reads it. The privacy policy reads only this, so
 * every disclosure fact is explicit here: sharing is resolved to lists of agencies and purposes.
 */
import { basename } from 'node:path';
import type { CatalogItemInput } from './catalog.schema';
import type { DocumentOf } from './catalog.documents';
import type { BundleIndex } from './bundle.checks';
import type { ListType } from './measures.schema';
import type { DisclosureFormats, Purpose, Regime } from './vocabulary.schema';
import type { AgreementsSchema } from './agreements.schema';
import type { LeniencyGroundRule } from './leniency.schema';
import type { z } from 'zod';

/**
 * Who may receive an item, for which declared purposes (X-Purpose). NONE: nobody (both lists
 * empty). CONDITIONAL: the listed agency systems (`*` = any) for the listed purposes.
 * UNCONDITIONAL: any agency (`agencies: ['*']`) for the listed purposes, which are every purpose
 * agencies may declare when the catalog does not narrow them. Consent for natural persons' data
 * follows from the purpose's `personalDataBasis`, not from here.
 */
export interface ShareRule {
  readonly scope: 'NONE' | 'CONDITIONAL' | 'UNCONDITIONAL';
  readonly agencies: readonly string[];
  readonly purposes: readonly string[];
}

export type CatalogItem = Omit<CatalogItemInput, 'share'> & { readonly share: ShareRule };

type WithItems<K extends 'BASE_CATALOG' | 'SUPPLEMENTARY_CATALOG'> = Omit<DocumentOf<K>, 'items'> & {
  readonly items: readonly CatalogItem[];
  /** File name inside the data directory; its hash is in `sourceHashes`. */
  readonly sourceFile: string;
};
export type BaseCatalogVersion = WithItems<'BASE_CATALOG'>;
export type SupplementaryCatalogVersion = WithItems<'SUPPLEMENTARY_CATALOG'>;
export type CatalogVersion = BaseCatalogVersion | SupplementaryCatalogVersion;
/** One version of agreements as loaded (src/catalog/agreements.schema.ts). */
export type AgreementSet = z.infer<typeof AgreementsSchema> & { readonly sourceFile: string };
export type MeasureListVersion = DocumentOf<'MEASURE_LIST'> & { readonly sourceFile: string };

export interface CatalogBundle {
  /** Base catalogs first, then supplementary ones. */
  readonly catalogs: readonly CatalogVersion[];
  readonly measureLists: readonly MeasureListVersion[];
  readonly listTypes: readonly ListType[];
  readonly purposes: readonly Purpose[];
  /** Ordered by `validFrom`; contiguous and non-overlapping. */
  readonly regimes: readonly Regime[];
  readonly disclosureFormats: Omit<DisclosureFormats, 'kind'>;
  /** What each 49号 八(十六) leniency ground requires and which measures it allows (leniency-grounds.yaml). */
  readonly leniencyGrounds: readonly LeniencyGroundRule[];
  /**
   * Versions of data-sharing agreements (共享协议), in file order (shipped files by name, then
   * versions made through the API, oldest first), drafts and retired ones included:
   * CatalogIndex.agreementsInForce() keeps those of published versions.
   */
  readonly agreementSets: readonly AgreementSet[];
  /**
   * Measure code → the department systems whose agencies may apply it (agency-powers.yaml,
   * 49号 五(九)). Every measure of every list has an entry (bundle.checks.ts).
   */
  readonly measureImplementers: ReadonlyMap<string, readonly string[]>;
  /** File name → sha256 (hex) of its bytes, for recording which text a published version came from. */
  readonly sourceHashes: Readonly<Record<string, string>>;
}

/** Builds the bundle from an index that passed every check (the singletons are present). */
export function assembleBundle(index: BundleIndex): CatalogBundle {
  const purposes = index.single('PURPOSES')!.doc.purposes;
  const agencyPurposes = purposes.filter((p) => p.declaredBy.includes('AGENCY')).map((p) => p.code);
  const catalogs = [...index.all('BASE_CATALOG'), ...index.all('SUPPLEMENTARY_CATALOG')].map((c) => ({
    ...c.doc,
    items: c.doc.items.map((item) => ({ ...item, share: resolveShare(item.share, agencyPurposes) })),
    sourceFile: basename(c.source.file),
  }));
  const { kind: _kind, ...disclosureFormats } = index.single('DISCLOSURE_FORMATS')!.doc;
  const sourceHashes: Record<string, string> = {};
  for (const d of index.parses) if (d.source.sha256) sourceHashes[basename(d.source.file)] = d.source.sha256;
  return {
    catalogs,
    measureLists: index.all('MEASURE_LIST').map((m) => ({ ...m.doc, sourceFile: basename(m.source.file) })),
    listTypes: index.single('SERIOUS_LIST_TYPES')!.doc.listTypes,
    purposes,
    regimes: [...index.single('PUBLICATION_REGIMES')!.doc.regimes].sort((a, b) => a.validFrom.localeCompare(b.validFrom)),
    disclosureFormats,
    leniencyGrounds: index.single('LENIENCY_GROUNDS')!.doc.grounds,
    agreementSets: index.all('SHARING_AGREEMENTS').map((f) => ({ ...f.doc, sourceFile: basename(f.source.file) })),
    measureImplementers: new Map(
      index.all('AGENCY_POWERS').flatMap((f) => f.doc.measureImplementers.map((m) => [m.code, Object.freeze([...m.systems])] as const)),
    ),
    sourceHashes,
  };
}

function resolveShare(share: CatalogItemInput['share'], agencyPurposes: readonly string[]): ShareRule {
  switch (share.scope) {
    case 'NONE':
      return { scope: 'NONE', agencies: [], purposes: [] };
    case 'CONDITIONAL':
      return { scope: 'CONDITIONAL', agencies: share.agencies, purposes: share.purposes };
    case 'UNCONDITIONAL':
      return { scope: 'UNCONDITIONAL', agencies: ['*'], purposes: share.purposes ?? agencyPurposes };
  }
}

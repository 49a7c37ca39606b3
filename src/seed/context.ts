/**
 * What every generator step shares: the catalog, the agency directory, the document
 * numbering, the id counters and the rows of the chunk being built. Ids are explicit and
 * handed out in generation order, so rows can reference each other before anything is written.
 */
import type { CatalogBundle } from '../catalog/catalog.bundle';
import type { CatalogIndex, IndexedItem } from '../catalog/catalog.index';
import type { consents, creditRecords, objections, repairApplications, seriousListEntries } from '../db/schema';
import type { AgencyPicker } from './agency-picker';
import type { DocumentNumbers, LegalDocumentRow } from './documents';
import type { SubjectContext, SubjectRow } from './subjects';

export type CreditRecordRow = typeof creditRecords.$inferInsert;
export type ListEntryRow = typeof seriousListEntries.$inferInsert;
export type ObjectionRow = typeof objections.$inferInsert;
export type RepairApplicationRow = typeof repairApplications.$inferInsert;
export type ConsentRow = typeof consents.$inferInsert;

/** One chunk's rows, in the order they must be written (foreign keys point backwards). */
export interface ChunkRows {
  subjects: SubjectRow[];
  legalDocuments: LegalDocumentRow[];
  creditRecords: CreditRecordRow[];
  seriousListEntries: ListEntryRow[];
  objections: ObjectionRow[];
  repairApplications: RepairApplicationRow[];
  consents: ConsentRow[];
}

export const emptyChunk = (): ChunkRows => ({
  subjects: [], legalDocuments: [], creditRecords: [], seriousListEntries: [], objections: [], repairApplications: [], consents: [],
});

/** The last id handed out per table. */
export interface IdCounters {
  subject: number;
  document: number;
  record: number;
  entry: number;
  objection: number;
  repair: number;
  consent: number;
}

export interface SeedContext extends SubjectContext {
  readonly catalog: CatalogIndex;
  readonly bundle: CatalogBundle;
  readonly agencies: AgencyPicker;
  readonly numbers: DocumentNumbers;
  readonly ids: IdCounters;
  /** Region code of each supplementary catalog version: its items apply there only. */
  readonly localRegions: ReadonlyMap<string, string>;
}

/** Whether a subject in `regionCode` falls under the catalog version of `item`. */
export function itemApplies(ctx: SeedContext, item: IndexedItem, regionCode: string): boolean {
  const local = ctx.localRegions.get(item.versionId);
  if (local === undefined) return true;
  const prefix = local.endsWith('0000') ? local.slice(0, 2) : local.endsWith('00') ? local.slice(0, 4) : local;
  return regionCode.startsWith(prefix);
}

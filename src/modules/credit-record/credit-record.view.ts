/**
 * Builds the object GraphQL reads for one record: envelope, the item's own fields (ID
 * numbers as lazy decrypting getters) and the disclosure decision riding along.
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import { encodeId, OpaqueIdBatch, referenceId, tryDecodeId } from '../../graphql/opaque-id';
import type { IdNumberVault } from '../../identifiers';
import { withDisclosure, type Disclosed, type RecordDisclosure } from '../../policy/decision';
import type { RecordFacts } from '../../policy/record-gate';
import type { CatalogItemInfo } from '../catalog/catalog-item.type';
import type { CreditRecordRow } from './credit-record.repo';
import type { StoredRecordKind } from './credit-record.type';
import { definePayloadFields } from './payload-codec';

export interface RecordView {
  /** The opaque id, enciphered when first read: most records a request loads are counted or filtered, never shown. */
  readonly id: string;
  /** The row id: the loader's order and the cursors' keys, without deciphering `id`. */
  readonly rowId: number;
  /** 记录编号 (src/db/schema/record-number.ts). */
  recordNumber: string;
  subjectId: number;
  recordKind: StoredRecordKind;
  catalogItem: CatalogItemInfo;
  decisionDate: string;
  severity: string | null;
  publicationStart: string | null;
  publicationEnd: string | null;
  publicationEndSource: 'STATED' | 'COMPUTED';
  recordStatus: string;
  disputed: boolean;
}

export function recordFacts(row: CreditRecordRow): RecordFacts {
  return {
    subjectId: row.subjectId,
    agencyCode: row.agencyCode,
    subjectRegion: row.subjectRegion,
    subjectKind: row.subjectKind,
    status: row.status,
    repairTreatment: row.repairTreatment,
    decisionDate: row.decisionDate,
    publishFrom: row.publishFrom,
    publishUntil: row.publishUntil,
  };
}

/** Per catalog item (a reloaded catalog indexes new item objects): reference data, the same for every record and request. */
const itemInfos = new WeakMap<IndexedItem, CatalogItemInfo>();

/** The item as GraphQL shows it; built once per item and frozen, since every record of the item shares it. */
export function catalogItemInfo(item: IndexedItem): CatalogItemInfo {
  let info = itemInfos.get(item);
  if (!info) {
    info = Object.freeze(describeItem(item)) as CatalogItemInfo;
    itemInfos.set(item, info);
  }
  return info;
}

function describeItem(item: IndexedItem): CatalogItemInfo {
  return {
    id: referenceId('CatalogItem', item.versionId, item.code),
    code: item.code,
    version: item.versionId,
    name: item.name,
    // The definition's, typed by the catalog's own vocabularies (the index keeps plain strings).
    category: item.definition.category,
    recordKind: item.definition.recordKind,
    provider: item.provider,
    legalBasis: Object.freeze([...item.definition.legalBasis]) as string[],
    shareScope: item.share.scope,
    publishScope: item.publish.scope,
    dishonesty: item.dishonesty,
    repairable: item.repairable,
  };
}

export const encodeRecordId = (id: number) => encodeId('CreditRecord', id);

/** The ids of records built together, for buildRecordView. */
export const recordIdBatch = () => new OpaqueIdBatch('CreditRecord');

export function buildRecordView(
  row: CreditRecordRow,
  item: IndexedItem,
  disclosure: RecordDisclosure,
  vault: IdNumberVault,
  /** Records built together (a profile): their ids enciphered in one call when the first is read. */
  ids?: OpaqueIdBatch,
): Disclosed<RecordView> {
  let id: string | undefined;
  // A batch keeps what it enciphered; alone, the id is enciphered at its first read and kept.
  const readId = ids ? ids.add(row.id) : () => (id ??= encodeRecordId(row.id));
  const view = {
    rowId: row.id,
    recordNumber: row.recordNumber,
    subjectId: row.subjectId,
    recordKind: item.recordKind as StoredRecordKind,
    catalogItem: catalogItemInfo(item),
    decisionDate: row.decisionDate,
    severity: row.severity,
    publicationStart: row.publishFrom,
    publicationEnd: row.publishUntil,
    publicationEndSource: row.publishUntilSource,
    recordStatus: row.status,
    disputed: row.disputed,
  } as Omit<RecordView, 'id'> as RecordView;
  Object.defineProperty(view, 'id', { enumerable: true, get: readId });
  definePayloadFields(view, item.recordKind as StoredRecordKind, row.payload as Record<string, unknown>, vault);
  return withDisclosure(view, disclosure);
}

/** The database id behind an opaque record id; undefined when the id is not one this API issued. */
export const decodeRecordId = (id: string): number | undefined => tryDecodeId('CreditRecord', id);

/** What a measure is applied to: a credit record or a serious-list entry, with the facts the rules need. */
import { resolveRowId, type RecordNumberLookup } from '../record-ids';
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import { encodeId } from '../../graphql/opaque-id';
import type { MeasureRepo, Target } from './measure.repo';
import type { TargetFacts } from './measure.rules';

export interface ResolvedTarget {
  readonly target: Target;
  readonly facts: TargetFacts;
  readonly subjectId: number;
  /** Agency that made the record or notified the entry. */
  readonly agencyCode: string;
  /**
   * ACTIVE record whose publication window has not ended, or entry LISTED today. A list
   * record's window ends with its listing (removal closes it, expiry is its end), so a
   * measure never follows a listing that is over.
   */
  readonly live: boolean;
  readonly label: string;
}

export async function resolveTarget(
  repo: Pick<MeasureRepo, 'recordTarget' | 'entryTarget'>, numbers: RecordNumberLookup, catalog: CatalogIndex, today: string,
  ids: { creditRecordId?: string | null; listEntryId?: string | null },
): Promise<ResolvedTarget> {
  if (Boolean(ids.creditRecordId) === Boolean(ids.listEntryId)) {
    throw appError('BAD_USER_INPUT', 'give exactly one target: creditRecordId or listEntryId');
  }
  if (ids.creditRecordId) {
    const id = await resolveRowId(numbers, 'CreditRecord', ids.creditRecordId, 'creditRecordId');
    const record = await repo.recordTarget(id);
    if (!record) throw appError('NOT_FOUND', `creditRecordId: no credit record ${ids.creditRecordId}`);
    const item = catalog.item(record.catalogItemId);
    const listType = item ? catalog.bundle.listTypes.find((t) => t.catalogItem.code === item.code)?.code : undefined;
    return {
      target: { creditRecordId: id },
      facts: { kind: 'RECORD', severity: record.severity, listType, leniency: record.leniencyGround },
      subjectId: record.subjectId,
      agencyCode: record.agencyCode,
      live: record.status === 'ACTIVE' && (record.publishUntil === null || record.publishUntil >= today),
      label: `record ${encodeId('CreditRecord', id)} (${record.status}${record.publishUntil !== null && record.publishUntil < today ? `, publication ended ${record.publishUntil}` : ''})`,
    };
  }
  const id = await resolveRowId(numbers, 'SeriousListEntry', ids.listEntryId!, 'listEntryId');
  const entry = await repo.entryTarget(id);
  if (!entry) throw appError('NOT_FOUND', `listEntryId: no serious-list entry ${ids.listEntryId}`);
  const live = entry.state === 'LISTED' && entry.listedUntil !== null && entry.listedUntil >= today;
  const state = entry.state === 'LISTED' && !live ? 'LISTED until ' + entry.listedUntil + ', expired' : entry.state;
  return {
    target: { listEntryId: id },
    facts: { kind: 'ENTRY', listType: entry.listTypeCode },
    subjectId: entry.subjectId,
    agencyCode: entry.agencyCode,
    live,
    label: `entry ${ids.listEntryId} (${state})`,
  };
}

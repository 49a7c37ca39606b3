/**
 * Opaque ids of the procedures this module and the repair module own (the shared codec of
 * src/graphql/opaque-id.ts), plus the decoding of the ids a subject names as a target.
 */
import { appError } from '../../errors';
import { decodeId, encodeId } from '../../graphql/opaque-id';
import { resolveRowId, type RecordNumberLookup } from '../record-ids';

export const encodeProcedureId = encodeId;
export const decodeProcedureId = decodeId;

/** What a subject objects to, or applies to repair: exactly one record or one list entry. */
export type ProcedureTarget = { kind: 'RECORD'; id: number } | { kind: 'ENTRY'; id: number };

/** Either id may be the opaque id or the 记录编号 (../record-ids.ts). */
export async function targetOf(numbers: RecordNumberLookup, input: { creditRecordId?: string | null; listEntryId?: string | null }): Promise<ProcedureTarget> {
  const record = input.creditRecordId ?? null;
  const entry = input.listEntryId ?? null;
  if ((record === null) === (entry === null)) {
    throw appError('BAD_USER_INPUT', 'give exactly one of creditRecordId (a credit record of yours) and listEntryId (a serious-list entry about you)');
  }
  return record !== null
    ? { kind: 'RECORD', id: await resolveRowId(numbers, 'CreditRecord', record, 'creditRecordId') }
    : { kind: 'ENTRY', id: await resolveRowId(numbers, 'SeriousListEntry', entry!, 'listEntryId') };
}

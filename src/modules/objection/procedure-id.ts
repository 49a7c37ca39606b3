/**
 * Opaque ids of the procedures this module and the repair module own, in the form every
 * lifecycle id takes (`<Type>:<row id>` in base64url, see credit-record.view.ts and
 * serious-list/opaque-id.ts), plus the decoding of the ids a subject names as a target.
 */
import { appError } from '../../errors';

type ProcedureType = 'Objection' | 'CreditRepairApplication' | 'CreditRecord' | 'SeriousListEntry';

export const encodeProcedureId = (type: ProcedureType, id: number): string => Buffer.from(`${type}:${id}`).toString('base64url');

/** The row id inside an opaque id of `type`; BAD_USER_INPUT naming the argument otherwise. */
export function decodeProcedureId(type: ProcedureType, value: string, field: string): number {
  const match = new RegExp(`^${type}:(\\d{1,15})$`).exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw appError('BAD_USER_INPUT', `${field}: not a ${type} id this API issued (use the id field of a ${type})`);
  return Number(match[1]);
}

/** What a subject objects to, or applies to repair: exactly one record or one list entry. */
export type ProcedureTarget = { kind: 'RECORD'; id: number } | { kind: 'ENTRY'; id: number };

export function targetOf(input: { creditRecordId?: string | null; listEntryId?: string | null }): ProcedureTarget {
  const record = input.creditRecordId ?? null;
  const entry = input.listEntryId ?? null;
  if ((record === null) === (entry === null)) {
    throw appError('BAD_USER_INPUT', 'give exactly one of creditRecordId (a credit record of yours) and listEntryId (a serious-list entry about you)');
  }
  return record !== null
    ? { kind: 'RECORD', id: decodeProcedureId('CreditRecord', record, 'creditRecordId') }
    : { kind: 'ENTRY', id: decodeProcedureId('SeriousListEntry', entry!, 'listEntryId') };
}

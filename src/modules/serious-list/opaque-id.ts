/**
 * Opaque ids of the lifecycle objects: `<Type>:<row id>` in base64url, the form credit-record
 * ids already take (credit-record.view.ts), so a client never builds ids from row numbers.
 */
import { appError } from '../../errors';

export type OpaqueType = 'SeriousListEntry' | 'CreditRecord' | 'MeasureApplication';

export const encodeId = (type: OpaqueType, id: number): string => Buffer.from(`${type}:${id}`).toString('base64url');

/** The row id inside an opaque id of `type`; BAD_USER_INPUT naming `field` otherwise. */
export function decodeId(type: OpaqueType, value: string, field: string): number {
  const match = new RegExp(`^${type}:(\\d{1,15})$`).exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw appError('BAD_USER_INPUT', `${field}: not a ${type} id this API issued (use the id field of a ${type})`);
  return Number(match[1]);
}

export const encodeListEntryId = (id: number) => encodeId('SeriousListEntry', id);
export const decodeListEntryId = (value: string, field = 'id') => decodeId('SeriousListEntry', value, field);
export const decodeCreditRecordId = (value: string, field = 'creditRecordId') => decodeId('CreditRecord', value, field);

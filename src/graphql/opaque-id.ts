/**
 * Opaque ids: `<Type>:<row id>` in base64url. Clients never build ids from row numbers, and
 * an id of one type is never accepted where another is expected. The one codec every
 * module uses.
 */
import { appError } from '../errors';

export type OpaqueType =
  | 'CreditRecord'
  | 'SeriousListEntry'
  | 'SeriousListing'
  | 'MeasureApplication'
  | 'Objection'
  | 'CreditRepairApplication'
  | 'Consent'
  | 'AccessLogEntry'
  | 'Attachment';

export const encodeId = (type: OpaqueType, id: number): string => Buffer.from(`${type}:${id}`).toString('base64url');

/**
 * Id of an object of published reference data (catalog items, measures, list types, purposes),
 * from its type and its natural key within the published catalog (e.g. version and code): a
 * cache key only, never decoded — these objects are found by their codes.
 */
export const referenceId = (type: string, ...key: readonly string[]): string => Buffer.from(`${type}:${key.join('/')}`).toString('base64url');

/** The row id inside an opaque id of `type`, or undefined when it is not one. */
export function tryDecodeId(type: OpaqueType, value: string): number | undefined {
  const match = /^([A-Za-z]+):(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  return match && match[1] === type ? Number(match[2]) : undefined;
}

/** The row id inside an opaque id of `type`; BAD_USER_INPUT naming `field` otherwise. */
export function decodeId(type: OpaqueType, value: string, field: string): number {
  const id = tryDecodeId(type, value);
  if (id === undefined) throw appError('BAD_USER_INPUT', `${field}: not a ${type} id this API issued (use the id field of a ${type})`);
  return id;
}

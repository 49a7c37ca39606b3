/**
 * The ids a caller may give for a credit record, list entry, objection or repair application:
 * the opaque id (src/graphql/opaque-id.ts) or the row's 记录编号 (src/db/schema/record-number.ts),
 * whose letter must be the type's. Either way the answer is only a row id; what the caller may
 * do with it is decided afterwards, by the same policy as always — so a number the caller may
 * not see answers exactly as a number that does not exist (NO_ROW finds nothing).
 */
import { appError } from '../errors';
import { tryDecodeId } from '../graphql/opaque-id';

export type NumberedType = 'CreditRecord' | 'SeriousListEntry' | 'Objection' | 'CreditRepairApplication';

const NUMBERED: Record<NumberedType, { letter: string }> = {
  CreditRecord: { letter: 'R' },
  SeriousListEntry: { letter: 'L' },
  Objection: { letter: 'Y' },
  CreditRepairApplication: { letter: 'X' },
};

/** Finds the row that carries a 记录编号 (record-number.repo.ts; handed to services by their unit of work). */
export interface RecordNumberLookup {
  idByNumber(type: NumberedType, recordNumber: string): Promise<number | undefined>;
}

/** `<region>-<year>-<letter><10 digits>`. */
export const RECORD_NUMBER_PATTERN = /^(\d{6})-(\d{4})-([RLYX])(\d{10})$/;

/** No row has it: a lookup by it finds nothing, like an unknown number. */
const NO_ROW = 0;

/** The row id behind an opaque id or a 记录编号 of `type`; undefined when `value` is neither. */
export async function tryResolveRowId(lookup: RecordNumberLookup, type: NumberedType, value: string): Promise<number | undefined> {
  const opaque = tryDecodeId(type, value);
  if (opaque !== undefined) return opaque;
  const number = value.trim().toUpperCase();
  const match = RECORD_NUMBER_PATTERN.exec(number);
  if (!match || match[3] !== NUMBERED[type].letter) return undefined;
  return (await lookup.idByNumber(type, number)) ?? NO_ROW;
}

/** As tryResolveRowId; BAD_USER_INPUT naming `field` when `value` is neither form. */
export async function resolveRowId(lookup: RecordNumberLookup, type: NumberedType, value: string, field: string): Promise<number> {
  const id = await tryResolveRowId(lookup, type, value);
  if (id === undefined) {
    throw appError('BAD_USER_INPUT', `${field}: not a ${type} id this API issued nor its 记录编号 (<region>-<year>-${NUMBERED[type].letter}<10 digits>); use the id or recordNumber field of a ${type}`);
  }
  return id;
}

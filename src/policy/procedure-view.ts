/**
 * Objects of a procedure (a list entry, an objection, a repair application, a consent) are
 * not catalog records, but they are about a subject and must be guarded all the same: the
 * service that loads one decides whether the principal may see it (the subject itself, the
 * agency handling it, an auditor) and attaches that decision here. Their types are tagged
 * @RecordInfo() at class level, so shield lets their fields through only when this visible
 * decision rides on the object, and the access recorder logs every non-public read.
 */
import { withDisclosure, type Disclosed, type FieldDecision } from './decision';

export type ProcedureBasis = 'OWN' | 'HANDLING_AGENCY' | 'AUDIT';

const ENVELOPE: Readonly<Record<ProcedureBasis, FieldDecision>> = Object.freeze({
  OWN: Object.freeze({ effect: 'ALLOW', reason: 'OWN' }),
  HANDLING_AGENCY: Object.freeze({ effect: 'ALLOW', reason: 'HANDLING_AGENCY' }),
  AUDIT: Object.freeze({ effect: 'ALLOW', reason: 'AUDIT' }),
});

export function procedureView<T extends object>(value: T, kind: string, subjectId: number, basis: ProcedureBasis): Disclosed<T> {
  return withDisclosure(value, { itemCode: `procedure:${kind}`, subjectId, visible: true, basis, fields: {}, envelope: ENVELOPE[basis] });
}

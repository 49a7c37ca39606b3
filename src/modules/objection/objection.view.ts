/** Builds the Objection object GraphQL reads, with who may see it riding along. */
import type { Disclosed } from '../../policy/decision';
import { procedureView, type ProcedureBasis } from '../../policy/procedure-view';
import { dueOn, isOverdue } from '../procedure/due-date';
import type { ObjectionRow } from './objection.repo';
import type { Objection } from './objection.type';
import { encodeProcedureId } from '../procedure/procedure-id';

export function objectionView(row: ObjectionRow, basis: ProcedureBasis, now: Date): Disclosed<Objection> {
  const view: Objection = {
    id: encodeProcedureId('Objection', row.id),
    recordNumber: row.recordNumber,
    creditRecordId: row.creditRecordId === null ? null : encodeProcedureId('CreditRecord', row.creditRecordId),
    listEntryId: row.listEntryId === null ? null : encodeProcedureId('SeriousListEntry', row.listEntryId),
    reason: row.reason,
    filedAt: row.filedAt,
    dueOn: dueOn(row.dueAt),
    dueOnProvisional: row.dueProvisional,
    overdue: isOverdue(row.state === 'PENDING', row.dueAt, now),
    state: row.state,
    outcome: row.outcome,
    response: row.response,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
  };
  return procedureView(view, 'objection', row.subjectId, basis);
}

/** Builds the CreditRepairApplication object GraphQL reads, with who may see it riding along. */
import type { Disclosed } from '../../policy/decision';
import { procedureView, type ProcedureBasis } from '../../policy/procedure-view';
import { dueOn, isOverdue } from '../procedure/due-date';
import { encodeProcedureId } from '../procedure/procedure-id';
import { OPEN_STATES, type RepairRow } from './repair.repo';
import type { CreditRepairApplication } from './repair.type';

export function repairView(row: RepairRow, basis: ProcedureBasis, now: Date): Disclosed<CreditRepairApplication> {
  const view: CreditRepairApplication = {
    id: encodeProcedureId('CreditRepairApplication', row.id),
    recordNumber: row.recordNumber,
    creditRecordId: row.creditRecordId === null ? null : encodeProcedureId('CreditRecord', row.creditRecordId),
    listEntryId: row.listEntryId === null ? null : encodeProcedureId('SeriousListEntry', row.listEntryId),
    commitment: row.commitment,
    obligationsEvidence: row.obligationsEvidence,
    filedAt: row.filedAt,
    dueOn: dueOn(row.dueAt),
    dueOnProvisional: row.dueProvisional,
    overdue: isOverdue(OPEN_STATES.includes(row.state), row.dueAt, now),
    state: row.state,
    treatment: row.treatment,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
  };
  return procedureView(view, 'repair', row.subjectId, basis);
}

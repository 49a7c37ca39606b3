/** The agency a DEPARTMENT principal acts for, and whether it may run a list's procedure. */
import type { ListType } from '../../catalog/measures.schema';
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { AgencyRow } from '../agency/agency.repo';
import { levelProblem } from './serious-list.rules';

export function actingAgency(ctx: RequestContext, agencies: AgencyDirectory): AgencyRow {
  const code = ctx.principal.agencyCode;
  const agency = code ? agencies.get(code) : undefined;
  if (ctx.principal.role !== 'DEPARTMENT' || !agency) {
    throw appError('FORBIDDEN', 'only an identifying department acting for a known agency may run the listing procedure');
  }
  return agency;
}

/** Only the list's deciding system, at the level its standard requires (49号 四(八)). */
export function assertMayDecide(agency: AgencyRow, type: ListType): void {
  if (agency.system !== type.decidingSystem) {
    throw appError('FORBIDDEN', `${type.code} listings are notified and decided by ${type.decidingSystem} agencies; ${agency.code} belongs to ${agency.system}`);
  }
  const problem = levelProblem(type, agency);
  if (problem) throw appError('NOT_ELIGIBLE', problem);
}

/** Only agencies of the system that notified the entry act on it afterwards. */
export function assertSameSystem(agency: AgencyRow, entryAgency: AgencyRow | undefined, entryId: string): void {
  if (!entryAgency || entryAgency.system !== agency.system) {
    throw appError('FORBIDDEN', `entry ${entryId} was notified by ${entryAgency?.code ?? 'another agency'}; only agencies of its system (${entryAgency?.system ?? 'unknown'}) act on it`);
  }
}

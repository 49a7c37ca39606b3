/**
 * Procedure access: may this caller do this to this thing, and why not. One place for the
 * procedural powers of 49号 — revoking a record, deciding an objection or a repair application,
 * notifying, deciding, removing and dropping a serious-list entry — and for who may read the
 * procedures (objections, repair applications, list entries), so that modules ask instead of
 * testing role names and resolving the acting agency themselves.
 *
 * The rules, all over the caller's authority resolved once per request (authority.ts):
 * - An act is taken by a department (DEPARTMENT token) acting for an agency the registry knows.
 * - Its power follows the thing's handling system — the record's catalog item provider (一口采集,
 *   49号 三(三)), the system that notified the entry — and then jurisdiction (管辖): the agency
 *   that recorded the record (credit_records.agency_code) or notified the entry
 *   (serious_list_entries.agency_code) must be the caller's agency or one under it. A county
 *   bureau does not act on another city's records; its city and province bureaus act on its own.
 * - A listing is notified and decided only by the list's deciding system at the level its
 *   standard requires (49号 四(八)), and notified only about a subject whose registered region
 *   lies inside the notifying agency's area (a national agency's area is the whole country).
 * - Reading: a subject its own procedures, an auditor all, a department those about what its
 *   jurisdiction recorded or notified.
 *
 * Decisions are values — `{ ok: true, … } | { ok: false, code, message }` — and `enforce`
 * turns a refusal into the API error, so tests can check the rule without a server.
 */
import type { Principal } from '../auth/principal';
import { appError } from '../errors';
import type { CallerAuthority } from './authority';
import { inJurisdiction, levelRank, regionCovers, regionPrefix, type AgencyFacts, type Level } from './jurisdiction';
import type { ProcedureBasis } from './procedure-view';

export type ProcedureAction = 'record.revoke' | 'objection.decide' | 'repair.decide' | 'list.notify' | 'list.decide' | 'list.remove' | 'list.drop';

export interface Refusal {
  readonly ok: false;
  readonly code: 'FORBIDDEN' | 'NOT_ELIGIBLE';
  readonly message: string;
}

export type Decision<T> = ({ readonly ok: true } & T) | Refusal;

/** What a procedural act is done to: a credit record or a serious-list entry. */
export interface ProcedureThing {
  readonly kind: 'RECORD' | 'ENTRY';
  /** How a refusal names it: the id the caller gave. */
  readonly id: string;
  /** The agency that recorded the record or notified the entry. */
  readonly recordedBy: string;
  /** The agencies above `recordedBy`, nearest first: named in a refusal as those that may act. */
  readonly above: readonly string[];
  /** The system that handles it: the record's item provider, the notifying agency's system. */
  readonly system: string | undefined;
}

/** What a listing rule reads of a list type (measures.schema ListType). */
export interface ListTypeFacts {
  readonly code: string;
  readonly decidingSystem: string;
  readonly minDecidingLevel: Level;
}

/** Whose procedures a reader lists: its own, those of its jurisdiction, or all (auditors). */
export type ProcedureScope =
  | { readonly kind: 'SUBJECT'; readonly subjectId: number }
  | { readonly kind: 'HANDLER'; readonly agency: AgencyFacts; readonly agencies: readonly string[] }
  | { readonly kind: 'ALL' };

const refuse = (message: string, code: Refusal['code'] = 'FORBIDDEN'): Refusal => ({ ok: false, code, message });

/** Throws the refusal as the API error; returns the allowed decision. */
export function enforce<T>(decision: Decision<T>): { readonly ok: true } & T {
  if (!decision.ok) throw appError(decision.code, decision.message);
  return decision;
}

// Each refusal of a caller that is not an acting department says what the act needs.
const NO_AGENCY: Readonly<Record<ProcedureAction, string>> = {
  'record.revoke': 'the token names no known agency; records are made and revoked by an identifying department',
  'objection.decide': 'this decision is taken by an agency: use a token bound to your agency',
  'repair.decide': 'this decision is taken by an agency: use a token bound to your agency',
  'list.notify': 'only an identifying department acting for a known agency may run the listing procedure',
  'list.decide': 'only an identifying department acting for a known agency may run the listing procedure',
  'list.remove': 'only an identifying department acting for a known agency may run the listing procedure',
  'list.drop': 'only an identifying department acting for a known agency may run the listing procedure',
};

/** What an agency above the recorder may do, in a refusal's words. */
const POWER: Readonly<Record<ProcedureAction, string>> = {
  'record.revoke': 'revokes it',
  'objection.decide': 'decides objections about it',
  'repair.decide': 'decides repair applications about it',
  'list.notify': 'notifies it',
  'list.decide': 'decides the listing',
  'list.remove': 'removes it from the list',
  'list.drop': 'drops the procedure',
};

/** The agency a department acts for: the one its token names, as the registry knows it. */
export function actingAgency(authority: CallerAuthority, principal: Principal, action: ProcedureAction): Decision<{ agency: AgencyFacts }> {
  if (principal.role !== 'DEPARTMENT' || !authority.agency) return refuse(NO_AGENCY[action]);
  return { ok: true, agency: authority.agency };
}

/** Is `code` the caller's agency or one under it? */
export function withinJurisdiction(authority: CallerAuthority, code: string): boolean {
  return inJurisdiction(authority.jurisdiction, code);
}

/** Why the thing's handling system is not the agency's; undefined when it is. */
function systemProblem(agency: AgencyFacts, thing: ProcedureThing, action: ProcedureAction): string | undefined {
  if (thing.system === agency.system) return undefined;
  const what = action === 'record.revoke' ? 'record' : action.startsWith('list.') ? 'entry' : action === 'objection.decide' ? 'objection' : 'repair application';
  const of = thing.kind === 'ENTRY' ? 'the entry was notified by' : 'the record\'s catalog item is provided by';
  return `${of} ${thing.system ?? 'no known system'}; only that system acts on this ${what} (your agency ${agency.code} belongs to ${agency.system})`;
}

/**
 * May the caller take `action` on `thing`? The handling system first (a refusal naming it), then
 * jurisdiction: the recorder itself or an agency above it; naming both and the caller.
 */
export function mayActOn(authority: CallerAuthority, principal: Principal, action: ProcedureAction, thing: ProcedureThing): Decision<{ agency: AgencyFacts; basis: ProcedureBasis }> {
  const acting = actingAgency(authority, principal, action);
  if (!acting.ok) return acting;
  const { agency } = acting;
  const system = systemProblem(agency, thing, action);
  if (system) return refuse(system);
  if (!withinJurisdiction(authority, thing.recordedBy)) {
    const label = thing.kind === 'ENTRY' ? `entry ${thing.id} was notified` : `record ${thing.id} was made`;
    const above = thing.above.length ? ` or an agency above it (${thing.above.join(', ')})` : '';
    return refuse(`${label} by ${thing.recordedBy}; only it${above} ${POWER[action]}; your agency ${agency.code} is not (管辖: an agency acts on what it or the agencies under it recorded)`);
  }
  return { ok: true, agency, basis: 'HANDLING_AGENCY' };
}

/** Only the list's deciding system, at the level its standard requires (49号 四(八)). */
export function mayDecideList(agency: AgencyFacts, type: ListTypeFacts): Decision<object> {
  if (agency.system !== type.decidingSystem) {
    return refuse(`${type.code} listings are notified and decided by ${type.decidingSystem} agencies; ${agency.code} belongs to ${agency.system}`);
  }
  const problem = levelProblem(type, agency);
  return problem ? refuse(problem, 'NOT_ELIGIBLE') : { ok: true };
}

/** Why this agency may not decide listings of this list (49号 四(八)); undefined when it may. */
export function levelProblem(type: Pick<ListTypeFacts, 'code' | 'minDecidingLevel'>, agency: Pick<AgencyFacts, 'code' | 'level'>): string | undefined {
  if (levelRank(agency.level) > levelRank(type.minDecidingLevel) || agency.level === 'TOWNSHIP') {
    return `agency ${agency.code} is at ${agency.level} level; ${type.code} listings are decided at ${type.minDecidingLevel} level or above (49号 四(八): 县级以上人民政府有关部门)`;
  }
  return undefined;
}

/** The areas that contain `regionCode`, innermost first: county, prefecture, province, nation. */
function areasContaining(regionCode: string): string[] {
  const areas = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  return [...new Set(areas), 'national'];
}

/**
 * May `agency` notify a listing of a subject registered in `subjectRegion`? Only when the
 * region lies in its area: a county office lists subjects of its county, a national agency
 * anyone's (49号 四(八): the identifying department of the subject's place).
 */
export function mayNotifySubject(agency: AgencyFacts, subject: { readonly label: string; readonly regionCode: string }): Decision<object> {
  if (regionCovers(agency.level, agency.regionCode, subject.regionCode)) return { ok: true };
  const area = regionPrefix(agency.level, agency.regionCode);
  return refuse(
    `subject ${subject.label} is registered in region ${subject.regionCode}, outside the area of ${agency.code} (${agency.level}, region codes ${area}*); ` +
      `only a ${agency.system} agency whose area contains it (${areasContaining(subject.regionCode).join(', ')}) notifies its listing`,
  );
}

/** The agencies above `code`, nearest first, by the registry's `parentOf`. */
export function superiorsOf(code: string, parentOf: (code: string) => { readonly code: string } | undefined): string[] {
  const chain: string[] = [];
  for (let p = parentOf(code); p && !chain.includes(p.code); p = parentOf(p.code)) chain.push(p.code);
  return chain;
}

/** The subject a SUBJECT token is bound to: the only caller that files or applies about itself. */
export function actingSubject(principal: Principal, message: string): Decision<{ subjectId: number }> {
  if (principal.role !== 'SUBJECT' || principal.subjectId === undefined) return refuse(message);
  return { ok: true, subjectId: principal.subjectId };
}

/** Which procedures the caller lists: a subject its own, an auditor all, a department its jurisdiction's. */
export function procedureScope(authority: CallerAuthority, principal: Principal, message: string): Decision<{ scope: ProcedureScope }> {
  if (principal.role === 'AUDITOR') return { ok: true, scope: { kind: 'ALL' } };
  if (principal.role === 'SUBJECT') {
    const own = actingSubject(principal, message);
    return own.ok ? { ok: true, scope: { kind: 'SUBJECT', subjectId: own.subjectId } } : own;
  }
  if (principal.role !== 'DEPARTMENT' || !authority.agency) return refuse(message);
  return { ok: true, scope: { kind: 'HANDLER', agency: authority.agency, agencies: authority.jurisdiction } };
}

/** In which capacity a scope's reader sees what it lists. */
export function scopeBasis(scope: ProcedureScope): ProcedureBasis {
  return scope.kind === 'SUBJECT' ? 'OWN' : scope.kind === 'ALL' ? 'AUDIT' : 'HANDLING_AGENCY';
}

/** A department reading one list's entries: only a list its system decides. */
export function mayReadListType(agency: AgencyFacts, type: ListTypeFacts): Decision<object> {
  if (type.decidingSystem === agency.system) return { ok: true };
  return refuse(`${type.code} entries are handled by ${type.decidingSystem} agencies; yours belongs to ${agency.system}`);
}

/**
 * In which capacity the caller may see one procedure object about `subjectId` that `recordedBy`
 * recorded or notified; undefined = not at all (the object is left out, as if absent).
 */
export function procedureBasis(
  authority: CallerAuthority, principal: Principal, thing: { readonly subjectId: number; readonly recordedBy: string },
): ProcedureBasis | undefined {
  if (principal.role === 'SUBJECT') return principal.subjectId === thing.subjectId ? 'OWN' : undefined;
  if (principal.role === 'AUDITOR') return 'AUDIT';
  if (principal.role === 'DEPARTMENT' && withinJurisdiction(authority, thing.recordedBy)) return 'HANDLING_AGENCY';
  return undefined;
}

/**
 * The action catalog: every root operation names one action, and this table says which
 * roles may perform it. One typed table instead of checks scattered through resolvers;
 * an action missing here cannot be referenced (ActionName is derived from the keys).
 */
import type { Principal, Role } from '../auth/principal';

const EVERYONE: readonly Role[] = ['PUBLIC', 'SUBJECT', 'PARTNER', 'DEPARTMENT', 'CATALOG_ADMIN', 'AUDITOR'];

export const ACTIONS = {
  /** Look up one subject by unified social credit code: the portal's basic read. */
  'subject.lookup': { roles: EVERYONE, description: 'look up a subject by its unified social credit code' },
  'subject.lookupPerson': {
    roles: ['SUBJECT', 'PARTNER', 'DEPARTMENT'],
    description: 'look up a natural person by resident ID number (the policy then decides what is visible)',
  },
  'subject.readOwn': { roles: ['SUBJECT'], description: 'read one\'s own subject and records (我的信用)' },
  'subject.search': { roles: EVERYONE, description: 'search subjects by name or code' },
  'subject.batchLookup': {
    roles: ['PARTNER', 'DEPARTMENT', 'AUDITOR'],
    description: 'look up many subjects in one request (partner systems checking a bid list, an application batch)',
  },
  'audit.readOwn': { roles: ['SUBJECT'], description: 'read who accessed one\'s own data' },
  'audit.read': { roles: ['AUDITOR'], description: 'read the access log' },
  'audit.verify': { roles: ['AUDITOR'], description: 'verify the access log\'s hash chain' },
  // Lifecycle (国办发〔2020〕49号 二–六): each mutation names one of these.
  'catalog.manage': { roles: ['CATALOG_ADMIN'], description: 'draft, publish and retire catalog and measures-list versions; record list-standard consultations' },
  'record.create': { roles: ['DEPARTMENT'], description: 'record credit information on a legally effective document (identifying department)' },
  'register.import': {
    roles: ['DEPARTMENT', 'CATALOG_ADMIN'],
    description: 'enter register rows (subjects, agencies) within the agency\'s powers (policy/powers.ts: registration item provider, platform of the area)',
  },
  'record.history': { roles: ['SUBJECT', 'AUDITOR'], description: 'read the versions of a credit record: one\'s own (SUBJECT), any (AUDITOR)' },
  'record.revoke': { roles: ['DEPARTMENT'], description: 'revoke a record whose underlying decision was withdrawn or annulled' },
  'list.manage': { roles: ['DEPARTMENT'], description: 'run the serious-dishonesty-list procedure: notify, decide, remove, drop' },
  'list.read': { roles: ['SUBJECT', 'DEPARTMENT', 'AUDITOR'], description: 'read list-procedure entries one may see' },
  'list.browse': { roles: EVERYONE, description: 'browse the serious-dishonesty lists (who is listed today), through the disclosure policy' },
  'measure.apply': { roles: ['DEPARTMENT'], description: 'apply or lift a punishment measure from the published list' },
  'measure.read': { roles: ['SUBJECT', 'DEPARTMENT', 'AUDITOR'], description: 'read the measures applied to a record or entry one may see' },
  'objection.file': { roles: ['SUBJECT'], description: 'object to a record or a list entry' },
  'objection.decide': { roles: ['DEPARTMENT'], description: 'decide an objection about one\'s own record or entry' },
  'objection.read': { roles: ['SUBJECT', 'DEPARTMENT', 'AUDITOR'], description: 'read objections one may see' },
  'repair.apply': { roles: ['SUBJECT'], description: 'apply for credit repair' },
  'repair.decide': { roles: ['DEPARTMENT'], description: 'decide a credit-repair application' },
  'repair.read': { roles: ['SUBJECT', 'DEPARTMENT', 'AUDITOR'], description: 'read repair applications one may see' },
  'attachment.add': { roles: ['SUBJECT'], description: 'add a file to one\'s own open objection or repair application' },
  'attachment.read': { roles: ['SUBJECT', 'DEPARTMENT', 'AUDITOR'], description: 'read the files of objections and repair applications one may see' },
  'consent.manage': { roles: ['SUBJECT'], description: 'grant, revoke and list one\'s own consents' },
  'report.accountability': { roles: ['AUDITOR'], description: 'read the accountability report (49号 九)' },
  'records.statistics': { roles: EVERYONE, description: 'read the figures across subjects (records published per category, the latest 双公示 records), through the disclosure policy' },
  'record.lookup': { roles: EVERYONE, description: 'look a credit record up by its 记录编号 (the policy then decides whether it is visible)' },
  'report.verify': { roles: EVERYONE, description: 'check a report number and its 校验码 against the register of issued reports' },
  'catalog.read': { roles: EVERYONE, description: 'read the published catalog, measures list and list types' },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>;

export type ActionName = keyof typeof ACTIONS;

/** True when the principal's role may perform the action. Unknown actions are refused. */
export function mayPerform(principal: Principal, action: string): boolean {
  const entry = (ACTIONS as Record<string, { roles: readonly Role[] }>)[action];
  return entry !== undefined && entry.roles.includes(principal.role);
}

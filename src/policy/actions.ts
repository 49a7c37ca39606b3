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
  'subject.search': { roles: EVERYONE, description: 'search subjects by name or code' },
  'subject.batchLookup': {
    roles: ['PARTNER', 'DEPARTMENT', 'AUDITOR'],
    description: 'look up many subjects in one request (partner systems checking a bid list, an application batch)',
  },
  'audit.readOwn': { roles: ['SUBJECT'], description: 'read who accessed one\'s own data' },
  'audit.read': { roles: ['AUDITOR'], description: 'read the access log' },
  'audit.verify': { roles: ['AUDITOR'], description: 'verify the access log\'s hash chain' },
  'catalog.read': { roles: EVERYONE, description: 'read the published catalog, measures list and list types' },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>;

export type ActionName = keyof typeof ACTIONS;

/** True when the principal's role may perform the action. Unknown actions are refused. */
export function mayPerform(principal: Principal, action: string): boolean {
  const entry = (ACTIONS as Record<string, { roles: readonly Role[] }>)[action];
  return entry !== undefined && entry.roles.includes(principal.role);
}

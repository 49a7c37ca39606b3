/**
 * Who is asking. Derived once per request from the bearer token (or its absence: PUBLIC)
 * and never changed afterwards.
 */
export const ROLES = ['PUBLIC', 'SUBJECT', 'PARTNER', 'DEPARTMENT', 'CATALOG_ADMIN', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  role: Role;
  /** Stable identifier written to the access log: `public`, or the token's `sub`. */
  id: string;
  /** Agency code for PARTNER, DEPARTMENT, CATALOG_ADMIN and AUDITOR. */
  agencyCode?: string;
  /** Subject id for SUBJECT: the one subject whose own data this principal sees in clear. */
  subjectId?: number;
  /** The token's `purposes` claim: it narrows the purposes the agency's agreements allow, never widens them. */
  purposes?: readonly string[];
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ role: 'PUBLIC', id: 'public' });

/**
 * Who is asking, for what purpose and when: everything a service reads of a request. The
 * GraphQL Caller (src/graphql/context.ts) extends it, so resolvers pass their context
 * as it is; services are below the GraphQL layer and never see it.
 */
import type { AccessBuffer } from '../audit/access-buffer';
import type { Principal } from '../auth/principal';
import type { Purpose } from '../catalog/vocabulary.schema';
import type { CallerAuthority } from '../policy/authority';
import type { ConsentStore } from '../policy/consent-store';
import type { DisclosurePolicy } from '../policy/disclosure';

export interface Caller {
  readonly requestId: string;
  readonly principal: Principal;
  /** The caller's agency, agreements in force and jurisdiction (src/policy/authority.ts). */
  readonly authority: CallerAuthority;
  /** The declared (or role-implied) purpose, resolved from the vocabulary. */
  readonly purpose: Purpose | undefined;
  /** The request's clock: every time rule in one request sees the same instant. */
  readonly now: Date;
  /** The disclosure policy for this request's viewer, memoising its decisions. */
  readonly policy: DisclosurePolicy;
  /** Consents loaded for this request's agency and purpose (see ConsentService). */
  readonly consents: ConsentStore;
  /** Collects non-public accesses; undefined for the public, whose reads are not logged. */
  readonly accessBuffer: AccessBuffer | undefined;
}

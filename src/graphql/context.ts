/**
 * What every resolver, rule and middleware receives. Built once per request; nothing in it
 * is shared between requests except `services`, which hold no request state.
 */
import type { Principal } from '../auth/principal';
import { DisclosurePolicy } from '../policy/disclosure';
import type { Services } from '../services';
import { legalDate } from '../time/legal-date';

export interface RequestContext {
  readonly requestId: string;
  readonly principal: Principal;
  /** Declared purpose code (X-Purpose header). */
  readonly purpose: string | undefined;
  /** The request's clock: every time rule in one request sees the same instant. */
  readonly now: Date;
  readonly services: Services;
  /** The disclosure policy for this request's viewer, memoising its decisions. */
  readonly policy: DisclosurePolicy;
}

export interface ContextInput {
  requestId: string;
  principal: Principal;
  purpose: string | undefined;
  now: Date;
  services: Services;
}

export function createRequestContext(input: ContextInput): RequestContext {
  const purpose = input.purpose ? input.services.catalog.purpose(input.purpose) : undefined;
  const policy = new DisclosurePolicy({
    principal: input.principal,
    agencySystem: input.principal.agencyCode ? input.services.agencies.get(input.principal.agencyCode)?.system : undefined,
    purpose,
    today: legalDate(input.now),
    consentFor: () => false,
  });
  return { ...input, policy };
}

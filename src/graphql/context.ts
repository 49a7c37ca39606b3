/**
 * What every resolver, rule and middleware receives. Built once per request; nothing in it
 * is shared between requests except `services`, which hold no request state.
 */
import { AccessBuffer } from '../audit/access-buffer';
import type { Principal } from '../auth/principal';
import type { CallerAuthority } from '../policy/authority';
import type { Purpose } from '../catalog/vocabulary.schema';
import { ConsentStore } from '../policy/consent-store';
import { DisclosurePolicy } from '../policy/disclosure';
import { createLoaders, type Loaders } from './loaders';
import type { Services } from '../services';
import type { Caller } from '../modules/caller';
import { legalDate } from '../time/legal-date';

/** The Caller that services read (src/modules/caller.ts), and the services and loaders resolvers reach them by. */
export interface RequestContext extends Caller {
  readonly services: Services;
  readonly loaders: Loaders;
}

export interface ContextInput {
  requestId: string;
  /** The client's own X-Request-Id (its reference in the access log). */
  clientRequestId?: string;
  principal: Principal;
  /** The caller's agency, agreements and jurisdiction, resolved at admission. */
  authority: CallerAuthority;
  purpose: Purpose | undefined;
  now: Date;
  services: Services;
  /** Told the outcome of each consent check the policy makes (metrics). */
  onConsentCheck?: (granted: boolean) => void;
}

export function createRequestContext(input: ContextInput): RequestContext {
  const consents = new ConsentStore(input.onConsentCheck);
  const policy = new DisclosurePolicy({
    principal: input.principal,
    authority: input.authority,
    purpose: input.purpose,
    today: legalDate(input.now),
    consentFor: (subjectId, itemCode) => consents.covers(subjectId, itemCode),
  });
  const { principal } = input;
  const accessBuffer =
    principal.role === 'PUBLIC'
      ? undefined
      : new AccessBuffer({
          at: input.now.toISOString(),
          requestId: input.requestId,
          clientRequestId: input.clientRequestId ?? null,
          principal: principal.id,
          role: principal.role,
          agencyCode: principal.agencyCode ?? null,
          purpose: input.purpose?.code ?? null,
        });
  const { onConsentCheck: _told, clientRequestId: _reference, ...request } = input;
  const ctx: RequestContext = { ...request, policy, loaders: createLoaders(() => ctx), consents, accessBuffer };
  return ctx;
}

/**
 * Counts the policy's consent checks. The policy asks `Viewer.consentFor`, which the request
 * context answers from its ConsentStore (`covers`), once per record shared under a purpose
 * whose personal-data basis is consent — only then, so every call is a real check. The
 * metrics test asserts both outcomes, so a change of that path cannot silently zero them.
 */
import type { RequestContext } from '../graphql/context';
import type { ServerMetrics } from './metrics';

export function countConsentChecks(ctx: RequestContext, metrics: ServerMetrics): RequestContext {
  const store = ctx.consents;
  const covers = store.covers.bind(store);
  store.covers = (subjectId, itemCode) => {
    const granted = covers(subjectId, itemCode);
    metrics.consentChecked(granted);
    return granted;
  };
  return ctx;
}

/**
 * The field-level half of the decision: given the capacity the record gate granted, what
 * each field of the item's record kind discloses. Results are frozen and shared: every
 * record of the same item seen in the same capacity gets the same object, so a page of 500
 * records costs one computation per item, not 500 × fields.
 */
import type { ItemField, SubjectKind } from '../catalog/catalog.schema';
import type { DenialReason, FieldDecision } from './decision';
import type { Capacity } from './record-gate';
import type { PolicyItem } from '../catalog/policy-item';

const NEVER_PUBLISHED = new Set(['ADDRESS', 'BANK_ACCOUNT', 'HEALTH']);

const decision = (d: FieldDecision): FieldDecision => Object.freeze(d);
const ALLOW_OWN = decision({ effect: 'ALLOW', reason: 'OWN_DATA' });
const ALLOW_PROVIDER = decision({ effect: 'ALLOW', reason: 'PROVIDING_DEPARTMENT' });
const ALLOW_SHARED = decision({ effect: 'ALLOW', reason: 'SHARED' });
const ALLOW_PUBLISHED = decision({ effect: 'ALLOW', reason: 'PUBLISHED' });
const DENY_NOT_SHARED = decision({ effect: 'DENY', reason: 'FIELD_NOT_SHARED', code: 'FORBIDDEN' });
const DENY_NOT_PUBLISHED = decision({ effect: 'DENY', reason: 'FIELD_NOT_PUBLISHED', code: 'FORBIDDEN' });
const DENY_NEVER_PUBLISHED = decision({ effect: 'DENY', reason: 'NEVER_PUBLISHED', code: 'FORBIDDEN' });
const DENY_CONSENT = decision({ effect: 'DENY', reason: 'CONSENT_REQUIRED', code: 'CONSENT_REQUIRED' });
const MASKED = new Map(
  (['NAME', 'ID_NUMBER', 'PHONE'] as const).map((k) => [k, decision({ effect: 'MASK', reason: 'PUBLISHED_MASKED', personal: k })]),
);

function published(rule: ItemField, fallbackDenial: FieldDecision | undefined): FieldDecision {
  if (!rule.publish) return fallbackDenial ?? DENY_NOT_PUBLISHED;
  if (!rule.personal) return ALLOW_PUBLISHED;
  if (NEVER_PUBLISHED.has(rule.personal)) return DENY_NEVER_PUBLISHED;
  return MASKED.get(rule.personal as 'NAME' | 'ID_NUMBER' | 'PHONE')!;
}

/**
 * Which fields a missing consent withholds, when the purpose's basis is consent and no live
 * consent of the subject covers the item: ALL of a natural person's record (all of it is
 * personal information, PIPL art. 4), or the PERSONAL fields (a representative's name and
 * ID number) of an organisation's record. NONE when consent is not needed or is given.
 */
export type ConsentGap = 'NONE' | 'PERSONAL' | 'ALL';

function shared(rule: ItemField, gap: ConsentGap, allow: FieldDecision): FieldDecision {
  if (!rule.share) return DENY_NOT_SHARED;
  if (gap === 'ALL' || (gap === 'PERSONAL' && rule.personal)) return DENY_CONSENT;
  return allow;
}

/** One frozen decision per agreement: equal reasons are the same object across requests. */
const allowSharedUnder = new Map<string, FieldDecision>();

/**
 * What the capacity shows, and the reason the access log gives for it. A visible record's
 * envelope (its id, item, dates, status) gets exactly this decision, and so does every field
 * the capacity lets through unchanged: one vocabulary, so a record read whole is one log row.
 */
export function allowedIn(capacity: Capacity, grant?: string): FieldDecision {
  switch (capacity) {
    case 'OWN':
      return ALLOW_OWN;
    case 'PROVIDER':
      return ALLOW_PROVIDER;
    case 'PUBLISH':
      return ALLOW_PUBLISHED;
    case 'SHARE': {
      // The access log names the agreement a shared field was received under: SHARED:<agreement>.
      if (!grant) return ALLOW_SHARED;
      let d = allowSharedUnder.get(grant);
      if (!d) allowSharedUnder.set(grant, (d = decision({ effect: 'ALLOW', reason: `SHARED:${grant}` })));
      return d;
    }
  }
}

export function fieldDecisions(
  item: PolicyItem,
  capacity: Capacity,
  consentGap: ConsentGap,
  fallbackDenial?: { reason: DenialReason; code: FieldDecision['code'] },
  grant?: string,
): Readonly<Record<string, FieldDecision>> {
  const out: Record<string, FieldDecision> = {};
  const allow = allowedIn(capacity, grant);
  const fallback = fallbackDenial ? decision({ effect: 'DENY', reason: fallbackDenial.reason, code: fallbackDenial.code }) : undefined;
  for (const [key, rule] of item.fieldRules) {
    switch (capacity) {
      case 'OWN':
      case 'PROVIDER':
        out[key] = allow;
        break;
      case 'SHARE':
        out[key] = shared(rule, consentGap, allow);
        break;
      case 'PUBLISH':
        out[key] = published(rule, fallback);
        break;
    }
  }
  return Object.freeze(out);
}

export type { SubjectKind };

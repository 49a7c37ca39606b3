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

export function fieldDecisions(
  item: PolicyItem,
  capacity: Capacity,
  consentGap: ConsentGap,
  fallbackDenial?: { reason: DenialReason; code: FieldDecision['code'] },
  grant?: string,
): Readonly<Record<string, FieldDecision>> {
  const out: Record<string, FieldDecision> = {};
  // The access log names the agreement a shared field was received under: SHARED:<agreement>.
  const allowShared = grant ? decision({ effect: 'ALLOW', reason: `SHARED:${grant}` }) : ALLOW_SHARED;
  const fallback = fallbackDenial ? decision({ effect: 'DENY', reason: fallbackDenial.reason, code: fallbackDenial.code }) : undefined;
  for (const [key, rule] of item.fieldRules) {
    switch (capacity) {
      case 'OWN':
        out[key] = ALLOW_OWN;
        break;
      case 'PROVIDER':
        out[key] = ALLOW_PROVIDER;
        break;
      case 'SHARE':
        out[key] = shared(rule, consentGap, allowShared);
        break;
      case 'PUBLISH':
        out[key] = published(rule, fallback);
        break;
    }
  }
  return Object.freeze(out);
}

export type { SubjectKind };

/**
 * The record-level half of the disclosure decision: for a viewer, an item and a subject, in
 * which capacity (if any) the viewer may see records, and which record states qualify.
 *
 * A gate is data, so that its two forms cannot disagree: `passesGate` evaluates it on a
 * loaded record, and `gateSql` (record-gate.sql.ts) turns it into the WHERE clause every
 * record query applies. The property test checks them against each other.
 */
import type { SubjectKind } from '../catalog/catalog.schema';
import type { ErrorCode } from '../errors';
import type { PolicyItem } from './policy-item';
import type { Viewer } from './viewer';

/** The capacity in which a viewer sees a record; it decides the field rules (field-decisions.ts). */
export type Capacity = 'OWN' | 'PROVIDER' | 'SHARE' | 'PUBLISH';

export type RecordGate =
  | { readonly open: false; readonly reason: string; readonly code: ErrorCode }
  | {
      readonly open: true;
      readonly capacity: Capacity;
      /** Record must be ACTIVE (not repaired, not revoked). */
      readonly activeOnly: boolean;
      /** Record must be inside its publication window today. */
      readonly publishedOnly: boolean;
      /** Record's decision date must be within the item's retention period. */
      readonly retainedSince: string | undefined;
      /** Records whose repair treatment is DELETED are gone from every read path. */
      readonly hideDeleted: boolean;
      /**
       * Set when an agency fell back to the public view because sharing was refused: fields
       * the public cannot see are then denied with this reason (e.g. PURPOSE_NOT_PERMITTED),
       * so the agency learns why instead of silently seeing less.
       */
      readonly fallbackDenial?: { readonly reason: string; readonly code: ErrorCode };
    };

export interface RecordFacts {
  readonly subjectId: number;
  readonly subjectKind: SubjectKind;
  readonly status: 'ACTIVE' | 'REPAIRED' | 'REVOKED';
  readonly repairTreatment: 'MARKED' | 'SHIELDED' | 'DELETED' | null;
  readonly decisionDate: string | null;
  readonly publishFrom: string | null;
  readonly publishUntil: string | null;
}

const closed = (reason: string, code: ErrorCode = 'FORBIDDEN'): RecordGate => ({ open: false, reason, code });

function retentionStart(today: string, years: number): string {
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
}

/** May this viewer's agency, for its declared purpose, receive the item's records by sharing? */
function shareGate(viewer: Viewer, item: PolicyItem): RecordGate | undefined {
  const { share } = item;
  if (share.scope === 'NONE') return closed('ITEM_NOT_SHAREABLE');
  if (!viewer.purpose) return closed('PURPOSE_REQUIRED', 'PURPOSE_REQUIRED');
  const agencyOk =
    share.agencies.includes('*') || (viewer.agencySystem !== undefined && share.agencies.includes(viewer.agencySystem));
  if (!agencyOk) return closed('AGENCY_NOT_PERMITTED');
  if (!share.purposes.includes(viewer.purpose.code)) return closed('PURPOSE_NOT_PERMITTED', 'PURPOSE_NOT_PERMITTED');
  return undefined;
}

function publishGate(item: PolicyItem, subjectKind: SubjectKind): RecordGate {
  const publish = item.publish;
  if (publish.scope !== 'PUBLIC') return closed('ITEM_NOT_PUBLISHED');
  if (subjectKind === 'NATURAL_PERSON' && publish.naturalPersons !== 'PUBLISHED_MASKED') {
    return closed('NATURAL_PERSON_NOT_PUBLISHED');
  }
  return { open: true, capacity: 'PUBLISH', activeOnly: true, publishedOnly: true, retainedSince: undefined, hideDeleted: true };
}

/**
 * The gate for records of `item` about a subject of `subjectKind`; `own` says whether the
 * subject is the principal itself. Roles without a capacity of their own fall back to what
 * the public sees.
 */
export function recordGate(viewer: Viewer, item: PolicyItem, subjectKind: SubjectKind, own: boolean): RecordGate {
  if (!item.subjectKinds.includes(subjectKind)) return closed('SUBJECT_KIND_NOT_IN_ITEM');
  const { role } = viewer.principal;
  if (role === 'SUBJECT' && own) {
    return { open: true, capacity: 'OWN', activeOnly: false, publishedOnly: false, retainedSince: undefined, hideDeleted: true };
  }
  if (role === 'DEPARTMENT' && viewer.agencySystem === item.provider) {
    return { open: true, capacity: 'PROVIDER', activeOnly: false, publishedOnly: false, retainedSince: undefined, hideDeleted: true };
  }
  if (role === 'PARTNER' || role === 'DEPARTMENT') {
    const refused = shareGate(viewer, item);
    if (!refused) {
      return {
        open: true,
        capacity: 'SHARE',
        activeOnly: true,
        publishedOnly: false,
        retainedSince: retentionStart(viewer.today, item.retentionYears),
        hideDeleted: true,
      };
    }
    // A partner that may not receive the item by sharing still sees what everyone sees.
    const asPublic = publishGate(item, subjectKind);
    if (!asPublic.open || refused.open) return refused;
    return { ...asPublic, fallbackDenial: { reason: refused.reason, code: refused.code } };
  }
  return publishGate(item, subjectKind);
}

/**
 * Everything of the viewer that recordGate reads (role, agency system, declared purpose,
 * today) and whose subject is its own: two viewers with the same key get the same gate for
 * every item and subject kind, and so the same SQL filter. What caches the filter keys it by
 * this; a property recordGate comes to read must be added here.
 */
export function gateShapeKey(viewer: Viewer, ownSubjectId: number | undefined): string {
  return [viewer.principal.role, viewer.agencySystem ?? '', viewer.purpose?.code ?? '', viewer.today, ownSubjectId ?? ''].join('|');
}

/** The JavaScript form of the gate: does this loaded record pass? */
export function passesGate(gate: RecordGate, facts: RecordFacts, today: string): boolean {
  if (!gate.open) return false;
  if (gate.hideDeleted && facts.repairTreatment === 'DELETED') return false;
  if (gate.activeOnly && facts.status !== 'ACTIVE') return false;
  if (gate.publishedOnly) {
    if (facts.publishFrom === null || facts.publishFrom > today) return false;
    if (facts.publishUntil !== null && facts.publishUntil < today) return false;
  }
  if (gate.retainedSince !== undefined && facts.decisionDate !== null && facts.decisionDate < gate.retainedSince) return false;
  return true;
}

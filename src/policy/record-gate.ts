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
import type { PolicyItem } from '../catalog/policy-item';
import { agreementCovering } from './authority';
import { inJurisdiction, regionPrefix } from './jurisdiction';
import type { DenialReason } from './decision';
import type { Viewer } from './viewer';

/** The capacity in which a viewer sees a record; it decides the field rules (field-decisions.ts). */
export type Capacity = 'OWN' | 'PROVIDER' | 'SHARE' | 'PUBLISH';

export interface OpenGate {
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
  readonly fallbackDenial?: { readonly reason: DenialReason; readonly code: ErrorCode };
  /** SHARE: the data-sharing agreement that lets the caller receive the item (written to the access log). */
  readonly grant?: string;
  /**
   * SHARE of a natural person's records under a purpose whose basis is consent: a record exists
   * for the caller only while the person's consent to this agency, for this purpose, covering
   * this item is in force. Without it there is no envelope, no count, no trace (PIPL 第十四条).
   */
  readonly consent?: { readonly agencyCode: string; readonly purpose: string; readonly itemCode: string };
  /**
   * Which records this tier takes: those made by the caller's jurisdiction (providing
   * capacity), or those about subjects registered in the caller's area (an agreement limited
   * to it, e.g. credit supervision). A record outside the scope is seen through `otherwise`
   * (sharing, or the public view), or not at all.
   */
  readonly scope?: GateScope;
  readonly otherwise?: RecordGate;
}

export interface GateScope {
  /** Only records made by these agencies. */
  readonly recordedBy?: readonly string[];
  /** Only records about subjects whose GB/T 2260 region code starts with this prefix. */
  readonly subjectArea?: string;
}

export type RecordGate = { readonly open: false; readonly reason: DenialReason; readonly code: ErrorCode } | OpenGate;

export interface RecordFacts {
  readonly subjectId: number;
  /** The agency that recorded it (jurisdiction of providing capacity). */
  readonly agencyCode: string;
  /** The subject's registered region, GB/T 2260 (agreements limited to the grantee's area). */
  readonly subjectRegion: string;
  readonly subjectKind: SubjectKind;
  readonly status: 'ACTIVE' | 'REPAIRED' | 'REVOKED';
  readonly repairTreatment: 'MARKED' | 'SHIELDED' | 'DELETED' | null;
  readonly decisionDate: string | null;
  readonly publishFrom: string | null;
  readonly publishUntil: string | null;
}

const closed = (reason: DenialReason, code: ErrorCode = 'FORBIDDEN'): RecordGate => ({ open: false, reason, code });

/**
 * `years` before `today`, as a date that exists: the SQL form binds it to a DATE column. From
 * 29 February that is 1 March of a common year, the day after the anniversary (2028-02-29, 5
 * years: 2023-03-01), so a record decided on 2023-02-28 is past its fifth year as on any other day.
 */
export function retentionStart(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * May this viewer's agency, for its declared purpose, receive the item's records by sharing?
 * Both the catalog (the item is shared with the agency's system for the purpose) and one of
 * the agency's agreements in force (covering the item for the purpose) must say yes.
 */
function shareGate(viewer: Viewer, item: PolicyItem, subjectKind: SubjectKind): RecordGate {
  const { share } = item;
  if (share.scope === 'NONE') return closed('ITEM_NOT_SHAREABLE');
  const { purpose } = viewer;
  const agency = viewer.authority.agency;
  if (!purpose) return closed('PURPOSE_REQUIRED', 'PURPOSE_REQUIRED');
  if (!agency || !(share.agencies.includes('*') || share.agencies.includes(agency.system))) return closed('AGENCY_NOT_PERMITTED');
  if (!share.purposes.includes(purpose.code)) return closed('PURPOSE_NOT_PERMITTED', 'PURPOSE_NOT_PERMITTED');
  const agreement = agreementCovering(viewer.authority, purpose.code, item);
  if (!agreement) return closed('NO_AGREEMENT_COVERS_ITEM', 'PURPOSE_NOT_PERMITTED');
  const subjectArea = agreement.subjects === 'GRANTEE_AREA' ? regionPrefix(agency.level, agency.regionCode) : undefined;
  const consent =
    subjectKind === 'NATURAL_PERSON' && purpose.personalDataBasis === 'CONSENT'
      ? { agencyCode: agency.code, purpose: purpose.code, itemCode: item.code }
      : undefined;
  return {
    open: true,
    capacity: 'SHARE',
    activeOnly: true,
    publishedOnly: false,
    retainedSince: retentionStart(viewer.today, item.retentionYears),
    hideDeleted: true,
    grant: agreement.code,
    ...(consent ? { consent } : {}),
    ...(subjectArea !== undefined ? { scope: { subjectArea } } : {}),
  };
}

/** Sharing if the agency may receive the item, else what everyone sees (with the refusal's reason). */
function shareOrPublic(viewer: Viewer, item: PolicyItem, subjectKind: SubjectKind): RecordGate {
  const shared = shareGate(viewer, item, subjectKind);
  const asPublic = publishGate(item, subjectKind);
  if (shared.open) {
    // Outside an area-limited agreement's area the caller is one of the public.
    if (!shared.scope) return shared;
    const outside: RecordGate = asPublic.open ? { ...asPublic, fallbackDenial: { reason: 'OUTSIDE_AGREEMENT_AREA', code: 'FORBIDDEN' } } : closed('OUTSIDE_AGREEMENT_AREA');
    return { ...shared, otherwise: outside };
  }
  // A partner that may not receive the item by sharing still sees what everyone sees.
  if (!asPublic.open) return shared;
  return { ...asPublic, fallbackDenial: { reason: shared.reason, code: shared.code } };
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
  if (role === 'PARTNER' || role === 'DEPARTMENT') {
    const otherwise = shareOrPublic(viewer, item, subjectKind);
    const { agency, jurisdiction } = viewer.authority;
    // The collecting department (一口采集) holds in full what it and the agencies under it recorded.
    if (role === 'DEPARTMENT' && agency?.system === item.provider && jurisdiction.length > 0) {
      return {
        open: true, capacity: 'PROVIDER', activeOnly: false, publishedOnly: false, retainedSince: undefined, hideDeleted: true,
        scope: { recordedBy: jurisdiction }, otherwise,
      };
    }
    return otherwise;
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
  const { agency, agreements } = viewer.authority;
  return [
    // An agreement by its code and the purposes left after the token narrowed them.
    viewer.principal.role, agency?.code ?? '', agreements.map((a) => `${a.code}:${a.purposes.join('+')}`).join(','), viewer.purpose?.code ?? '', viewer.today, ownSubjectId ?? '',
  ].join('|');
}

/**
 * The tier of the gate that governs this record: a providing department's gate hands records
 * outside its jurisdiction to the sharing or public gate behind it.
 */
export function gateFor(gate: RecordGate, facts: RecordFacts): RecordGate {
  let g = gate;
  while (g.open && g.scope && !inScope(g.scope, facts)) g = g.otherwise ?? closed('OUTSIDE_JURISDICTION');
  return g;
}

export function inScope(scope: GateScope, facts: RecordFacts): boolean {
  if (scope.recordedBy && !inJurisdiction(scope.recordedBy, facts.agencyCode)) return false;
  if (scope.subjectArea !== undefined && !facts.subjectRegion.startsWith(scope.subjectArea)) return false;
  return true;
}

/**
 * The JavaScript form of the gate: does this loaded record pass? Call it with the tier
 * `gateFor` chose; consent (`gate.consent`) is the caller's to check, against the request's
 * loaded consents (DisclosurePolicy.decide).
 */
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

/**
 * THE disclosure decision: principal × purpose × catalog item × record × field → allow,
 * mask or deny, with the reason. Made once per request and record (memoised per item and
 * capacity); shield rules, the masking middleware and the access recorder only read it.
 */
import { DENIED_NO_DECISION, type DenialReason, type FieldDecision, type RecordDisclosure } from './decision';
import { allowedIn, fieldDecisions, type ConsentGap } from './field-decisions';
import type { PolicyItem } from '../catalog/policy-item';
import { gateFor, passesGate, recordGate, type GateScope, type RecordFacts, type RecordGate } from './record-gate';
import { regionPrefix } from './jurisdiction';

/** What seesBeyondPublication reads of a subject. */
export interface SubjectFacts {
  readonly id: number;
  readonly kind: RecordFacts['subjectKind'];
  /** GB/T 2260 region the subject is registered in. */
  readonly regionCode: string;
}
import type { Viewer } from './viewer';

/** Per-request memo: one instance per request context. */
export class DisclosurePolicy {
  private readonly gates = new Map<string, RecordGate>();
  private readonly fieldSets = new Map<string, Readonly<Record<string, FieldDecision>>>();
  private readonly denials = new Map<string, Pick<RecordDisclosure, 'fields' | 'envelope'>>();

  constructor(readonly viewer: Viewer) {}

  gate(item: PolicyItem, subjectKind: RecordFacts['subjectKind'], own: boolean): RecordGate {
    const key = `${item.id}|${subjectKind}|${own}`;
    let g = this.gates.get(key);
    if (!g) {
      g = recordGate(this.viewer, item, subjectKind, own);
      this.gates.set(key, g);
    }
    return g;
  }

  isOwn(subjectId: number): boolean {
    return this.viewer.principal.role === 'SUBJECT' && this.viewer.principal.subjectId === subjectId;
  }

  /** The decision for one record of `item`. A record the gate refuses gets every field denied. */
  decide(item: PolicyItem, facts: RecordFacts): RecordDisclosure {
    const gate = gateFor(this.gate(item, facts.subjectKind, this.isOwn(facts.subjectId)), facts);
    if (!gate.open || !passesGate(gate, facts, this.viewer.today)) {
      const reason = gate.open ? 'RECORD_NOT_VISIBLE' : gate.reason;
      return { itemCode: item.code, subjectId: facts.subjectId, visible: false, basis: reason, ...this.denyAll(item, reason, gate) };
    }
    // No consent, no trace: the record does not exist for this caller (record-gate.ts, `consent`).
    if (gate.consent && !this.viewer.consentFor(facts.subjectId, item.code)) {
      return { itemCode: item.code, subjectId: facts.subjectId, visible: false, basis: 'RECORD_NOT_VISIBLE', ...this.denyAll(item, 'RECORD_NOT_VISIBLE', gate) };
    }
    const gap = this.consentGap(gate.capacity, item, facts);
    const key = `${item.id}|${gate.capacity}|${gap}|${gate.fallbackDenial?.reason ?? ''}|${gate.grant ?? ''}`;
    let fields = this.fieldSets.get(key);
    if (!fields) {
      fields = fieldDecisions(item, gate.capacity, gap, gate.fallbackDenial, gate.grant);
      this.fieldSets.set(key, fields);
    }
    return { itemCode: item.code, subjectId: facts.subjectId, visible: true, basis: gate.capacity, grant: gate.grant, fields, envelope: allowedIn(gate.capacity, gate.grant) };
  }

  /**
   * Does this viewer see anything of this subject beyond what is published — its own data,
   * providing capacity, or sharing (with the person's consent where the purpose rests on it)?
   * It decides the credit report's edition and whether a natural person may be found by ID
   * number at all: a caller for whom this is false learns nothing a stranger would not.
   * A tier limited to an area counts only for a subject registered inside it; providing
   * capacity (limited to what the caller's jurisdiction recorded) counts, for this question
   * about the subject as a whole, only for subjects registered in the caller's own area.
   * Consents of the subject must have been loaded (ConsentService.ensureLoaded).
   */
  seesBeyondPublication(subject: SubjectFacts, items: readonly PolicyItem[]): boolean {
    const own = this.isOwn(subject.id);
    return items.some((item) => {
      let gate = this.gate(item, subject.kind, own);
      while (gate.open && gate.capacity !== 'PUBLISH') {
        if (gate.scope && !this.subjectInScope(gate.scope, subject)) {
          gate = gate.otherwise ?? { open: false, reason: 'OUTSIDE_JURISDICTION', code: 'FORBIDDEN' };
          continue;
        }
        return !gate.consent || this.viewer.consentFor(subject.id, item.code);
      }
      return false;
    });
  }

  /**
   * Could the viewer see records of some of `items` about this subject, in any capacity (the
   * public's included)? Registration items are the subject itself, not its records, and do not
   * count; a consent-bound gate counts only with the consent. It decides whether a subject whose
   * registration the viewer may not see is reported at all.
   */
  mayShowRecordsOf(subjectId: number, kind: RecordFacts['subjectKind'], items: readonly PolicyItem[]): boolean {
    const own = this.isOwn(subjectId);
    return items.some((item) => {
      if (item.recordKind === 'REGISTRATION') return false;
      const gate = this.gate(item, kind, own);
      return gate.open && (!gate.consent || this.viewer.consentFor(subjectId, item.code));
    });
  }

  private subjectInScope(scope: GateScope, subject: SubjectFacts): boolean {
    if (scope.subjectArea !== undefined && !subject.regionCode.startsWith(scope.subjectArea)) return false;
    if (scope.recordedBy) {
      const agency = this.viewer.authority.agency;
      if (!agency || !subject.regionCode.startsWith(regionPrefix(agency.level, agency.regionCode))) return false;
    }
    return true;
  }

  /**
   * Consent matters only for sharing under a purpose whose personal-data basis is consent. A
   * natural person's records without consent never get here (they are not visible); an
   * organisation's record loses the personal fields (a representative's name and ID number).
   */
  private consentGap(capacity: string, item: PolicyItem, facts: RecordFacts): ConsentGap {
    if (capacity !== 'SHARE' || this.viewer.purpose?.personalDataBasis !== 'CONSENT') return 'NONE';
    if (this.viewer.consentFor(facts.subjectId, item.code)) return 'NONE';
    return facts.subjectKind === 'NATURAL_PERSON' ? 'ALL' : 'PERSONAL';
  }

  /** A refused record: every field and the envelope denied with the same reason. */
  private denyAll(item: PolicyItem, reason: DenialReason, gate: RecordGate): Pick<RecordDisclosure, 'fields' | 'envelope'> {
    const key = `${item.id}|deny|${reason}`;
    let denied = this.denials.get(key);
    if (!denied) {
      const d: FieldDecision = Object.freeze({
        effect: 'DENY',
        reason,
        code: gate.open ? DENIED_NO_DECISION.code : gate.code,
      });
      denied = { fields: Object.freeze(Object.fromEntries([...item.fieldRules.keys()].map((k) => [k, d]))), envelope: d };
      this.denials.set(key, denied);
    }
    return denied;
  }
}

/**
 * THE disclosure decision: principal × purpose × catalog item × record × field → allow,
 * mask or deny, with the reason. Made once per request and record (memoised per item and
 * capacity); shield rules, the masking middleware and the access recorder only read it.
 */
import { DENIED_NO_DECISION, type FieldDecision, type RecordDisclosure } from './decision';
import { fieldDecisions, type ConsentGap } from './field-decisions';
import type { PolicyItem } from './policy-item';
import { passesGate, recordGate, type RecordFacts, type RecordGate } from './record-gate';
import type { Viewer } from './viewer';

/** Per-request memo: one instance per request context. */
export class DisclosurePolicy {
  private readonly gates = new Map<string, RecordGate>();
  private readonly fieldSets = new Map<string, Readonly<Record<string, FieldDecision>>>();

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
    const gate = this.gate(item, facts.subjectKind, this.isOwn(facts.subjectId));
    if (!gate.open || !passesGate(gate, facts, this.viewer.today)) {
      const reason = gate.open ? 'RECORD_NOT_VISIBLE' : gate.reason;
      return { itemCode: item.code, subjectId: facts.subjectId, visible: false, basis: reason, fields: this.denyAll(item, reason, gate) };
    }
    const gap = this.consentGap(gate.capacity, item, facts);
    const key = `${item.id}|${gate.capacity}|${gap}|${gate.fallbackDenial?.reason ?? ''}`;
    let fields = this.fieldSets.get(key);
    if (!fields) {
      fields = fieldDecisions(item, gate.capacity, gap, gate.fallbackDenial);
      this.fieldSets.set(key, fields);
    }
    return { itemCode: item.code, subjectId: facts.subjectId, visible: true, basis: gate.capacity, fields };
  }

  /** Consent matters only for sharing under a purpose whose personal-data basis is consent. */
  private consentGap(capacity: string, item: PolicyItem, facts: RecordFacts): ConsentGap {
    if (capacity !== 'SHARE' || this.viewer.purpose?.personalDataBasis !== 'CONSENT') return 'NONE';
    if (this.viewer.consentFor(facts.subjectId, item.code)) return 'NONE';
    return facts.subjectKind === 'NATURAL_PERSON' ? 'ALL' : 'PERSONAL';
  }

  private denyAll(item: PolicyItem, reason: string, gate: RecordGate): Readonly<Record<string, FieldDecision>> {
    const key = `${item.id}|deny|${reason}`;
    let fields = this.fieldSets.get(key);
    if (!fields) {
      const d: FieldDecision = Object.freeze({
        effect: 'DENY',
        reason,
        code: gate.open ? DENIED_NO_DECISION.code : gate.code,
      });
      fields = Object.freeze(Object.fromEntries([...item.fieldRules.keys()].map((k) => [k, d])));
      this.fieldSets.set(key, fields);
    }
    return fields;
  }
}

/**
 * Collects the request's non-public accesses while it executes: one group per record read
 * and decision, so a record whose fields were all allowed is one row, and one with some
 * fields masked and some denied is one row per outcome. What a response reveals without
 * reading a guarded field is an access too: a record or subject returned with none of its
 * fields selected (its existence: `naturalPerson { __typename }`) is a row of its own, and so
 * is every count over what the policy let through (`totalCount`, a report's summary).
 * Nothing is written here; the audit plugin writes the whole buffer in one statement before
 * the response leaves.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import type { FieldDecision, RecordDisclosure } from '../policy/decision';
import type { AccessEntry } from './access-entry';

interface Group {
  path: string;
  disclosure: RecordDisclosure;
  effect: FieldDecision['effect'];
  reason: string;
  fields: string[];
}

export class AccessBuffer {
  private readonly groups = new Map<string, Group>();
  private readonly lookups: Array<Pick<AccessEntry, 'subjectId' | 'itemCode' | 'fieldPath' | 'decision' | 'reason'>> = [];
  /** Objects returned to the caller, by where: an existence row unless a field of theirs was noted. */
  private readonly revealed = new Map<object, { path: string; disclosure: RecordDisclosure }>();
  private readonly pathOf = new WeakMap<object, string>();

  constructor(private readonly meta: Omit<AccessEntry, 'subjectId' | 'itemCode' | 'fieldPath' | 'decision' | 'reason' | 'operation'>) {}

  get size(): number {
    return this.groups.size + this.lookups.length + this.revealed.size;
  }

  /** Notes that `value`, carrying `disclosure`, was returned at `path` (whatever is then read of it). */
  reveal(value: object, disclosure: RecordDisclosure, path: string): void {
    if (!this.revealed.has(value)) this.revealed.set(value, { path, disclosure });
  }

  /** Notes a count revealed at `path` (`subject.profile.penalties.totalCount`), about a subject where known. */
  count(path: string, value: unknown, subjectId: number | null): void {
    this.lookups.push({ subjectId, itemCode: null, fieldPath: `${path}=${String(value)}`, decision: 'ALLOW', reason: 'COUNT' });
  }

  /**
   * Notes a lookup that is an access in itself, whatever the response then reads of it: a
   * natural person sought by ID number, found or not (src/modules/subject/person-lookup.ts).
   */
  lookup(entry: Pick<AccessEntry, 'subjectId' | 'fieldPath' | 'decision' | 'reason'>): void {
    this.lookups.push({ ...entry, itemCode: null });
  }

  /** Notes that `key` of the record `parent` was resolved with `decision`. */
  note(parent: object, disclosure: RecordDisclosure, key: string, decision: FieldDecision, info: GraphQLResolveInfo): void {
    let path = this.pathOf.get(parent);
    if (path === undefined) {
      path = info.path.prev ? responsePathAsArray(info.path.prev).join('.') : '';
      this.pathOf.set(parent, path);
    }
    const groupKey = `${path}|${decision.effect}|${decision.reason}`;
    const group = this.groups.get(groupKey);
    if (group) group.fields.push(key);
    else this.groups.set(groupKey, { path, disclosure, effect: decision.effect, reason: decision.reason, fields: [key] });
  }

  entries(operation: string): AccessEntry[] {
    const lookups = this.lookups.map((l) => ({ ...this.meta, operation, ...l }));
    for (const [value, { path, disclosure }] of this.revealed) {
      if (this.pathOf.has(value)) continue; // its fields' rows say it was read
      lookups.push({
        ...this.meta, operation, subjectId: disclosure.subjectId, itemCode: disclosure.itemCode, fieldPath: `${path}{}`,
        decision: disclosure.visible ? 'ALLOW' : 'DENY',
        reason: disclosure.visible ? `EXISTS:${disclosure.basis}` : disclosure.basis,
      });
    }
    return [...lookups, ...[...this.groups.values()].map((g) => ({
      ...this.meta,
      operation,
      subjectId: g.disclosure.subjectId,
      itemCode: g.disclosure.itemCode,
      fieldPath: `${g.path}{${g.fields.join(',')}}`,
      decision: g.effect,
      reason: g.reason,
    }))];
  }
}

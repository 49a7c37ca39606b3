/**
 * Collects the request's non-public accesses while it executes: one group per record read
 * and decision, so a record whose fields were all allowed is one row, and one with some
 * fields masked and some denied is one row per outcome. What a response reveals without
 * reading a guarded field is an access too: a record or subject returned with none of its
 * fields selected (its existence: `naturalPerson { __typename }`) is a row of its own, and so
 * are the counts over what the policy let through (`totalCount`, a report's summary): one
 * row per subject, naming every count revealed about it and its value.
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
  /** Every group, in the order first noted (the rows' order). */
  private readonly groups: Group[] = [];
  private readonly lookups: Array<Pick<AccessEntry, 'subjectId' | 'itemCode' | 'fieldPath' | 'decision' | 'reason'>> = [];
  /** Counts revealed, by subject (null: about no one subject): `[path, value]` in the order read. */
  private readonly counts = new Map<number | null, Array<[string, string]>>();
  /** Objects returned to the caller, by where: an existence row unless a field of theirs was noted. */
  private readonly revealed = new Map<object, { path: string; disclosure: RecordDisclosure }>();
  /**
   * Each record's path and groups: a field noted costs a lookup and a comparison of its
   * decision with the record's one or two groups (a partner batch notes thousands of fields).
   */
  private readonly readOf = new WeakMap<object, { path: string; groups: Group[] }>();

  constructor(private readonly meta: Omit<AccessEntry, 'subjectId' | 'itemCode' | 'fieldPath' | 'decision' | 'reason' | 'operation'>) {}

  get size(): number {
    return this.groups.length + this.lookups.length + this.revealed.size + this.counts.size;
  }

  /** Notes that `value`, carrying `disclosure`, was returned at `path` (whatever is then read of it). */
  reveal(value: object, disclosure: RecordDisclosure, path: string): void {
    if (!this.revealed.has(value)) this.revealed.set(value, { path, disclosure });
  }

  /**
   * Notes a count revealed at `path` (`subject.profile.penalties.totalCount`), about a subject
   * where known. The counts about one subject share a row (countRow): a partner's batch
   * reveals three or four counts per subject, and a row each made them half of its log.
   */
  count(path: string, value: unknown, subjectId: number | null): void {
    const counts = this.counts.get(subjectId);
    if (counts) counts.push([path, String(value)]);
    else this.counts.set(subjectId, [[path, String(value)]]);
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
    let read = this.readOf.get(parent);
    if (read === undefined) {
      read = { path: info.path.prev ? responsePathAsArray(info.path.prev).join('.') : '', groups: [] };
      this.readOf.set(parent, read);
    }
    const group = read.groups.find((g) => g.effect === decision.effect && g.reason === decision.reason);
    if (group) {
      group.fields.push(key);
      return;
    }
    const added = { path: read.path, disclosure, effect: decision.effect, reason: decision.reason, fields: [key] };
    read.groups.push(added);
    this.groups.push(added);
  }

  entries(operation: string): AccessEntry[] {
    const lookups = this.lookups.map((l) => ({ ...this.meta, operation, ...l }));
    for (const [subjectId, counts] of this.counts) {
      lookups.push({ ...this.meta, operation, subjectId, itemCode: null, fieldPath: countPath(counts), decision: 'ALLOW', reason: 'COUNT' });
    }
    for (const [value, { path, disclosure }] of this.revealed) {
      if (this.readOf.has(value)) continue; // its fields' rows say it was read
      lookups.push({
        ...this.meta, operation, subjectId: disclosure.subjectId, itemCode: disclosure.itemCode, fieldPath: `${path}{}`,
        decision: disclosure.visible ? 'ALLOW' : 'DENY',
        reason: disclosure.visible ? `EXISTS:${disclosure.basis}` : disclosure.basis,
      });
    }
    return [...lookups, ...this.groups.map((g) => ({
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

/**
 * The field path of a subject's count row: `path=value` for one count; for several, their
 * longest common prefix, then each count's remaining path and value in braces, as a record's
 * row lists its fields: `subjectsByCodes.3.profile{penalties.totalCount=2,anomalies.totalCount=0}`.
 */
export function countPath(counts: ReadonlyArray<readonly [string, string]>): string {
  if (counts.length === 1) return `${counts[0]![0]}=${counts[0]![1]}`;
  const split = counts.map(([path]) => path.split('.'));
  let common = 0;
  // Keep at least one segment of each count's own: `{totalCount=…}` would not say whose count.
  const shortest = Math.min(...split.map((s) => s.length)) - 1;
  while (common < shortest && split.every((s) => s[common] === split[0]![common])) common += 1;
  const prefix = split[0]!.slice(0, common).join('.');
  return `${prefix}{${counts.map(([, value], i) => `${split[i]!.slice(common).join('.')}=${value}`).join(',')}}`;
}

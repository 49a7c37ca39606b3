/**
 * CreditRecordResolver: the credit-record fields this module adds to Subject, and the
 * sections of CreditProfile (generated from the record-kind descriptors). Each reads the
 * per-request loader (one statement per request).
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { paginate, PageArgs } from '../../graphql/connection';
import { profileSections } from '../../catalog/record-kind.descriptors';
import { countsAbout, disclosureOf } from '../../policy/decision';
import { Action, Open } from '../../shield/field-tags';
import { CreditRecord, type StoredRecordKind } from './credit-record.type';
import { Subject } from '../subject/subject.type';
import { CreditRecordArgs } from './credit-record.args';
import { CreditProfile, CreditRecordConnection } from './credit-profile.type';
import type { RecordView } from './credit-record.view';

function subjectIdOf(subject: Subject): number {
  const disclosure = disclosureOf(subject);
  if (!disclosure) throw new Error('subject without a disclosure decision reached a record resolver');
  return disclosure.subjectId;
}

/** The loader's order (credit-record.repo.ts): newest decision first, record id breaking ties. */
const RECORD_ORDER = {
  types: ['date', 'int'] as const,
  direction: 'desc' as const,
  keyOf: (r: RecordView) => [r.decisionDate, r.rowId],
};

async function section(ctx: RequestContext, profile: CreditProfile, key: string, kinds: readonly StoredRecordKind[], page: PageArgs) {
  const { subjectId, selectedKinds } = profile;
  // The profile's shared load when it holds this section's kinds (it always should); else the
  // section's own: what a section lists never depends on the selection walk being right.
  const load = kinds.every((k) => selectedKinds.includes(k)) ? selectedKinds : kinds;
  const records = await ctx.loaders.recordsOfKinds(load).load(subjectId);
  const list = `profile.${key}:${subjectId}`;
  return countsAbout(paginate(list, records.filter((r: RecordView) => kinds.includes(r.recordKind)), RECORD_ORDER, page), subjectId);
}

const SECTION_KINDS = new Map(profileSections().map(({ key, kinds }) => [key as string, kinds]));
const selectedKindsOf = new WeakMap<readonly FieldNode[], readonly StoredRecordKind[]>();

/**
 * Calls `visit` on every field selected by these nodes, through fragments and inline fragments
 * (each named fragment once; directives ignored: what is skipped only loads more).
 */
function eachSelectedField(nodes: readonly FieldNode[], fragments: GraphQLResolveInfo['fragments'], visit: (field: FieldNode) => void): void {
  const seen = new Set<string>();
  const walk = (selections: readonly SelectionNode[]): void => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) visit(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet.selections);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments[s.name.value];
        if (fragment) walk(fragment.selectionSet.selections);
      }
    }
  };
  for (const node of nodes) if (node.selectionSet) walk(node.selectionSet.selections);
}

/** The record kinds of the sections selected under these `profile` field nodes, sorted. */
function kindsUnder(nodes: readonly FieldNode[], fragments: GraphQLResolveInfo['fragments']): readonly StoredRecordKind[] {
  const found = new Set<StoredRecordKind>();
  eachSelectedField(nodes, fragments, (field) => SECTION_KINDS.get(field.name.value)?.forEach((k) => found.add(k)));
  return Object.freeze([...found].sort());
}

/**
 * The record kinds of the sections selected under these `profile` field nodes.
 * Memoised per field-node list, which graphql-js shares across the items of a list.
 */
function selectedKinds(info: GraphQLResolveInfo): readonly StoredRecordKind[] {
  let kinds = selectedKindsOf.get(info.fieldNodes);
  if (!kinds) selectedKindsOf.set(info.fieldNodes, (kinds = kindsUnder(info.fieldNodes, info.fragments)));
  return kinds;
}

/** What a subject's selection will load of its records: one load, of these kinds (all: undefined). */
export interface RecordsAhead {
  readonly kinds: readonly StoredRecordKind[] | undefined;
}
const aheadOf = new WeakMap<readonly FieldNode[], RecordsAhead | null>();

/**
 * Looking ahead from a field that returns subjects (one, or a list): the single records load
 * their selection will make — `profile` (every `profile` alike: the kinds of its sections) or
 * `creditRecords` (every kind) — so that the subjects can be read with those records in one statement
 * (CreditRecordService.subjectsWithVisible) and the loader primed with them. Null when the
 * selection reads no records, or would make more than one load. Only a matter of speed: a
 * load this does not foresee exactly is simply made by the loader, as without it.
 */
export function recordsAhead(info: GraphQLResolveInfo): RecordsAhead | null {
  let ahead = aheadOf.get(info.fieldNodes);
  if (ahead !== undefined) return ahead;
  const profiles = new Map<string, FieldNode[]>();
  let allKinds = false;
  eachSelectedField(info.fieldNodes, info.fragments, (field) => {
    if (field.name.value === 'creditRecords') allKinds = true;
    if (field.name.value !== 'profile') return;
    const key = field.alias?.value ?? field.name.value;
    profiles.set(key, [...(profiles.get(key) ?? []), field]);
  });
  const loads = new Set([...profiles.values()].map((nodes) => kindsUnder(nodes, info.fragments).join(',')));
  if (allKinds) loads.add('*');
  const [only] = loads;
  ahead = loads.size !== 1 || only === '' ? null : { kinds: only === '*' ? undefined : Object.freeze(only!.split(',') as StoredRecordKind[]) };
  aheadOf.set(info.fieldNodes, ahead);
  return ahead;
}

@Resolver(() => Subject)
export class SubjectRecordsResolver {
  @FieldResolver(() => CreditRecordConnection, {
    description: 'The subject\'s credit records you may see, newest decision first, optionally narrowed by kind or category.',
  })
  @Open()
  async creditRecords(@Root() subject: Subject, @Args(() => CreditRecordArgs) args: CreditRecordArgs, @Ctx() ctx: RequestContext) {
    const subjectId = subjectIdOf(subject);
    const records = await ctx.loaders.recordsBySubject.load(subjectId);
    const filtered = records.filter(
      (r) =>
        (!args.recordKinds?.length || args.recordKinds.includes(r.recordKind)) &&
        (!args.categories?.length || args.categories.includes(r.catalogItem.category)),
    );
    // The cursor is bound to the subject and the narrowing: it continues only this list.
    const list = `creditRecords:${subjectId}:${JSON.stringify([args.recordKinds ?? [], args.categories ?? []])}`;
    return countsAbout(paginate(list, filtered, RECORD_ORDER, args), subjectId);
  }

  @Query(() => CreditRecord, {
    nullable: true,
    description: 'A credit record by its 记录编号 (CreditRecord.recordNumber), if you may see it — through the same policy as ' +
      '`subject { creditRecords }`. Null alike for a number you may not see and one that does not exist.',
  })
  @Action('record.lookup')
  creditRecordByNumber(
    @Arg('recordNumber', () => String, { description: '记录编号, e.g. 320106-2026-R0123456789.' }) recordNumber: string,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.records.byNumber(recordNumber, (subjectId) => ctx.loaders.recordsBySubject.load(subjectId));
  }

  @FieldResolver(() => CreditProfile, { description: 'The subject\'s credit profile by portal section (信用中国 layout).' })
  @Open()
  profile(@Root() subject: Subject, @Info() info: GraphQLResolveInfo): CreditProfile {
    return Object.assign(new CreditProfile(), { subjectId: subjectIdOf(subject), selectedKinds: selectedKinds(info) });
  }
}

/** The sections of CreditProfile: one generated field resolver per profile section of the record-kind descriptors. */
@Resolver(() => CreditProfile)
export class CreditProfileResolver {}

for (const { key, spec, kinds } of profileSections()) {
  const proto = CreditProfileResolver.prototype as unknown as Record<string, unknown>;
  proto[key] = function (p: CreditProfile, page: PageArgs, ctx: RequestContext) {
    return section(ctx, p, key, kinds, page);
  };
  Root()(proto, key, 0);
  Args(() => PageArgs)(proto, key, 1);
  Ctx()(proto, key, 2);
  const method = Object.getOwnPropertyDescriptor(proto, key)!;
  Open()(proto, key, method);
  FieldResolver(() => CreditRecordConnection, { description: spec.description })(proto, key, method);
}

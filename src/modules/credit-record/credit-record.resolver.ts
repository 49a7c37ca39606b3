/**
 * CreditRecordResolver: the credit-record fields this module adds to Subject, and the
 * sections of CreditProfile (generated from the record-kind descriptors). Each reads the
 * per-request loader (one statement per request).
 */
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { paginate, PageArgs } from '../../graphql/connection';
import { decodeId } from '../../graphql/opaque-id';
import { profileSections } from '../../catalog/record-kind.descriptors';
import { countsAbout, disclosureOf } from '../../policy/decision';
import { Action, Open } from '../../shield/field-tags';
import { CreditRecord } from './credit-record.type';
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
  keyOf: (r: RecordView) => [r.decisionDate, decodeId('CreditRecord', r.id, 'id')],
};

async function section(ctx: RequestContext, subjectId: number, key: string, kinds: readonly string[], page: PageArgs) {
  const records = await ctx.loaders.recordsBySubject.load(subjectId);
  const list = `profile.${key}:${subjectId}`;
  return countsAbout(paginate(list, records.filter((r: RecordView) => kinds.includes(r.recordKind)), RECORD_ORDER, page), subjectId);
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
  profile(@Root() subject: Subject): CreditProfile {
    return Object.assign(new CreditProfile(), { subjectId: subjectIdOf(subject) });
  }
}

/** The sections of CreditProfile: one generated field resolver per profile section of the record-kind descriptors. */
@Resolver(() => CreditProfile)
export class CreditProfileResolver {}

for (const { key, spec, kinds } of profileSections()) {
  const proto = CreditProfileResolver.prototype as unknown as Record<string, unknown>;
  proto[key] = function (p: CreditProfile, page: PageArgs, ctx: RequestContext) {
    return section(ctx, p.subjectId, key, kinds, page);
  };
  Root()(proto, key, 0);
  Args(() => PageArgs)(proto, key, 1);
  Ctx()(proto, key, 2);
  const method = Object.getOwnPropertyDescriptor(proto, key)!;
  Open()(proto, key, method);
  FieldResolver(() => CreditRecordConnection, { description: spec.description })(proto, key, method);
}

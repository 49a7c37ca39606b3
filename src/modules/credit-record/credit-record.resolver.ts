/**
 * CreditRecordResolver: the credit-record fields this module adds to Subject, and the
 * sections of CreditProfile. Each reads the per-request loader (one statement per request).
 */
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { paginate, PageArgs } from '../../graphql/connection';
import { countsAbout, disclosureOf } from '../../policy/decision';
import { Open } from '../../shield/field-tags';
import { Subject } from '../subject/subject.type';
import { CreditRecordArgs } from './credit-record.args';
import { CreditProfile, CreditRecordConnection, PROFILE_SECTIONS } from './credit-profile.type';
import type { RecordView } from './credit-record.view';

function subjectIdOf(subject: Subject): number {
  const disclosure = disclosureOf(subject);
  if (!disclosure) throw new Error('subject without a disclosure decision reached a record resolver');
  return disclosure.subjectId;
}

async function section(ctx: RequestContext, subjectId: number, kinds: readonly string[], page: PageArgs) {
  const records = await ctx.loaders.recordsBySubject.load(subjectId);
  return countsAbout(paginate(records.filter((r: RecordView) => kinds.includes(r.recordKind)), page), subjectId);
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
    return countsAbout(paginate(filtered, args), subjectId);
  }

  @FieldResolver(() => CreditProfile, { description: 'The subject\'s credit profile by portal section (信用中国 layout).' })
  @Open()
  profile(@Root() subject: Subject): CreditProfile {
    return Object.assign(new CreditProfile(), { subjectId: subjectIdOf(subject) });
  }
}

@Resolver(() => CreditProfile)
export class CreditProfileResolver {
  @FieldResolver(() => CreditRecordConnection, { description: '行政许可.' })
  @Open()
  licences(@Root() p: CreditProfile, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return section(ctx, p.subjectId, PROFILE_SECTIONS.licences, page);
  }

  @FieldResolver(() => CreditRecordConnection, { description: '行政处罚.' })
  @Open()
  penalties(@Root() p: CreditProfile, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return section(ctx, p.subjectId, PROFILE_SECTIONS.penalties, page);
  }

  @FieldResolver(() => CreditRecordConnection, { description: '诚实守信: honours, credit commitments, credit evaluations.' })
  @Open()
  honesty(@Root() p: CreditProfile, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return section(ctx, p.subjectId, PROFILE_SECTIONS.honesty, page);
  }

  @FieldResolver(() => CreditRecordConnection, { description: '经营异常名录.' })
  @Open()
  anomalies(@Root() p: CreditProfile, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return section(ctx, p.subjectId, PROFILE_SECTIONS.anomalies, page);
  }

  @FieldResolver(() => CreditRecordConnection, { description: '严重失信主体名单, including the courts\' 失信被执行人 list.' })
  @Open()
  seriousLists(@Root() p: CreditProfile, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return section(ctx, p.subjectId, PROFILE_SECTIONS.seriousLists, page);
  }
}

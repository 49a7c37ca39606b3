/** RepairResolver: applying for, deciding and reading credit repair (信用修复). */
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { ApplyForCreditRepairInput, DecideCreditRepairInput, RepairListArgs } from './repair.input';
import { CreditRepairApplication, CreditRepairApplicationConnection, RepairEligibility } from './repair.type';

@Resolver()
export class RepairResolver {
  @Mutation(() => CreditRepairApplication, {
    description: 'Apply to repair one of your records, or to leave a serious list early (SUBJECT): once the minimum publication period is served, with your 信用承诺. Free of charge.',
  })
  @Action('repair.apply')
  applyForCreditRepair(@Arg('input', () => ApplyForCreditRepairInput, { description: 'The target, your commitment and your evidence.' }) input: ApplyForCreditRepairInput, @Ctx() ctx: RequestContext) {
    return ctx.services.repairs.apply(ctx, input);
  }

  @Mutation(() => CreditRepairApplication, {
    description: 'Decide a repair application about a record your system provides, made by your agency or one under it (DEPARTMENT). Approval stops publication and sharing, removes the list entry and lifts measures, in one transaction.',
  })
  @Action('repair.decide')
  decideCreditRepair(@Arg('input', () => DecideCreditRepairInput, { description: 'Approve or reject, the treatment, and the reasons.' }) input: DecideCreditRepairInput, @Ctx() ctx: RequestContext) {
    return ctx.services.repairs.decide(ctx, input);
  }

  @Query(() => CreditRepairApplicationConnection, { description: 'Your own repair applications, newest first (SUBJECT).' })
  @Action('repair.read')
  myRepairApplications(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.repairs.mine(ctx, page);
  }

  @Query(() => CreditRepairApplicationConnection, {
    description: 'Repair applications you decide (DEPARTMENT: records your agency or those under it made) or all of them (AUDITOR), most urgent first.',
  })
  @Action('repair.read')
  repairApplications(@Args(() => RepairListArgs) args: RepairListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.repairs.list(ctx, args);
  }

  @Query(() => RepairEligibility, {
    description: 'Before applying (SUBJECT): may you apply for repair of this record or listing today, and if not why and from when — the checks applyForCreditRepair makes. Free of charge.',
  })
  @Action('repair.apply')
  repairEligibility(
    @Arg('creditRecordId', () => ID, { nullable: true, description: 'One of your credit records (CreditRecord.id).' }) creditRecordId: string | null,
    @Arg('listEntryId', () => ID, { nullable: true, description: 'A serious-list entry you are listed by.' }) listEntryId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.repairs.eligibility(ctx, { creditRecordId, listEntryId });
  }
}

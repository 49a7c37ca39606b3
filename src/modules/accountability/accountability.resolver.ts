/** AccountabilityResolver: the accountability report (AUDITOR). */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { MAX_SAMPLE } from './accountability.service';
import { AccountabilityReport } from './accountability.type';

@Resolver()
export class AccountabilityResolver {
  @Query(() => AccountabilityReport, {
    description: 'Breaches of the guideline\'s rules found in the data now: records outside the catalog, measures outside the list, overdue objections and repairs, listings without decision or standard, dishonesty records without a document, measures applied by non-implementers, agency reads under a purpose outside its agreements, objections and repairs decided outside jurisdiction, catalog and measures-list versions published without power, legal basis, approval or consultation (AUDITOR).',
  })
  @Action('report.accountability')
  accountabilityReport(
    @Arg('sampleSize', () => Int, { defaultValue: 10, description: `Ids returned per finding, 1 to ${MAX_SAMPLE}.` }) sampleSize: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AccountabilityReport> {
    return ctx.services.accountability.report(ctx, sampleSize);
  }
}

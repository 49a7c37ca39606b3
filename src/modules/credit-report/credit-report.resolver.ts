/** CreditReportResolver: GraphQL mapping of the credit report. Arguments in, one service call, out. */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { CreditReport } from './credit-report.type';
import { ReportVerification } from './report-verification.type';

@Resolver(() => CreditReport)
export class CreditReportResolver {
  @Query(() => CreditReport, {
    nullable: true,
    description:
      '公共信用信息报告: the subject\'s credit report, by the sections of the report standard, through the same disclosure ' +
      'policy as `subject { profile }` (the public gets the public edition; the subject itself, partners and departments ' +
      'with X-Purpose what their role allows, access-logged). Null when there is no subject you may see. ' +
      'Printable forms: GET /report/<code> (HTML) and /report/<code>.pdf.',
  })
  @Action('subject.lookup')
  creditReport(
    @Arg('code', () => String, {
      description:
        'Unified social credit code (统一社会信用代码, GB 32100) of an organisation or individual business; for a natural ' +
        'person, the resident ID number (居民身份证号码, GB 11643) — for the roles that may look persons up so (as naturalPerson), ' +
        'FORBIDDEN to the public. A malformed code is INVALID_USCC / INVALID_ID_NUMBER.',
    })
    code: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CreditReport | null> {
    return ctx.services.reports.report(ctx, code, (subjectId) => ctx.loaders.recordsBySubject.load(subjectId));
  }

  @Query(() => ReportVerification, {
    description:
      '报告验证: is this report authentic and unaltered? Give the 报告编号 and the 校验码 printed on the report (or the ' +
      'QR code\'s link, which opens /verify with both). Answers verified with the time and edition only when both match; ' +
      'otherwise verified: false, alike for an unknown number and a wrong code. One verification per operation; ' +
      'malformed input is BAD_USER_INPUT.',
  })
  @Action('report.verify')
  async verifyReport(
    @Arg('reportNumber', () => String, { description: '报告编号, e.g. XYBG-20260101-ABCDEFGHJK.' }) reportNumber: string,
    @Arg('checkCode', () => String, { description: '校验码: 16 hexadecimal digits (spaces allowed), or the full SHA-256 digest.' }) checkCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ReportVerification> {
    const answer = await ctx.services.reportVerification.verify(ctx, reportNumber, checkCode);
    return Object.assign(new ReportVerification(), {
      verified: answer.verified,
      issuedAt: answer.verified ? answer.issuedAt : null,
      edition: answer.verified ? answer.edition : null,
    });
  }
}

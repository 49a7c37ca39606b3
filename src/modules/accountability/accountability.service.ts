/**
 * AccountabilityService: the report auditors use to hold units to account (49号 九 强化追责问责:
 * recording outside the catalog, punishing outside the list, listing without standard or
 * procedure, repair not handled in time).
 */
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import type { AccountabilityRepo, FindingName } from './accountability.repo';
import type { AccountabilityFinding, AccountabilityReport } from './accountability.type';

export const MAX_SAMPLE = 100;

const RULES: Record<FindingName, { table: string; rule: string }> = {
  recordsOutsideCatalog: {
    table: 'credit_records',
    rule: 'nothing outside a published public credit information catalog is recorded (49号 二(一))',
  },
  measuresOutsideList: {
    table: 'measure_applications',
    rule: 'punishment measures are applied only from the published measures list, and lifted when it leaves force (49号 五(九) 清单制)',
  },
  overdueObjections: { table: 'objections', rule: 'an objection is verified and answered within the time limit (49号 四(八))' },
  overdueRepairs: { table: 'repair_applications', rule: 'a credit-repair application is completed within the time limit (49号 六(十二) 在规定时限内办结)' },
  listingsWithoutDecisionDocument: {
    table: 'serious_list_entries',
    rule: 'a listing rests on a written decision stating reasons, basis, measures, removal conditions and remedies (49号 四(八))',
  },
  listingsWithoutPublishedStandard: {
    table: 'serious_list_entries',
    rule: 'subjects are listed only under a standard published beforehand (49号 四(七))',
  },
  dishonestyRecordsWithoutDocument: {
    table: 'credit_records',
    rule: 'a dishonesty finding rests on a legally effective document (49号 二(二))',
  },
};

export class AccountabilityService {
  constructor(private readonly repo: AccountabilityRepo) {}

  async report(ctx: RequestContext, sampleSize: number): Promise<AccountabilityReport> {
    if (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > MAX_SAMPLE) {
      throw appError('BAD_USER_INPUT', `sampleSize: 1 to ${MAX_SAMPLE}`);
    }
    const names = Object.keys(RULES) as FindingName[];
    const found = await Promise.all(names.map((n) => this.repo.finding(n, ctx.now, sampleSize)));
    const findings = Object.fromEntries(
      names.map((n, i): [FindingName, AccountabilityFinding] => [n, { ...RULES[n], count: found[i]!.count, sampleIds: found[i]!.ids }]),
    ) as Record<FindingName, AccountabilityFinding>;
    return { asOf: ctx.now, ...findings };
  }
}

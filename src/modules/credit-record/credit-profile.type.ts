/**
 * A subject's credit profile as a Credit China-style portal shows it: the sections 行政许可,
 * 行政处罚, 诚实守信, 经营异常 and 严重失信主体名单, each a page of the records you may see.
 */
import { ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection';
import { Open } from '../../shield/field-tags';
import { CreditRecord, type StoredRecordKind } from './credit-record.type';

export const CreditRecordConnection = connectionOf(CreditRecord, 'CreditRecord');

/** Which record kinds each portal section shows. */
export const PROFILE_SECTIONS = {
  licences: ['LICENCE'],
  penalties: ['PENALTY'],
  honesty: ['HONOUR', 'COMMITMENT', 'EVALUATION'],
  anomalies: ['BUSINESS_ANOMALY'],
  seriousLists: ['SERIOUS_LIST', 'COURT_ENFORCEMENT'],
} as const satisfies Record<string, readonly StoredRecordKind[]>;

@ObjectType({ description: 'A subject\'s credit profile, by portal section. Only records you may see are listed or counted.' })
@Open()
export class CreditProfile {
  /** Internal: whose profile; the sections are field resolvers (credit-profile.resolver.ts). */
  subjectId!: number;
}

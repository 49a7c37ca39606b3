/**
 * A subject's credit profile as a Credit China-style portal shows it: one field per profile
 * section of the record-kind descriptors (行政许可, 行政处罚, 诚实守信, 经营异常, 严重失信主体名单),
 * each a page of the records you may see of the kinds that name the section. The fields are
 * resolved in credit-record.resolver.ts, generated from the same table.
 */
import { ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection';
import { Open } from '../../shield/field-tags';
import { CreditRecord, type StoredRecordKind } from './credit-record.type';

export const CreditRecordConnection = connectionOf(CreditRecord, 'CreditRecord');

@ObjectType({ description: 'A subject\'s credit profile, by portal section. Only records you may see are listed or counted.' })
@Open()
export class CreditProfile {
  /** Internal: whose profile; the sections are field resolvers (credit-record.resolver.ts). */
  subjectId!: number;
  /**
   * Internal: the record kinds of every section the operation selects on this profile, so its
   * sections share one load of exactly those kinds (a section outside it loads its own).
   */
  selectedKinds!: readonly StoredRecordKind[];
}

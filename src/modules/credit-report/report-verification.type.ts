/** The answer of `verifyReport`: authentic (with when and which edition) or one uniform "not verified". */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Open } from '../../shield/field-tags';
import { ReportEdition } from './credit-report.type';

@ObjectType({
  description:
    '报告验证: whether a report number and its 校验码 belong to a report this platform issued. Nothing else is said: ' +
    'not whose report it is, nor why a check failed (an unknown number and a wrong code answer alike).',
})
@Open()
export class ReportVerification {
  @Field(() => Boolean, { description: 'True when a report with this number was issued and its content digest begins with this 校验码.' })
  verified!: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the report was generated; null unless verified.' })
  issuedAt!: Date | null;

  @Field(() => ReportEdition, { nullable: true, description: 'Its edition; null unless verified.' })
  edition!: ReportEdition | null;
}

/**
 * Access-log entries as auditors and data subjects read them. The log is not credit
 * information; who may read which entries is decided by the root operations' actions.
 */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { connectionOf } from '../../graphql/connection';
import { Open } from '../../shield/field-tags';

@ObjectType({ description: 'One recorded access to credit information (查询使用登记).' })
@Open()
export class AccessLogEntry {
  @Field(() => ID, { description: 'Position in the append-only log.' })
  seq!: string;

  @Field(() => DateTimeResolver, { description: 'When the request was made.' })
  at!: Date;

  @Field(() => String, { description: 'Request id (also in the server log and the x-request-id response header).' })
  requestId!: string;

  @Field(() => String, { description: 'Who: the token subject.' })
  principal!: string;

  @Field(() => String, { description: 'Role of the principal.' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'Agency of the principal.' })
  agencyCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Declared purpose (X-Purpose).' })
  purpose!: string | null;

  @Field(() => String, { description: 'Operation, e.g. "query PartnerBatch".' })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'Catalog item of the record read.' })
  itemCode!: string | null;

  @Field(() => String, { description: 'Where in the response, and which fields.' })
  fieldPath!: string;

  @Field(() => String, { description: 'ALLOW, MASK or DENY.' })
  decision!: string;

  @Field(() => String, { description: 'Why (e.g. SHARED, PUBLISHED_MASKED, CONSENT_REQUIRED).' })
  reason!: string;
}

export const AccessLogConnection = connectionOf(AccessLogEntry, 'AccessLogEntry');

@ObjectType({ description: 'Result of verifying the access log\'s hash chain.' })
@Open()
export class AccessLogVerification {
  @Field(() => Boolean, { description: 'True when every row links to the one before and hashes to its content.' })
  ok!: boolean;

  @Field(() => Int, { description: 'Rows checked.' })
  checked!: number;

  @Field(() => String, { nullable: true, description: 'Seq of the first broken row.' })
  firstBrokenSeq!: string | null;

  @Field(() => String, { nullable: true, description: 'What is wrong with it.' })
  problem!: string | null;
}

/**
 * Access-log entries as auditors and data subjects read them. The log is not credit
 * information; who may read which entries is decided by the root operations' actions.
 */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { connectionOf } from '../../graphql/connection';
import { Open } from '../../shield/field-tags';

@ObjectType({ description: 'A signed statement of the access log\'s state: the chain hash at one row and how many rows lead to it. Rows before it cannot be changed, removed or re-linked without it ceasing to match.' })
@Open()
export class AccessLogCheckpoint {
  @Field(() => ID, { description: 'Seq of the last row covered.' })
  lastSeq!: string;

  @Field(() => String, { description: 'Chain hash of that row (hex).' })
  head!: string;

  @Field(() => String, { description: 'Rows up to and including lastSeq (a decimal string: logs outgrow 32 bits).' })
  rowCount!: string;

  @Field(() => DateTimeResolver, { description: 'When it was signed.' })
  at!: Date;

  @Field(() => String, { description: 'Id of the signing key (SHA-256 of its public key, 16 hex).' })
  keyId!: string;

  @Field(() => String, { description: 'Ed25519 signature (base64) over the UTF-8 JSON {"v":1,"lastSeq":…,"head":…,"rowCount":…,"at":…,"keyId":…}, numbers as numbers, at as ISO 8601 UTC with milliseconds.' })
  signature!: string;

  @Field(() => String, { description: 'The signing key\'s Ed25519 public key (32 bytes, hex), to check the signature with.' })
  publicKey!: string;
}

@ObjectType({ description: 'One recorded access to credit information (查询使用登记).' })
@Open()
export class AccessLogEntry {
  @Field(() => ID, { description: 'Position in the append-only log.' })
  seq!: string;

  @Field(() => DateTimeResolver, { description: 'When the request was made.' })
  at!: Date;

  @Field(() => String, { description: 'The server\'s request id (also in the server log and the x-request-id response header).' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'The caller\'s own X-Request-Id, kept as its reference; any client may choose it, so it identifies nothing by itself.' })
  clientRequestId!: string | null;

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

  @Field(() => String, { description: 'This row\'s hash in the log\'s chain (SHA-256, hex): keep it, with a checkpoint at or after the row, as a receipt that the row existed.' })
  hash!: string;

  @Field(() => AccessLogCheckpoint, { nullable: true, description: 'The newest signed checkpoint, when it covers this row (null until the next checkpoint is signed).' })
  checkpoint!: AccessLogCheckpoint | null;
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

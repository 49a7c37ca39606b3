/**
 * A consent as its subject reads it. A procedure object about the subject, not a catalog
 * record: the service attaches the visibility decision (procedureView), and the class-level
 * @RecordInfo() tag lets shield release its fields only when that decision rides on it.
 */
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { connectionOf } from '../../graphql/connection';
import { describedEnum } from '../../graphql/enums';
import { RecordInfo } from '../../shield/field-tags';

export const CONSENT_STATES = ['ACTIVE', 'EXPIRED', 'REVOKED'] as const;
export type ConsentStateValue = (typeof CONSENT_STATES)[number];
export const ConsentState = describedEnum(
  'ConsentState',
  'ACTIVE: the grantee may rely on it now; EXPIRED: its expiry has passed; REVOKED: withdrawn by the subject',
  CONSENT_STATES,
  {
    ACTIVE: 'In force: the grantee may rely on it now.',
    EXPIRED: 'Its expiry has passed.',
    REVOKED: 'Withdrawn by the subject.',
  },
);

@ObjectType({ description: 'A consent of a subject to one agency, for declared purposes and catalog items, always with an expiry (49号 七(十四)).' })
@RecordInfo()
export class Consent {
  @Field(() => ID, { description: 'Opaque consent id (pass it to revokeConsent).' })
  id!: string;

  @Field(() => String, { description: 'Code of the agency the consent is granted to.' })
  agencyCode!: string;

  @Field(() => String, { nullable: true, description: 'Name of that agency.' })
  agencyName!: string | null;

  @Field(() => [String], { description: 'Purposes (X-Purpose codes) the agency may read for under this consent.' })
  purposes!: string[];

  @Field(() => [String], { description: 'Catalog item codes the consent covers.' })
  itemCodes!: string[];

  @Field(() => DateTimeResolver, { description: 'When it was granted.' })
  grantedAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it expires by itself.' })
  expiresAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was revoked, if it was.' })
  revokedAt!: Date | null;

  @Field(() => String, { description: 'Channel it was given through (手机银行, 纸质授权书…).' })
  channel!: string;

  @Field(() => String, { description: 'Evidence of the grant kept by the channel (signature digest, form number).' })
  evidence!: string;

  @Field(() => ConsentState, { description: 'State at the time of the request.' })
  state!: ConsentStateValue;
}

export const ConsentConnection = connectionOf(Consent, 'Consent');

/** Input of granting a consent (grantConsent). */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A consent to one agency, for purposes that rest on consent, covering named catalog items, until an expiry.' })
export class GrantConsentInput {
  @Field(() => String, { description: 'Code of the agency granted access, e.g. JL_BANK.' })
  agencyCode!: string;

  @Field(() => [String], {
    description: 'Purposes (X-Purpose codes) whose personal-data basis is consent, e.g. FINANCIAL_SERVICE, EMPLOYMENT_SCREENING.',
  })
  purposes!: string[];

  @Field(() => [String], { description: 'Catalog item codes in force that the agency may receive for those purposes, e.g. 03-02-001.' })
  itemCodes!: string[];

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'When the consent ends by itself: in the future and at most the configured maximum ahead. Required: ' +
      'a grant without an expiry is a lifetime grant, which 49号 七(十四) forbids.',
  })
  expiresAt?: Date | null;

  @Field(() => String, { description: 'Channel the consent is given through (手机银行, 纸质授权书…).' })
  channel!: string;

  @Field(() => String, { description: 'Evidence kept by the channel: signature digest, form number.' })
  evidence!: string;
}

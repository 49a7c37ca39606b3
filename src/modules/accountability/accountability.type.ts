/**
 * The accountability report (49号 九 强化追责问责): what should be
 * impossible or overdue, or done without the power, grant or jurisdiction it needs, counted,
 * with samples an auditor can follow up. Counts and row ids
 * only, no credit information; who may read it is decided by the root action.
 */
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Open } from '../../shield/field-tags';

@ObjectType({ description: 'One offending row and who answers for it (49号 九: 追究相关单位和人员责任).' })
@Open()
export class AccountabilitySample {
  @Field(() => String, { description: 'Row id in the finding\'s table (for the access log, its seq; for catalog versions, the version id).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The agency responsible: the one that acted, or, for what is overdue, the one that had to act.' })
  responsibleAgency!: string | null;

  @Field(() => String, { nullable: true, description: 'The official who acted (the token subject; `cli:<user>` for a command-line import). Null when nobody acted (overdue), or the row was written before officials were recorded or around the API.' })
  actingOfficial!: string | null;
}

@ObjectType({ description: 'One rule of the report: how many rows break it, and the ids of the newest of them.' })
@Open()
export class AccountabilityFinding {
  @Field(() => String, { description: 'The rule, with its source.' })
  rule!: string;

  @Field(() => String, { description: 'Table the sample ids are row ids of.' })
  table!: string;

  @Field(() => Int, { description: 'How many rows break the rule.' })
  count!: number;

  @Field(() => [String], { description: 'Row ids of the newest offending rows (at most sampleSize).' })
  sampleIds!: string[];

  @Field(() => [AccountabilitySample], { description: 'The same rows with the agency and the official who answer for each.' })
  samples!: AccountabilitySample[];
}

@ObjectType({ description: 'Accountability report: breaches of the guideline\'s rules found in the data, as of the request\'s time.' })
@Open()
export class AccountabilityReport {
  @Field(() => DateTimeResolver, { description: 'The instant the report describes (deadlines are judged against it).' })
  asOf!: Date;

  @Field(() => AccountabilityFinding, { description: 'Credit records of an item that is in no published catalog version (must be zero: the database refuses them).' })
  recordsOutsideCatalog!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Measure applications of a measure outside a published measures list.' })
  measuresOutsideList!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Objections still pending after their due time.' })
  overdueObjections!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Repair applications submitted or accepted and still undecided after their due time.' })
  overdueRepairs!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Objections decided, but after their due time.' })
  objectionsDecidedLate!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Repair applications decided, but after their due time.' })
  repairsDecidedLate!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Serious-list entries LISTED without a decision document.' })
  listingsWithoutDecisionDocument!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Serious-list entries LISTED under a list type whose standard was not published by the listing.' })
  listingsWithoutPublishedStandard!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, { description: 'Dishonesty records without the legally effective document they must rest on.' })
  dishonestyRecordsWithoutDocument!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, {
    description: 'Measure applications by an agency that may not apply that measure: its department system is not among the implementers agency-powers.yaml names (or none are named), or it is not a public body recommending a third-party measure.',
  })
  measuresByNonImplementers!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, {
    description: 'Agency reads (access-log rows) under a purpose that no data-sharing agreement in force on the read\'s date (in China) granted the agency. Counts rows; the sample ids are the first row (seq) of each offending agency, purpose and day, newest first. Subjects\' and auditors\' own reads (SELF_ACCESS, AUDIT) are not agency reads.',
  })
  readsOutsideAgreements!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, {
    description: 'Objections decided by an agency that neither recorded the record (or notified the list entry) objected to nor is above that agency in its department system.',
  })
  objectionsDecidedOutsideJurisdiction!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, {
    description: 'Catalog and measures-list versions in force or retired that were published without what publishing needs: a publishing agency whose power covers the version, legal bases of the level required, the approval and a public consultation of at least 30 days closed before it — judged as the publishing service judges a publication. Sample ids are version ids. Versions shipped with the code (published by the documents they cite) are not judged.',
  })
  versionsPublishedWithoutGovernance!: AccountabilityFinding;

  @Field(() => AccountabilityFinding, {
    description: 'Repair applications decided by an agency that neither recorded the record (or notified the list entry) nor is above that agency in its department system.',
  })
  repairsDecidedOutsideJurisdiction!: AccountabilityFinding;
}

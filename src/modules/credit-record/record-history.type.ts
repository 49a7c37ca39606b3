/** A credit record's versions as its subject and auditors read them (49号 七(十三)). */
import { Field, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Open } from '../../shield/field-tags';

@ObjectType({ description: 'One field of a credit record as a change found it and left it.' })
@Open()
export class RecordFieldChange {
  @Field(() => String, { description: 'The field: a column (status, publishUntil, disputed, …) or payload.<key> for the record kind\'s own fields.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Its value before the change, as JSON; null when it was absent.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Its value after the change, as JSON; null when it was removed (an erasure removes personal data).' })
  after!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Set when the values are not shown to you: the disclosure policy\'s reason (e.g. PUBLISHED_MASKED, FIELD_NOT_PUBLISHED, RECORD_NOT_VISIBLE). ' +
      'You see that the field changed, not what it held; the subject sees every value of its own records.',
  })
  withheld!: string | null;
}

@ObjectType({ description: 'One change to a credit record: immutable, written by the database for every change, whoever made it.' })
@Open()
export class CreditRecordVersion {
  @Field(() => DateTimeResolver, { description: 'When the change was made.' })
  changedAt!: Date;

  @Field(() => String, { description: 'What changed it: OBJECTION_FILED, OBJECTION_DECIDED, REPAIR_DECIDED, REVOCATION, LIST_REMOVAL, PERSONAL_DATA_ERASED, or UNATTRIBUTED (made outside the application).' })
  change!: string;

  @Field(() => String, { description: 'Who: the token subject who acted, `purge` for the erasure command, or the database user of an unattributed change.' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'The agency that acted.' })
  actorAgency!: string | null;

  @Field(() => String, { nullable: true, description: 'On what ground: the objection, repair application or list entry by its 记录编号, or the decision. Changes recorded by earlier releases may name them by the ids of the time, which later ids do not match.' })
  ground!: string | null;

  @Field(() => [RecordFieldChange], { description: 'The fields that changed.' })
  changes!: RecordFieldChange[];
}

/**
 * An objection (异议) as the subject who filed it, the agency deciding it and auditors read
 * it. A procedure object, not catalog information: the service attaches who may see it
 * (procedure-view.ts), and the class-level @RecordInfo() lets shield pass its fields only then.
 */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { OBJECTION_OUTCOMES, OBJECTION_STATES } from '../../db/schema/enums';
import { connectionOf } from '../../graphql/connection';
import { describedEnum } from '../../graphql/enums';
import { LocalDate } from '../../graphql/scalars';
import { RecordInfo } from '../../shield/field-tags';

export const ObjectionState = describedEnum('ObjectionState', 'PENDING (awaiting the deciding agency) or DECIDED.', OBJECTION_STATES, {
  PENDING: 'Awaiting the deciding agency.',
  DECIDED: 'Decided (see outcome).',
});

export const ObjectionOutcome = describedEnum(
  'ObjectionOutcome',
    'How an objection was decided (深圳条例 第五十一条): CORRECTED or SUPPLEMENTED (the record\'s fields were fixed), ' +
    'PUBLICATION_WITHDRAWN (the record is revoked), REMOVED_FROM_LIST (the entry leaves the list, or the procedure is dropped ' +
    'before listing), REJECTED (nothing changes).',
  OBJECTION_OUTCOMES,
  {
    CORRECTED: 'The record\'s fields were corrected.',
    SUPPLEMENTED: 'The record\'s fields were supplemented.',
    PUBLICATION_WITHDRAWN: 'The record is revoked: no longer published or shared.',
    REMOVED_FROM_LIST: 'The entry leaves the list, or the listing procedure is dropped before listing.',
    REJECTED: 'The objection is rejected: nothing changes.',
  },
);

@ObjectType({ description: '异议: a subject\'s objection to a credit record or a serious-list entry about it.' })
@RecordInfo()
export class Objection {
  @Field(() => ID, { description: 'Opaque objection id.' })
  id!: string;

  @Field(() => String, { description: '记录编号 of the objection: `<region>-<year>-Y<10 digits>` (region of the agency answering for the record or entry). Stable, never reused; accepted wherever its id is.' })
  recordNumber!: string;

  @Field(() => ID, { nullable: true, description: 'The credit record objected to (its CreditRecord.id), when the target is a record.' })
  creditRecordId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The serious-list entry objected to, when the target is an entry.' })
  listEntryId!: string | null;

  @Field(() => String, { description: 'What the subject says is wrong, and why.' })
  reason!: string;

  @Field(() => DateTimeResolver, { description: 'When the objection was filed; the target was flagged disputed at that moment.' })
  filedAt!: Date;

  @Field(() => LocalDate, { description: 'Last day for the decision: the objection decision limit of the publication regime in force on the filing day, in working days on the State Council\'s holiday calendar, the filing day not counted.' })
  dueOn!: string;

  @Field(() => Boolean, { description: 'True when dueOn was counted provisionally: the limit runs into a year whose State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) is not yet loaded, so it was counted on weekends and the statutory holidays of 全国年节及纪念日放假办法 only, without that notice\'s bridging days off or adjusted working weekends. The filing stands; dueOn is recounted exactly (earlier or later) and this turns false once the notice is loaded.' })
  dueOnProvisional!: boolean;

  @Field(() => Boolean, { description: 'Still PENDING after its due date, at the time of this request (49号 九).' })
  overdue!: boolean;

  @Field(() => ObjectionState, { description: 'PENDING or DECIDED.' })
  state!: keyof typeof ObjectionState;

  @Field(() => ObjectionOutcome, { nullable: true, description: 'The decision, once DECIDED.' })
  outcome!: keyof typeof ObjectionOutcome | null;

  @Field(() => String, { nullable: true, description: 'The deciding agency\'s reasoned answer to the subject.' })
  response!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was decided.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Code of the agency that decided it.' })
  decidedBy!: string | null;
}

export const ObjectionConnection = connectionOf(Objection, 'Objection');

/**
 * A credit-repair application (信用修复申请) as the applicant, the deciding agency and
 * auditors read it. A procedure object: the service attaches who may see it. There is no fee
 * field, on purpose: repair is a free public service (49号 六(十二); 国办发〔2025〕22号).
 */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { REPAIR_STATES, REPAIR_TREATMENTS } from '../../db/schema/enums';
import { connectionOf } from '../../graphql/connection';
import { describedEnum } from '../../graphql/enums';
import { LocalDate } from '../../graphql/scalars';
import { Open, RecordInfo } from '../../shield/field-tags';

export const RepairState = describedEnum(
  'RepairState',
  'SUBMITTED (awaiting the providing department), ACCEPTED (under review), APPROVED or REJECTED.',
  REPAIR_STATES,
  {
    SUBMITTED: 'Filed, awaiting the providing department.',
    ACCEPTED: 'Accepted for review (受理).',
    REJECTED: 'Decided: not repaired (see decisionReason).',
    APPROVED: 'Decided: repaired; the record or listing is treated as treatment says.',
  },
);

export const RepairTreatment = describedEnum(
  'RepairTreatment',
    'What happens to a repaired record (深圳条例 第八十二条: 标注、屏蔽或者删除). In every case it is no longer published or shared; ' +
    'MARKED and SHIELDED records stay visible to their subject marked REPAIRED, DELETED ones are gone for the subject too.',
  REPAIR_TREATMENTS,
  {
    MARKED: '标注: kept and marked repaired.',
    SHIELDED: '屏蔽: kept, shielded from everyone but its subject.',
    DELETED: '删除: deleted.',
  },
);

@ObjectType({ description: '信用修复申请: a subject\'s application to repair a credit record or to leave a serious list early.' })
@RecordInfo()
export class CreditRepairApplication {
  @Field(() => ID, { description: 'Opaque application id.' })
  id!: string;

  @Field(() => String, { description: '记录编号 of the application: `<region>-<year>-X<10 digits>` (region of the agency answering for the record or entry). Stable, never reused; accepted wherever its id is.' })
  recordNumber!: string;

  @Field(() => ID, { nullable: true, description: 'The credit record to repair (its CreditRecord.id), when the target is a record.' })
  creditRecordId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The serious-list entry to leave, when the target is an entry.' })
  listEntryId!: string | null;

  @Field(() => String, { description: '信用承诺: the subject\'s commitment that the materials are true and that it accepts liability.' })
  commitment!: string;

  @Field(() => String, { description: 'How the legal obligations were fulfilled (payment, rectification…), or where the proof is.' })
  obligationsEvidence!: string;

  @Field(() => DateTimeResolver, { description: 'When the application was filed.' })
  filedAt!: Date;

  @Field(() => LocalDate, { description: 'Last day for the decision: the repair decision limit of the publication regime in force on the filing day, in working days on the State Council\'s holiday calendar, the filing day not counted.' })
  dueOn!: string;

  @Field(() => Boolean, { description: 'True when dueOn was counted provisionally: the limit runs into a year whose State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) is not yet loaded, so it was counted on weekends and the statutory holidays of 全国年节及纪念日放假办法 only, without that notice\'s bridging days off or adjusted working weekends. The filing stands; dueOn is recounted exactly (earlier or later) and this turns false once the notice is loaded.' })
  dueOnProvisional!: boolean;

  @Field(() => Boolean, { description: 'Still undecided after its due date, at the time of this request.' })
  overdue!: boolean;

  @Field(() => RepairState, { description: 'Where the application stands.' })
  state!: keyof typeof RepairState;

  @Field(() => RepairTreatment, { nullable: true, description: 'The treatment of the record, once APPROVED.' })
  treatment!: keyof typeof RepairTreatment | null;

  @Field(() => String, { nullable: true, description: 'The deciding agency\'s reasons.' })
  decisionReason!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was decided.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Code of the agency that decided it.' })
  decidedBy!: string | null;
}

export const CreditRepairApplicationConnection = connectionOf(CreditRepairApplication, 'CreditRepairApplication');

@ObjectType({ description: 'Whether you may apply for credit repair of one record or listing today, and if not, why and from when. Repair is free of charge.' })
@Open()
export class RepairEligibility {
  @Field(() => Boolean, { description: 'True when an application filed today would be accepted for decision.' })
  eligible!: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, in the words the application would be refused with (the rule and its source).' })
  reason!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The first day you may apply, when only time stands in the way.' })
  eligibleFrom!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'End of the record\'s minimum publication period (最短公示期), before which repair is not possible.' })
  minimumPeriodEnds!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'End of the record\'s publication period (公示截止期): publication stops then without any application.' })
  publishUntil!: string | null;

  @Field(() => Boolean, { description: 'Whether the record\'s catalog item allows repair at all (some laws exclude it).' })
  repairable!: boolean;
}

/**
 * The serious-dishonesty-list procedure as clients read it. An entry is a procedure object
 * (policy/procedure-view.ts): tagged @RecordInfo() at class level, so its fields pass only when
 * the service attached a visible decision (the subject itself, the handling agency, an auditor).
 * `SeriousListing` is one line of the public listing: the list record and the subject, each
 * guarded by its own tags.
 */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { LIST_ENTRY_STATES, REMOVAL_REASONS } from '../../db/schema/enums';
import { connectionOf } from '../../graphql/connection';
import { describedEnum, DocumentKind } from '../../graphql/enums';
import { LocalDate } from '../../graphql/scalars';
import { Open, RecordInfo } from '../../shield/field-tags';
import { CreditRecord } from '../credit-record/credit-record.type';
import { Subject } from '../subject/subject.type';

export const ListEntryState = describedEnum(
  'ListEntryState',
  'NOTIFIED (告知, objection window open) → OBJECTED (an objection is pending) → LISTED (列入) → REMOVED (移出); or DROPPED before a decision',
  LIST_ENTRY_STATES,
  {
    NOTIFIED: '告知: the subject was notified of the intended listing; the objection window is open.',
    OBJECTED: 'An objection against the intended listing is pending.',
    LISTED: '列入: on the list, published as its list type says.',
    REMOVED: '移出: was listed, and has left the list (see removalReason).',
    DROPPED: 'The procedure ended before a listing decision (e.g. an objection was upheld).',
  },
);

export const ListRemovalReason = describedEnum(
  'ListRemovalReason',
  'Why a listing ended: removal conditions met, credit repair, listing period expired, or an objection upheld',
  REMOVAL_REASONS,
  {
    CONDITIONS_MET: 'The removal conditions stated in the listing decision are met.',
    REPAIRED: 'Credit repair (信用修复) was approved.',
    EXPIRED: 'The listing period ended.',
    OBJECTION_UPHELD: 'An objection against the listing was upheld.',
  },
);

@ObjectType({ description: 'The listing decision (49号 四(八)): its document, reasons, basis, measures notice, removal conditions and procedure, remedies.' })
@RecordInfo()
export class ListingDecision {
  @Field(() => DocumentKind, { description: 'Kind of the decision document.' })
  documentKind!: string;

  @Field(() => String, { description: '文号 of the decision document.' })
  documentNumber!: string;

  @Field(() => String, { nullable: true, description: 'Title of the decision document.' })
  documentTitle!: string | null;

  @Field(() => String, { description: 'Issuer named on the document.' })
  issuer!: string;

  @Field(() => LocalDate, { description: 'Date the document took effect.' })
  effectiveOn!: string;

  @Field(() => String, { description: '列入事由.' })
  reasons!: string;

  @Field(() => String, { description: '列入依据.' })
  basis!: string;

  @Field(() => String, { description: '失信惩戒措施提示: which measures of the published list may follow.' })
  measuresNotice!: string;

  @Field(() => String, { description: '移出条件.' })
  removalConditions!: string;

  @Field(() => String, { description: '移出程序.' })
  removalProcedure!: string;

  @Field(() => String, { description: '救济措施.' })
  remedies!: string;

  @Field(() => DateTimeResolver, { description: 'When the listing was decided.' })
  listedAt!: Date;

  @Field(() => LocalDate, { description: 'Last day of the listing period; the entry is removed (EXPIRED) the day after.' })
  listedUntil!: string;

  @Field(() => ID, { nullable: true, description: 'The credit record the listing created (what portals and partners read).' })
  creditRecordId!: string | null;
}

@ObjectType({ description: 'One serious-dishonesty-list procedure about one subject (严重失信主体名单认定).' })
@RecordInfo()
export class SeriousListEntry {
  @Field(() => ID, { description: 'Opaque entry id.' })
  id!: string;

  @Field(() => String, { description: '记录编号 of the entry: `<region>-<year>-L<10 digits>` (region of the deciding agency). Stable, never reused; accepted wherever its id is.' })
  recordNumber!: string;

  @Field(() => String, { description: 'List type code, e.g. SAMR_SERIOUS_VIOLATION.' })
  listType!: string;

  @Field(() => String, { description: 'Name of the list.' })
  listName!: string;

  @Field(() => ListEntryState, { description: 'State today. A listing past its period reads REMOVED (EXPIRED); a notice with a pending objection reads OBJECTED.' })
  state!: string;

  @Field(() => Boolean, { description: 'True when `state` follows from the date or a pending objection rather than from a recorded step.' })
  stateDerived!: boolean;

  @Field(() => Subject, { nullable: true, description: 'The subject, as far as you may see it.' })
  subject!: Subject | null;

  @Field(() => String, { description: 'Code of the notifying and deciding agency.' })
  agencyCode!: string;

  @Field(() => String, { description: 'Name of that agency.' })
  agencyName!: string;

  @Field(() => String, { description: '告知: the reasons for the intended listing.' })
  noticeReasons!: string;

  @Field(() => String, { description: '告知: the basis.' })
  noticeBasis!: string;

  @Field(() => String, { description: '告知: the subject\'s rights (objection, statement, remedies).' })
  noticeRights!: string;

  @Field(() => DateTimeResolver, { description: 'When the subject was notified.' })
  notifiedAt!: Date;

  @Field(() => LocalDate, { description: 'Last day to object; no listing decision before the day after.' })
  objectionDeadline!: string;

  @Field(() => Boolean, { description: 'True when objectionDeadline was counted provisionally: the window runs into a year whose State Council holiday notice is not yet loaded, so it was counted on weekends and the statutory holidays of 全国年节及纪念日放假办法 only. Once the notice is loaded it is recounted and can only move later, never earlier (the notice served is what the subject relied on); meanwhile the subject may still object after it, and the listing cannot be decided.' })
  objectionDeadlineProvisional!: boolean;

  @Field(() => Boolean, { description: 'An objection on this entry awaits its answer; no listing meanwhile.' })
  objectionPending!: boolean;

  @Field(() => ListingDecision, { nullable: true, description: 'The listing decision, once LISTED.' })
  decision!: ListingDecision | null;

  @Field(() => ListRemovalReason, { nullable: true, description: 'Why the listing ended.' })
  removalReason!: string | null;

  @Field(() => String, { nullable: true, description: 'The deciding agency\'s statement on the removal.' })
  removalNote!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date the listing ended.' })
  removedOn!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the procedure was dropped without a listing.' })
  droppedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was dropped.' })
  dropReason!: string | null;
}

export const SeriousListEntryConnection = connectionOf(SeriousListEntry, 'SeriousListEntry');

@ObjectType({ description: 'A subject currently on a serious-dishonesty list: the list record and the subject, each as you may see it.' })
@Open()
export class SeriousListing {
  @Field(() => ID, { description: 'Opaque id of the listing (one per list record; not the record\'s own id).' })
  id!: string;

  @Field(() => String, { description: 'List type code.' })
  listType!: string;

  @Field(() => String, { description: 'Name of the list.' })
  listName!: string;

  @Field(() => CreditRecord, { description: 'The list record (SeriousListRecord, or CourtEnforcementRecord for the court list).' })
  record!: CreditRecord;

  @Field(() => Subject, { nullable: true, description: 'The subject; null where you may not see it at all.' })
  subject!: Subject | null;
}

export const SeriousListingConnection = connectionOf(SeriousListing, 'SeriousListing');

/** Inputs and arguments of the serious-dishonesty-list procedure. */
import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { StatutoryReferenceInput } from '../credit-record/legal-document.input';
import { PageArgs } from '../../graphql/connection';
import { DocumentKind } from '../../graphql/enums';
import { LocalDate } from '../../graphql/scalars';
import { ListEntryState, ListRemovalReason } from './serious-list.type';
import type { EntryState, RemovalReason } from './serious-list.rules';

const TEXT = 4000;

@InputType({ description: '告知 (49号 四(八)): tell the subject the reasons, basis and its rights before deciding a listing.' })
export class NotifySeriousListingInput {
  @Field(() => String, { description: 'List type code from seriousListTypes, e.g. SAMR_SERIOUS_VIOLATION.' })
  listType!: string;

  @Field(() => String, { nullable: true, description: 'Unified social credit code of an organisation or individual business; or give subjectIdNumber.' })
  subjectCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Resident ID number of a natural person (matched by its keyed hash, never stored); or give subjectCode.' })
  subjectIdNumber?: string | null;

  @Field(() => String, { description: '事由: the facts for which listing is intended.' })
  @MaxLength(TEXT)
  reasons!: string;

  @Field(() => String, { nullable: true, description: '依据; defaults to the list type\'s legal basis.' })
  @MaxLength(TEXT)
  basis?: string | null;

  @Field(() => String, { nullable: true, description: 'The subject\'s rights; defaults to a text naming the objection deadline and the list\'s remedies.' })
  @MaxLength(TEXT)
  rights?: string | null;
}

@InputType({ description: 'The decision document a listing rests on (依托相应的行政决定文书, or a separate listing decision).' })
export class ListingDocumentInput {
  @Field(() => DocumentKind, { description: 'Kind of document; OTHER_STATUTORY needs statutoryBasis.' })
  kind!: keyof typeof DocumentKind;

  @Field(() => String, { description: '文号, unique for its issuer.' })
  @MaxLength(200)
  number!: string;

  @Field(() => String, { nullable: true, description: 'Issuer as named on the document; defaults to your agency\'s name.' })
  @MaxLength(200)
  issuer?: string | null;

  @Field(() => LocalDate, { description: 'Date the document took effect: after the objection deadline, not after today.' })
  effectiveOn!: string;

  @Field(() => String, { nullable: true, description: 'Title, e.g. 列入严重违法失信名单决定书.' })
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Give statutoryReference: an OTHER_STATUTORY document needs a structured citation.',
    description: 'Free-text basis; no longer accepted on its own.',
  })
  @MaxLength(TEXT)
  statutoryBasis?: string | null;

  @Field(() => StatutoryReferenceInput, { nullable: true, description: 'For OTHER_STATUTORY (required then): the law or regulation that provides for this instrument.' })
  statutoryReference?: StatutoryReferenceInput | null;
}

@InputType({ description: 'The 失信被执行人 facts of a court-list decision (SPC rule art. 4); court, circumstance, publication date and the respondent\'s identity are taken from the decision.' })
export class CourtListingInput {
  @Field(() => String, { description: '案号 of the enforcement case.' })
  caseNumber!: string;

  @Field(() => String, { description: '执行依据文号.' })
  enforcementBasisNumber!: string;

  @Field(() => String, { description: '作出执行依据单位.' })
  enforcementBasisIssuer!: string;

  @Field(() => String, { description: '法律生效文书确定的义务.' })
  @MaxLength(TEXT)
  obligation!: string;

  @Field(() => String, { description: '被执行人的履行情况: 全部未履行 or 部分未履行.' })
  performance!: string;

  @Field(() => LocalDate, { description: '立案时间.' })
  filedOn!: string;

  @Field(() => String, { nullable: true, description: '地域名称; defaults to none.' })
  regionName?: string | null;

  @Field(() => String, { nullable: true, description: '已履行部分.' })
  performedPart?: string | null;

  @Field(() => String, { nullable: true, description: '未履行部分.' })
  unperformedPart?: string | null;
}

@InputType({ description: '决定 (49号 四(八)): list the subject once the objection window has passed and no objection is pending.' })
export class DecideSeriousListingInput {
  @Field(() => ID, { description: 'The entry (SeriousListEntry.id).' })
  entryId!: string;

  @Field(() => ListingDocumentInput, { description: 'The decision document.' })
  document!: ListingDocumentInput;

  @Field(() => String, { description: '列入事由 as the decision states it.' })
  @MaxLength(TEXT)
  reasons!: string;

  @Field(() => String, { nullable: true, description: '列入依据; defaults to the notice\'s basis.' })
  @MaxLength(TEXT)
  basis?: string | null;

  @Field(() => String, { nullable: true, description: '失信惩戒措施提示; defaults to the published measures tied to this list.' })
  @MaxLength(TEXT)
  measuresNotice?: string | null;

  @Field(() => String, { nullable: true, description: '移出条件; defaults to the list type\'s.' })
  @MaxLength(TEXT)
  removalConditions?: string | null;

  @Field(() => String, { nullable: true, description: '移出程序; defaults to the list type\'s.' })
  @MaxLength(TEXT)
  removalProcedure?: string | null;

  @Field(() => String, { nullable: true, description: '救济措施; defaults to the list type\'s.' })
  @MaxLength(TEXT)
  remedies?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Listing period in months as the decision states it: required where the law leaves it to the decision (seriousListTypes.listingPeriod, e.g. 12–36 for the procurement list), else the fixed period.',
  })
  listingPeriodMonths?: number | null;

  @Field(() => CourtListingInput, { nullable: true, description: 'Required for the court list (COURT_DEFAULTER), refused for the others.' })
  courtCase?: CourtListingInput | null;
}

@InputType({ description: '移出: end a listing. Credit repair ends a listing through the repair procedure, not here.' })
export class RemoveFromSeriousListInput {
  @Field(() => ID, { description: 'The entry (SeriousListEntry.id).' })
  entryId!: string;

  @Field(() => ListRemovalReason, { description: 'CONDITIONS_MET, EXPIRED (only after listedUntil) or OBJECTION_UPHELD.' })
  reason!: RemovalReason;

  @Field(() => String, { description: 'The agency\'s statement: which condition was met, which objection was upheld.' })
  @MaxLength(TEXT)
  note!: string;
}

@InputType({ description: 'End a procedure before any listing (e.g. the objection showed the facts were wrong).' })
export class DropSeriousListingInput {
  @Field(() => ID, { description: 'The entry (SeriousListEntry.id).' })
  entryId!: string;

  @Field(() => String, { description: 'Why no listing follows.' })
  @MaxLength(TEXT)
  reason!: string;
}

@ArgsType()
export class SeriousListEntriesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only this list type.' })
  listType?: string | null;

  @Field(() => ListEntryState, { nullable: true, description: 'Only entries in this state today.' })
  state?: EntryState | null;
}

@ArgsType()
export class SeriousListsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only this list type, e.g. COURT_DEFAULTER; all lists when omitted.' })
  listType?: string | null;
}

/**
 * Serious-dishonesty list entries through their procedure (49号 四(八)): notified with reasons,
 * basis and rights; objected; listed by a decision document stating reasons, basis, measures,
 * removal conditions and procedure and remedies; removed (expired, conditions met, repaired,
 * objection upheld); or dropped. A listing creates the list item's credit record.
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import type { ListType } from '../../catalog/measures.schema';
import { addMonths } from '../../time/legal-date';
import { addDays, dateBetween, officeTime } from '../days';
import type { DemoAgency } from '../agencies';
import type { ChunkRows, ListEntryRow, SeedContext } from '../context';
import { repairRow, type RecordLife } from '../lifecycle';
import { payloadOf } from '../payload';
import { between, weighted, type Rng } from '../random';
import { emitRecord, maxDate, minDate } from '../records';
import type { SubjectDraft } from '../subjects';
import { earliestDecision } from './dates';
import { courtPayload, decisionKind, decisionNumber, listReason, measuresNotice, noticeRights } from './list-texts';

export type EntryState = ListEntryRow['state'] & string;
type Removal = 'CONDITIONS_MET' | 'REPAIRED' | 'EXPIRED' | 'OBJECTION_UPHELD';

const LIST_FROM = '2019-01-01';

interface Timeline {
  state: EntryState;
  notified: string;
  listed?: string;
  until?: string;
  removed?: { on: string; reason: Removal };
  dropped?: string;
}

/** Dates consistent with the state; the state may change (a listing past its period is removed). */
function timeline(ctx: SeedContext, rng: Rng, type: ListType, item: IndexedItem, from: string, wanted: EntryState, at?: string): Timeline {
  const today = ctx.today;
  if (wanted === 'NOTIFIED') return { state: wanted, notified: at ?? dateBetween(rng, maxDate(from, addDays(today, -6)), today) };
  if (wanted === 'OBJECTED') return { state: wanted, notified: at ?? dateBetween(rng, maxDate(from, addDays(today, -20)), addDays(today, -1)) };
  const notified = at ?? dateBetween(rng, from, addDays(today, -31));
  if (wanted === 'DROPPED') return { state: wanted, notified, dropped: addDays(notified, between(rng, 8, 30)) };
  const listed = addDays(notified, between(rng, 8, 20));
  const until = addMonths(listed, Math.round(type.listingPeriodYears * 12));
  if (until <= today) return { state: 'REMOVED', notified, listed, until, removed: { on: until, reason: 'EXPIRED' } };
  if (wanted === 'LISTED' || addDays(listed, 30) > today) return { state: 'LISTED', notified, listed, until };
  const reason = weighted<Removal>(rng, [['CONDITIONS_MET', 5], ['REPAIRED', item.repairable ? 3 : 0], ['OBJECTION_UPHELD', 1]]);
  return { state: 'REMOVED', notified, listed, until, removed: { on: dateBetween(rng, addDays(listed, 30), minDate(addDays(until, -1), today)), reason } };
}

function stateFor(rng: Rng, type: ListType): EntryState {
  return type.decidingSystem === 'SPC'
    ? weighted<EntryState>(rng, [['LISTED', 60], ['REMOVED', 30], ['NOTIFIED', 5], ['DROPPED', 5]])
    : weighted<EntryState>(rng, [['LISTED', 45], ['REMOVED', 20], ['NOTIFIED', 8], ['OBJECTED', 7], ['DROPPED', 10]]);
}

/**
 * Adds one entry (and, once listed, its record). Sample subjects force the state and the
 * notice date (`notified`, at least 31 days ago for a listing).
 */
export function listEntry(
  ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, type: ListType, item: IndexedItem, state?: EntryState, notified?: string,
): void {
  const earliest = earliestDecision(ctx, item, s);
  if (earliest === null || maxDate(earliest, LIST_FROM) > addDays(ctx.today, -31)) return;
  const t = timeline(ctx, rng, type, item, maxDate(earliest, LIST_FROM), state ?? stateFor(rng, type), notified);
  const agency = ctx.agencies.pick(rng, type.decidingSystem, s.row.regionCode);
  const entryId = ++ctx.ids.entry;
  const reasons = `${s.row.name}${listReason(rng, type)}。`;
  const decision = t.listed ? listing(ctx, out, s, rng, { type, item, agency, entryId, reasons, t }) : null;
  const row: ListEntryRow = {
    id: entryId, listTypeCode: type.code, subjectId: s.id, agencyCode: agency.code, state: t.state,
    noticeReasons: reasons, noticeBasis: type.legalBasis.join('；'), noticeRights: noticeRights(type),
    notifiedAt: officeTime(rng, t.notified), objectionDeadline: addDays(t.notified, 7),
    decisionDocumentId: decision?.documentId ?? null, decisionReasons: decision ? reasons : null,
    decisionBasis: decision ? type.legalBasis.join('；') : null, measuresNotice: decision ? measuresNotice(ctx.bundle, type) : null,
    removalConditions: decision ? type.removalConditions : null, removalProcedure: decision ? type.removalProcedure : null,
    remedies: decision ? type.remedies : null, listedAt: t.listed ? officeTime(rng, t.listed) : null,
    listedUntil: t.until ?? null, creditRecordId: decision?.recordId ?? null,
    removedAt: t.removed ? officeTime(rng, t.removed.on) : null, removalReason: t.removed?.reason ?? null,
    droppedAt: t.dropped ? officeTime(rng, t.dropped) : null,
    // Columns added by migration 0003 (serious-list module); COPY needs every column given.
    removalNote: null, dropReason: null,
  };
  out.seriousListEntries.push(row);
  if (t.state === 'OBJECTED') objectionOnEntry(ctx, rng, out, s, entryId, t.notified, null);
}

interface ListingFacts { type: ListType; item: IndexedItem; agency: DemoAgency; entryId: number; reasons: string; t: Timeline }

function listing(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, f: ListingFacts) {
  const listed = f.t.listed!;
  const number = decisionNumber(ctx, f.agency, f.type, listed);
  const filedOn = addDays(listed, -between(rng, 30, 300));
  return emitRecord(ctx, out, s, rng, {
    item: f.item, agency: f.agency, decisionDate: listed, severity: 'SERIOUS', validUntil: f.t.removed?.on ?? f.t.until ?? null,
    life: lifeOf(ctx, rng, s, f),
    document: () => ({
      kind: decisionKind(f.type), number, title: f.type.decidingSystem === 'SPC' ? '决定书（纳入失信被执行人名单）' : `列入${f.type.name}决定书`,
      issuer: f.agency, effectiveOn: listed, statutoryBasis: decisionKind(f.type) === 'OTHER_STATUTORY' ? f.type.standard.document : null,
    }),
  }, () => f.item.recordKind === 'COURT_ENFORCEMENT'
    ? courtPayload(ctx, rng, s, f.agency, number, listed, filedOn)
    : payloadOf('SERIOUS_LIST', {
      listName: f.type.name, reasons: f.reasons, basis: f.type.legalBasis.join('；'), decisionDocumentNumber: number,
      decidingAuthority: f.agency.name, listedOn: listed, measuresNotice: measuresNotice(ctx.bundle, f.type),
      removalConditions: `${f.type.removalConditions}${f.type.removalProcedure}`, remedies: f.type.remedies,
    }));
}

/** The record follows the entry: repaired with it, revoked when an objection removed it. */
function lifeOf(ctx: SeedContext, rng: Rng, s: SubjectDraft, f: ListingFacts): RecordLife {
  const removed = f.t.removed;
  if (removed?.reason === 'REPAIRED') {
    return {
      status: 'REPAIRED', treatment: 'SHIELDED', changedOn: removed.on,
      attach: (out, ref) => out.repairApplications.push(repairRow(ctx, rng, { ...ref, recordId: null }, {
        approvedOn: removed.on, treatment: 'SHIELDED', listEntryId: f.entryId, notBefore: f.t.listed,
      })),
    };
  }
  if (removed?.reason === 'OBJECTION_UPHELD') {
    return { status: 'REVOKED', changedOn: removed.on, attach: (out) => objectionOnEntry(ctx, rng, out, s, f.entryId, f.t.notified, { on: removed.on, agency: f.agency.code }) };
  }
  return { status: 'ACTIVE' };
}

function objectionOnEntry(ctx: SeedContext, rng: Rng, out: ChunkRows, s: SubjectDraft, entryId: number, notified: string, upheld: { on: string; agency: string } | null): void {
  const filedOn = upheld ? dateBetween(rng, notified, addDays(notified, 6)) : dateBetween(rng, notified, minDate(addDays(notified, 6), ctx.today));
  const filedAt = officeTime(rng, filedOn);
  out.objections.push({
    id: ++ctx.ids.objection, subjectId: s.id, creditRecordId: null, listEntryId: entryId,
    reason: '对拟列入严重失信主体名单的事实认定有异议，已提交相关证明材料。', filedAt,
    dueAt: new Date(filedAt.getTime() + 4 * 86_400_000), state: upheld ? 'DECIDED' : 'PENDING',
    outcome: upheld ? 'REMOVED_FROM_LIST' : null, response: upheld ? '经复核，认定依据不足，予以移出名单。' : null,
    decidedAt: upheld ? officeTime(rng, upheld.on) : null, decidedBy: upheld?.agency ?? null,
  });
}

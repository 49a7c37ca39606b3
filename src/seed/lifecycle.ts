/**
 * The later life of a dishonesty record: a few are repaired (with the approved application
 * behind it), some have a repair application pending, a few are revoked, a few are disputed
 * (a pending objection flags them) and some carry an objection already decided.
 */
import type { IndexedItem } from '../catalog/catalog.index';
import type { PublicationWindow } from '../modules/credit-record/publication-window';
import { addDays, dateBetween, officeTime } from './days';
import type { DemoAgency } from './agencies';
import type { ChunkRows, ObjectionRow, RepairApplicationRow, SeedContext } from './context';
import { between, pick, weighted, type Rng } from './random';

export type Treatment = 'MARKED' | 'SHIELDED' | 'DELETED';

export interface RecordRef {
  readonly recordId: number;
  readonly subjectId: number;
  readonly agency: DemoAgency;
  readonly decisionDate: string;
}

export interface RecordLife {
  readonly status: 'ACTIVE' | 'REPAIRED' | 'REVOKED';
  readonly treatment?: Treatment | null;
  readonly disputed?: boolean;
  /** Date of the last change (repair, revocation), for updated_at. */
  readonly changedOn?: string;
  /** Adds the rows that explain this life (repair application, objection). */
  readonly attach?: (out: ChunkRows, ref: RecordRef) => void;
}

const ACTIVE: RecordLife = { status: 'ACTIVE' };
export const COMMITMENT = '本单位（本人）承诺所提交材料真实有效，已纠正失信行为并履行相关义务，如有虚假愿承担相应法律责任。';
const OBJECTION_REASONS = [
  '处罚决定已被复议机关撤销，应停止公示。', '公示信息中罚款金额与决定书不一致。', '该处罚已履行完毕，公示期限计算有误。',
  '公示的当事人名称有误。', '对违法事实认定有异议，已依法提起行政诉讼。',
];

export function planLife(ctx: SeedContext, rng: Rng, item: IndexedItem, w: PublicationWindow, decisionDate: string): RecordLife {
  if (!item.dishonesty) return ACTIVE;
  const r = rng.next();
  // 特定严重失信 and fixed periods (min = max) are never repaired.
  const eligible = item.repairable && w.specificSerious === undefined && w.publishMinUntil !== null && w.publishMinUntil < ctx.today
    && (w.publishUntil === null || w.publishUntil > w.publishMinUntil);
  if (eligible && r < 0.08) return repaired(ctx, rng, w);
  if (eligible && r < 0.1 && (w.publishUntil === null || w.publishUntil > ctx.today)) return pendingRepair(ctx, rng, w);
  if (r < 0.11) return { status: 'REVOKED', changedOn: revokedOn(ctx, rng, decisionDate) };
  if (r < 0.125) return { status: 'ACTIVE', disputed: true, attach: (out, ref) => objection(ctx, rng, out, ref, false) };
  // A decided objection needs time: filed ten days after the decision, decided before today.
  const decidable = addDays(decisionDate, 15) <= ctx.today;
  if (r < 0.14 && decidable) return { status: 'ACTIVE', attach: (out, ref) => objection(ctx, rng, out, ref, true) };
  return ACTIVE;
}

function repaired(ctx: SeedContext, rng: Rng, w: PublicationWindow): RecordLife {
  const last = w.publishUntil !== null && w.publishUntil < ctx.today ? addDays(w.publishUntil, -1) : ctx.today;
  const on = dateBetween(rng, addDays(w.publishMinUntil!, 1), last);
  const treatment = weighted<Treatment>(rng, [['SHIELDED', 6], ['MARKED', 3], ['DELETED', 1]]);
  return {
    status: 'REPAIRED', treatment, changedOn: on,
    attach: (out, ref) => out.repairApplications.push(repairRow(ctx, rng, ref, {
      approvedOn: on, treatment, listEntryId: null, notBefore: addDays(w.publishMinUntil!, 1),
    })),
  };
}

function pendingRepair(ctx: SeedContext, rng: Rng, w: PublicationWindow): RecordLife {
  const filed = dateBetween(rng, maxOf(addDays(ctx.today, -4), addDays(w.publishMinUntil!, 1)), ctx.today);
  return { status: 'ACTIVE', attach: (out, ref) => out.repairApplications.push(repairRow(ctx, rng, ref, { filedOn: filed, listEntryId: null })) };
}

/**
 * A repair application: approved on `approvedOn` (filed a few days before, never before
 * `notBefore`, the end of the minimum period), or submitted on `filedOn` and still open.
 */
export function repairRow(
  ctx: SeedContext, rng: Rng, ref: Omit<RecordRef, 'recordId'> & { recordId: number | null },
  opts: { approvedOn?: string; filedOn?: string; notBefore?: string; treatment?: Treatment; listEntryId: number | null },
): RepairApplicationRow {
  const filedOn = opts.filedOn ?? maxOf(addDays(opts.approvedOn!, -between(rng, 1, 4)), opts.notBefore ?? '0001-01-01');
  const filedAt = officeTime(rng, filedOn);
  const approved = opts.approvedOn !== undefined;
  return {
    id: ++ctx.ids.repair, subjectId: ref.subjectId, creditRecordId: opts.listEntryId === null ? ref.recordId : null,
    listEntryId: opts.listEntryId, commitment: COMMITMENT,
    obligationsEvidence: pick(rng, ['罚款缴纳电子凭证', '补缴税款、滞纳金完税证明', '整改完成情况报告及现场核查记录', '补报年度报告公示截图']),
    filedAt, dueAt: new Date(filedAt.getTime() + 5 * 86_400_000),
    state: approved ? 'APPROVED' : 'SUBMITTED', treatment: approved ? opts.treatment ?? 'SHIELDED' : null,
    decisionReason: approved ? '最短公示期已届满，失信行为已纠正、相关义务已履行，并已作出信用承诺，准予信用修复。' : null,
    decidedAt: approved ? officeTime(rng, opts.approvedOn!) : null, decidedBy: approved ? ref.agency.code : null,
  };
}

function objection(ctx: SeedContext, rng: Rng, out: ChunkRows, ref: RecordRef, decided: boolean): void {
  const filedOn = decided
    ? dateBetween(rng, addDays(ref.decisionDate, 10), addDays(ctx.today, -5))
    : dateBetween(rng, maxOf(ref.decisionDate, addDays(ctx.today, -9)), ctx.today);
  const filedAt = officeTime(rng, filedOn);
  const outcome = decided ? weighted(rng, [['REJECTED', 6], ['CORRECTED', 2], ['SUPPLEMENTED', 2]] as const) : null;
  const row: ObjectionRow = {
    id: ++ctx.ids.objection, subjectId: ref.subjectId, creditRecordId: ref.recordId, listEntryId: null,
    reason: pick(rng, OBJECTION_REASONS), filedAt, dueAt: new Date(filedAt.getTime() + 4 * 86_400_000),
    state: decided ? 'DECIDED' : 'PENDING', outcome,
    response: outcome === null ? null : RESPONSES[outcome],
    decidedAt: decided ? new Date(filedAt.getTime() + between(rng, 1, 3) * 86_400_000) : null,
    decidedBy: decided ? ref.agency.code : null,
  };
  out.objections.push(row);
}

const RESPONSES = {
  REJECTED: '经核查，公示信息与行政处罚决定书一致，异议不成立。',
  CORRECTED: '经核查，公示信息存在错误，已予以更正。',
  SUPPLEMENTED: '经核查，已补充相关履行情况信息。',
} as const;

function maxOf(a: string, b: string): string {
  return a > b ? a : b;
}

/** Revocation (撤销, after reconsideration or a lawsuit) within half a year, never after today. */
function revokedOn(ctx: SeedContext, rng: Rng, decisionDate: string): string {
  const on = addDays(decisionDate, between(rng, 30, 180));
  return on < ctx.today ? on : ctx.today;
}

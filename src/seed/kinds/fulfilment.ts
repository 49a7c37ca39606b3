/**
 * 信用承诺履约: the accepting unit's finding, on checking, whether a subject kept a credit
 * commitment (mostly kept; a few partly or not, with the breach and what was done about it).
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import { addMonths } from '../../time/legal-date';
import { dateBetween } from '../days';
import type { ChunkRows, SeedContext } from '../context';
import { payloadOf } from '../payload';
import { chance, pick, weighted, type Rng } from '../random';
import { emitRecord, type Emitted } from '../records';
import type { SubjectDraft } from '../subjects';
import { earliestDecision } from './dates';

const PROMISES = [
  ['审批替代型', '申请食品经营许可时，以告知承诺方式承诺已具备法定条件，所提交材料真实有效。'],
  ['审批替代型', '申请建设工程规划许可时，承诺在许可后六个月内补齐消防设计审查材料。'],
  ['主动型', '主动向社会作出信用承诺：依法诚信经营，自觉接受政府、行业组织和社会公众的监督。'],
] as const;

const BREACHES = {
  部分履约: ['承诺期限内补齐部分材料，其余材料逾期提交', '责令限期改正；已按期改正'],
  未履约: ['经核查，实际情况与承诺内容不符', '撤销相关许可，记入信用记录'],
} as const;

export function fulfilment(ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem): Emitted | null {
  const from = earliestDecision(ctx, item, s);
  if (from === null) return null;
  const verified = dateBetween(rng, from, ctx.today);
  const made = dateBetween(rng, addMonths(verified, -12) < from ? from : addMonths(verified, -12), verified);
  const agency = ctx.agencies.pick(rng, item.provider, s.row.regionCode);
  const accepting = chance(rng, 0.5) ? ctx.agencies.pick(rng, 'SAMR', s.row.regionCode).name : agency.name;
  const [type, content] = pick(rng, PROMISES);
  const outcome = weighted(rng, [['已履约', 8], ['部分履约', 1], ['未履约', 0.5]] as const);
  const breach = outcome === '已履约' ? null : BREACHES[outcome];
  return emitRecord(ctx, out, s, rng, { item, agency, decisionDate: verified, validUntil: addMonths(verified, 36) }, () => payloadOf('COMMITMENT_FULFILMENT', {
    commitmentContent: content, commitmentType: type, commitmentMadeOn: made, acceptingUnit: accepting,
    verifiedOn: verified, verifyingAuthority: agency.name, outcome,
    breachCircumstance: breach?.[0] ?? null, handling: breach?.[1] ?? null,
  }));
}

/**
 * How many records of which items a generated subject gets: a few per kind of record, only
 * for items in force whose subject kinds include the subject's and whose catalog covers its
 * region, spread over the providers in rough proportion to how much each one records. About
 * ten records per subject on average (legal persons more, natural persons fewer).
 */
import type { IndexedItem } from '../catalog/catalog.index';
import type { ListType } from '../catalog/measures.schema';
import { type ChunkRows, itemApplies, type SeedContext } from './context';
import { type ConsentOffer, consentsFor } from './consents';
import { listEntry } from './kinds/listing';
import { licence } from './kinds/licence';
import { penalty } from './kinds/penalty';
import { anomaly, commitment, evaluations, honour } from './kinds/standing';
import { STREAMS, chance, countAround, streamRng, weighted, type Rng } from './random';
import type { SubjectDraft, SubjectKind } from './subjects';

type Means = Readonly<Record<string, number>>;

const MEANS: Readonly<Record<SubjectKind, Means>> = {
  LEGAL_PERSON: { LICENCE: 5.5, PENALTY: 2, BUSINESS_ANOMALY: 0.25, HONOUR: 0.3, COMMITMENT: 2.5, EVALUATION: 2.5 },
  INDIVIDUAL_BUSINESS: { LICENCE: 2, PENALTY: 0.8, BUSINESS_ANOMALY: 0.3, HONOUR: 0.05, COMMITMENT: 0.6, EVALUATION: 1 },
  NATURAL_PERSON: { LICENCE: 0.5, PENALTY: 0.8, COMMITMENT: 1.2, EVALUATION: 0.3, HONOUR: 0.05 },
};
/** Share of subjects with a serious-list procedure, and of natural persons with consents. */
const LIST_RATE: Readonly<Record<SubjectKind, number>> = { LEGAL_PERSON: 0.02, INDIVIDUAL_BUSINESS: 0.015, NATURAL_PERSON: 0.03 };
const CONSENT_RATE = 0.3;
// How much each provider records relative to the others (a patent-agency licence is rare).
const PROVIDER_WEIGHT: Readonly<Record<string, number>> = { SAMR: 3, STA: 2, MEE: 1, CNIPA: 0.02, SZ_HOUSING: 0.2 };
const LIST_WEIGHT: Readonly<Record<string, number>> = { COURT_DEFAULTER: 5, MAJOR_TAX_VIOLATION: 2, SAMR_SERIOUS_VIOLATION: 2, GOVERNMENT_PROCUREMENT_SERIOUS: 1 };

interface Pool {
  readonly byKind: ReadonlyMap<string, ReadonlyArray<readonly [IndexedItem, number]>>;
  /** HONOUR items that an evaluation of the same provider leads to (an A grade). */
  readonly honourOf: ReadonlyMap<IndexedItem, IndexedItem>;
  readonly lists: ReadonlyArray<readonly [{ type: ListType; item: IndexedItem }, number]>;
}

export class RecordPlanner {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly ctx: SeedContext, private readonly offers: readonly ConsentOffer[]) {}

  /** Generates the records, list entries and consents of one generated subject. */
  plan(out: ChunkRows, s: SubjectDraft): void {
    const ctx = this.ctx;
    const pool = this.pool(s);
    const rng = streamRng(ctx.seed, STREAMS.records, s.id);
    for (const [kind, mean] of Object.entries(MEANS[s.kind])) {
      const items = pool.byKind.get(kind);
      if (!items?.length) continue;
      const n = countAround(rng, mean);
      const chosen = new Map<IndexedItem, number>();
      for (let i = 0; i < n; i++) {
        const item = weighted(rng, items);
        chosen.set(item, (chosen.get(item) ?? 0) + 1);
      }
      for (const [item, count] of chosen) this.emit(out, s, rng, kind, item, count, pool);
    }
    const lists = streamRng(ctx.seed, STREAMS.lists, s.id);
    if (pool.lists.length && chance(lists, LIST_RATE[s.kind])) {
      const { type, item } = weighted(lists, pool.lists);
      listEntry(ctx, out, s, lists, type, item);
    }
    const consent = streamRng(ctx.seed, STREAMS.consents, s.id);
    if (s.kind === 'NATURAL_PERSON' && chance(consent, CONSENT_RATE)) consentsFor(ctx, out, s, consent, this.offers, 1 + countAround(consent, 0.5));
  }

  private emit(out: ChunkRows, s: SubjectDraft, rng: Rng, kind: string, item: IndexedItem, count: number, pool: Pool): void {
    const ctx = this.ctx;
    if (kind === 'EVALUATION') return evaluations(ctx, out, s, rng, item, count, pool.honourOf.get(item));
    for (let i = 0; i < count; i++) {
      if (kind === 'LICENCE') licence(ctx, out, s, rng, item);
      else if (kind === 'PENALTY') penalty(ctx, out, s, rng, item);
      else if (kind === 'BUSINESS_ANOMALY') anomaly(ctx, out, s, rng, item);
      else if (kind === 'COMMITMENT') commitment(ctx, out, s, rng, item);
      else if (kind === 'HONOUR') honour(ctx, out, s, rng, item);
    }
  }

  private pool(s: SubjectDraft): Pool {
    const key = `${s.kind}|${s.row.regionCode}`;
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = buildPool(this.ctx, s.kind, s.row.regionCode)));
    return pool;
  }
}

function buildPool(ctx: SeedContext, kind: SubjectKind, regionCode: string): Pool {
  const items = ctx.catalog.itemsInForce()
    .filter((i) => i.subjectKinds.includes(kind) && itemApplies(ctx, i, regionCode))
    .sort((a, b) => a.code.localeCompare(b.code));
  const evaluated = new Map(items.filter((i) => i.recordKind === 'EVALUATION').map((i) => [i.provider, i]));
  const honourOf = new Map<IndexedItem, IndexedItem>();
  const byKind = new Map<string, Array<readonly [IndexedItem, number]>>();
  for (const item of items) {
    const evaluation = item.recordKind === 'HONOUR' ? evaluated.get(item.provider) : undefined;
    // An honour an evaluation leads to is only given with an A grade, never drawn on its own.
    if (evaluation) { honourOf.set(evaluation, item); continue; }
    const list = byKind.get(item.recordKind) ?? [];
    list.push([item, PROVIDER_WEIGHT[item.provider] ?? 1]);
    byKind.set(item.recordKind, list);
  }
  const lists = ctx.bundle.listTypes.flatMap((type) => {
    const item = ctx.catalog.itemByCode(type.catalogItem.code);
    return item && items.includes(item) ? [[{ type, item }, LIST_WEIGHT[type.code] ?? 1] as const] : [];
  });
  return { byKind, honourOf, lists };
}

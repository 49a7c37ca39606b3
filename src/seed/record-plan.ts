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
import { SEED_GENERATORS, type KindSeed } from './kinds/generators';
import { listEntry } from './kinds/listing';
import { STREAMS, chance, countAround, streamRng, weighted, type Rng } from './random';
import type { SubjectDraft, SubjectKind } from './subjects';

/** The kinds drawn per subject, with their generators and means (kinds/generators.ts), in draw order. */
const DRAWN = (Object.entries(SEED_GENERATORS) as Array<[string, KindSeed | null]>).filter((e): e is [string, KindSeed] => e[1] !== null);
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
    for (const [kind, seed] of DRAWN) {
      const mean = seed.means[s.kind];
      if (mean === undefined) continue;
      const items = pool.byKind.get(kind);
      if (!items?.length) continue;
      const n = countAround(rng, mean);
      const chosen = new Map<IndexedItem, number>();
      for (let i = 0; i < n; i++) {
        const item = weighted(rng, items);
        chosen.set(item, (chosen.get(item) ?? 0) + 1);
      }
      for (const [item, count] of chosen) seed.generate({ ctx, out, s, rng, item, count, honourOf: (i) => pool.honourOf.get(i) });
    }
    const lists = streamRng(ctx.seed, STREAMS.lists, s.id);
    if (pool.lists.length && chance(lists, LIST_RATE[s.kind])) {
      const { type, item } = weighted(lists, pool.lists);
      listEntry(ctx, out, s, lists, type, item);
    }
    const consent = streamRng(ctx.seed, STREAMS.consents, s.id);
    if (s.kind === 'NATURAL_PERSON' && chance(consent, CONSENT_RATE)) consentsFor(ctx, out, s, consent, this.offers, 1 + countAround(consent, 0.5));
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

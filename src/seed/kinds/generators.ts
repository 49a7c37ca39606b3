/**
 * The seed generator of each stored record kind, and how many records of it a generated subject
 * gets on average by subject kind (record-plan.ts draws in this table's order). Kinds made by a
 * procedure rather than drawn per subject (serious lists, the court list: kinds/listing.ts) have
 * null. `satisfies Record<StoredRecordKind, …>`: a kind added to the descriptors without an entry
 * here does not compile.
 */
import type { IndexedItem } from '../../catalog/catalog.index';
import type { StoredRecordKind } from '../../catalog/record-kinds';
import type { ChunkRows, SeedContext } from '../context';
import type { Rng } from '../random';
import type { SubjectDraft, SubjectKind } from '../subjects';
import { fulfilment } from './fulfilment';
import { licence } from './licence';
import { penalty } from './penalty';
import { anomaly, commitment, evaluations, honour } from './standing';

/** One draw: `count` records of `item` for the subject; `honourOf` is the honour an A grade of this evaluation item brings. */
export interface Draw {
  readonly ctx: SeedContext;
  readonly out: ChunkRows;
  readonly s: SubjectDraft;
  readonly rng: Rng;
  readonly item: IndexedItem;
  readonly count: number;
  readonly honourOf: (item: IndexedItem) => IndexedItem | undefined;
}

export interface KindSeed {
  /** Mean number of records per generated subject of each kind (absent: none). */
  readonly means: Readonly<Partial<Record<SubjectKind, number>>>;
  readonly generate: (d: Draw) => void;
}

type One = (ctx: SeedContext, out: ChunkRows, s: SubjectDraft, rng: Rng, item: IndexedItem) => unknown;
/** A generator of one record, called `count` times. */
const each = (one: One) => (d: Draw) => {
  for (let i = 0; i < d.count; i++) one(d.ctx, d.out, d.s, d.rng, d.item);
};

export const SEED_GENERATORS = {
  LICENCE: { means: { LEGAL_PERSON: 5.5, INDIVIDUAL_BUSINESS: 2, NATURAL_PERSON: 0.5 }, generate: each(licence) },
  PENALTY: { means: { LEGAL_PERSON: 2, INDIVIDUAL_BUSINESS: 0.8, NATURAL_PERSON: 0.8 }, generate: each(penalty) },
  BUSINESS_ANOMALY: { means: { LEGAL_PERSON: 0.25, INDIVIDUAL_BUSINESS: 0.3 }, generate: each(anomaly) },
  HONOUR: { means: { LEGAL_PERSON: 0.3, INDIVIDUAL_BUSINESS: 0.05, NATURAL_PERSON: 0.05 }, generate: each(honour) },
  COMMITMENT: { means: { LEGAL_PERSON: 2.5, INDIVIDUAL_BUSINESS: 0.6, NATURAL_PERSON: 1.2 }, generate: each(commitment) },
  EVALUATION: {
    means: { LEGAL_PERSON: 2.5, INDIVIDUAL_BUSINESS: 1, NATURAL_PERSON: 0.3 },
    generate: (d) => evaluations(d.ctx, d.out, d.s, d.rng, d.item, d.count, d.honourOf(d.item)),
  },
  COMMITMENT_FULFILMENT: { means: { LEGAL_PERSON: 0.4, INDIVIDUAL_BUSINESS: 0.1, NATURAL_PERSON: 0.1 }, generate: each(fulfilment) },
  SERIOUS_LIST: null,
  COURT_ENFORCEMENT: null,
} as const satisfies Record<StoredRecordKind, KindSeed | null>;

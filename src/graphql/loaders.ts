/**
 * Per-request DataLoaders: however many subjects a query touches, their records come back
 * in one SQL statement per loader, so statements per request do not grow with results.
 */
import DataLoader from 'dataloader';
import type { Disclosed } from '../policy/decision';
import type { RecordView } from '../modules/credit-record/credit-record.view';
import type { StoredRecordKind } from '../modules/credit-record/credit-record.type';
import type { Caller } from '../modules/caller';
import type { Services } from '../services';

type RecordLoader = DataLoader<number, Disclosed<RecordView>[]>;

export interface Loaders {
  /** Every visible record of each subject (every kind). */
  readonly recordsBySubject: RecordLoader;
  /**
   * The visible records of these kinds only, for an operation that reads no other kind (a
   * partner's batch asking for penalties need not load and decide every licence): one loader,
   * so one statement, per set of kinds.
   */
  recordsOfKinds(kinds: readonly StoredRecordKind[]): RecordLoader;
  /**
   * A subject's records read with the subject itself (CreditRecordService.subjectsWithVisible),
   * handed to the loader that would have read them — `kinds` as recordsOfKinds takes them, all
   * kinds when absent — so it does not read them again.
   */
  prime(kinds: readonly StoredRecordKind[] | undefined, subjectId: number, records: Disclosed<RecordView>[]): void;
}

/** `ctx`: the request's context, read when a batch runs (the loaders are built with it). */
export function createLoaders(ctx: () => Caller & { readonly services: Services }): Loaders {
  const loader = (kinds?: readonly StoredRecordKind[]): RecordLoader =>
    new DataLoader(async (ids) => {
      const c = ctx();
      const bySubject = await c.services.records.visibleBySubject(c, ids, kinds);
      return ids.map((id) => bySubject.get(id) ?? []);
    });
  const byKinds = new Map<string, RecordLoader>();
  // Sections pass the same (memoised, frozen) arrays for every subject: found by identity first.
  const byArray = new WeakMap<readonly StoredRecordKind[], RecordLoader>();
  const recordsBySubject = loader();
  return {
    recordsBySubject,
    prime(kinds, subjectId, records) {
      (kinds ? this.recordsOfKinds(kinds) : recordsBySubject).prime(subjectId, records);
    },
    recordsOfKinds(kinds) {
      let l = byArray.get(kinds);
      if (l) return l;
      const sorted = [...kinds].sort();
      const key = sorted.join(',');
      l = byKinds.get(key);
      if (!l) byKinds.set(key, (l = loader(sorted)));
      byArray.set(kinds, l);
      return l;
    },
  };
}

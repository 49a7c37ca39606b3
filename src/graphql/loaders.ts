/**
 * Per-request DataLoaders: however many subjects a query touches, their records come back
 * in one SQL statement per loader, so statements per request do not grow with results.
 */
import DataLoader from 'dataloader';
import type { Disclosed } from '../policy/decision';
import type { RecordView } from '../modules/credit-record/credit-record.view';
import type { Caller } from '../modules/caller';
import type { Services } from '../services';

export interface Loaders {
  readonly recordsBySubject: DataLoader<number, Disclosed<RecordView>[]>;
}

/** `ctx`: the request's context, read when a batch runs (the loaders are built with it). */
export function createLoaders(ctx: () => Caller & { readonly services: Services }): Loaders {
  return {
    recordsBySubject: new DataLoader(async (ids) => {
      const c = ctx();
      const bySubject = await c.services.records.visibleBySubject(c, ids);
      return ids.map((id) => bySubject.get(id) ?? []);
    }),
  };
}

/**
 * Read queries built once and kept, per database and shape. drizzle builds a query's SQL text
 * from its builder on every execution; for the credit records' query, whose WHERE is the
 * policy's clause over every catalog item, that building was about 16% of the server's CPU
 * under the public-profile load (bench W1). A prepared drizzle query keeps the text and its
 * parameters and only fills in the placeholders.
 *
 * A prepared query is bound to the database it was built on, so the cache is keyed by the
 * concrete database (read-routing.ts: primary or replica, as chosen for the request), then by
 * a key that must name everything the query's SQL depends on. Bounded: the oldest shape goes
 * when a database has more than `maxShapes`.
 */
import { readTarget } from './read-routing';
import { withCompiledRowMapper } from './row-mapper';

export class PreparedReads<Q extends object> {
  private readonly byDatabase = new WeakMap<object, Map<string, Q>>();

  constructor(private readonly maxShapes = 64) {}

  /** The query of this shape on the database `db` reads from now, built by `build` the first time. */
  get<D extends object>(db: D, key: string, build: (target: D) => Q): Q {
    const target = readTarget(db);
    let shapes = this.byDatabase.get(target);
    if (!shapes) {
      shapes = new Map();
      this.byDatabase.set(target, shapes);
    }
    let query = shapes.get(key);
    if (query === undefined) {
      // Its rows mapped by a plan compiled once for the shape (row-mapper.ts), not drizzle's per-row walk.
      query = withCompiledRowMapper(build(target));
      if (shapes.size >= this.maxShapes) shapes.delete(shapes.keys().next().value!);
      shapes.set(key, query);
    }
    return query;
  }
}

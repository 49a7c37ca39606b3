/**
 * A unit of work over in-memory repositories, for unit tests of a service
 * (src/modules/unit-of-work.ts): the service runs its rules against the repositories given,
 * and the test reads what it wrote from them. Asking for a repository not given fails the
 * test by name, and so does calling a method the test's repository leaves out (a fake needs
 * only what the service under test calls). `transactions` counts the transactions the service opened (a joined one is
 * not counted, as on the database). Nothing is rolled back: a test of a failing step asserts
 * the error, and that nothing was written before it where the service checks first.
 */
import type { Repositories, UnitOfWork } from '../../src/modules/unit-of-work';

export interface MemoryWork extends UnitOfWork {
  /** Transactions opened so far. */
  readonly transactions: number;
  /** Whether the code running now is inside one of them. */
  readonly inTransaction: boolean;
}

/** Repositories a test gives: any of them, each with the methods the service under test calls. */
export type GivenRepositories = { [K in keyof Repositories]?: Partial<Repositories[K]> };

/**
 * Given unless a test gives its own: record numbers (记录编号) that find nothing, so ids given
 * as opaque ids resolve as always and a number answers as an unknown one.
 */
const DEFAULTS: GivenRepositories = { recordNumbers: { idByNumber: async () => undefined } };

export function memoryWork(supplied: GivenRepositories): MemoryWork {
  const given: GivenRepositories = { ...DEFAULTS, ...supplied };
  const complete = (name: string, repo: object) => new Proxy(repo, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (value === undefined && typeof prop === 'string' && prop !== 'then') throw new Error(`memoryWork: the test's ${name} repository has no ${prop}()`);
      return value;
    },
  });
  const repos = new Proxy(given, {
    get(target, prop) {
      const repo = Reflect.get(target, prop) as object | undefined;
      if (repo === undefined && typeof prop === 'string') throw new Error(`memoryWork: the test gave no repository "${prop}"`);
      return repo === undefined ? repo : complete(String(prop), repo);
    },
  }) as Repositories;
  let transactions = 0;
  let depth = 0;
  const inside: UnitOfWork = { repos, transaction: (fn) => fn(inside) };
  return {
    repos,
    get transactions() { return transactions; },
    get inTransaction() { return depth > 0; },
    async transaction(fn) {
      transactions += 1;
      depth += 1;
      try {
        return await fn(inside);
      } finally {
        depth -= 1;
      }
    },
  };
}

/**
 * A unit of work over in-memory repositories, for unit tests of a service
 * (src/modules/unit-of-work.ts): the service runs its rules against the repositories given,
 * and the test reads what it wrote from them. Asking for a repository not given fails the
 * test by name. `transactions` counts the transactions the service opened (a joined one is
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

export function memoryWork(given: Partial<Repositories>): MemoryWork {
  const repos = new Proxy(given, {
    get(target, prop) {
      const repo = Reflect.get(target, prop) as unknown;
      if (repo === undefined && typeof prop === 'string') throw new Error(`memoryWork: the test gave no repository "${prop}"`);
      return repo;
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

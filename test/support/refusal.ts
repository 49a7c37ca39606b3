/** For unit tests of rules that throw an AppError: the code and message of the refusal `run` must throw. */
import type { AppError } from '../../src/errors';

export function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    return { code: (e as AppError).code, message: (e as AppError).message };
  }
  throw new Error('expected a refusal');
}

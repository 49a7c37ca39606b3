/**
 * Argument validation (type-graphql's `validateFn`): class-validator, with exactly the options
 * and the error (ArgumentValidationError) type-graphql uses by itself — except that a page's
 * arguments (PageArgs: `first` from 1 to MAX_PAGE, an optional `after`) are checked directly.
 * A profile pages five sections per request, and class-validator's metadata walk for each was
 * ~2 % of the server's CPU. A page out of bounds still goes to class-validator, so its error
 * is the one it always was.
 */
import { validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { MAX_PAGE, PageArgs } from './connection';

/** type-graphql's defaults beside the schema's `validate` setting (src/graphql/schema.ts). */
export const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

/** A PageArgs (the class itself, not a subclass with rules of its own) within its bounds. */
function validPage(value: object): boolean {
  if (value.constructor !== PageArgs) return false;
  const { first, after } = value as PageArgs;
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE && (after === undefined || after === null || typeof after === 'string');
}

export const validateArgs: ValidatorFn = (value) => {
  if (!isObject(value) || validPage(value)) return undefined;
  const checks = Array.isArray(value) ? value.filter(isObject).map((v) => validateOrReject(v, VALIDATOR_OPTIONS)) : [validateOrReject(value, VALIDATOR_OPTIONS)];
  return Promise.all(checks).then(() => undefined, (err: unknown) => {
    throw new ArgumentValidationError(err as never);
  });
};

/**
 * The fast path of validateArgs checks PageArgs by hand; it is right only while PageArgs's
 * class-validator rules are the ones it copies. A rule added to PageArgs fails this test until
 * validPage() learns it too.
 */
import { getMetadataStorage } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { validateArgs } from './arg-validation';
import { MAX_PAGE, PageArgs } from './connection';

const page = (first: unknown, after?: unknown) => Object.assign(new PageArgs(), { first, after });

describe('validateArgs', () => {
  it('knows every class-validator rule of PageArgs', () => {
    const rules = getMetadataStorage()
      .getTargetValidationMetadatas(PageArgs, '', true, false)
      .map((m) => `${m.propertyName}:${m.name ?? m.type}:${(m.constraints ?? []).join(',')}`)
      .sort();
    expect(rules).toEqual([`first:max:${MAX_PAGE}`, 'first:min:1']);
  });

  it('passes pages within bounds without class-validator, and refuses the rest with its error', async () => {
    expect(validateArgs(page(1), undefined as never, undefined as never)).toBeUndefined();
    expect(validateArgs(page(MAX_PAGE, 'c'), undefined as never, undefined as never)).toBeUndefined();
    for (const first of [0, MAX_PAGE + 1, -1]) {
      await expect(validateArgs(page(first), undefined as never, undefined as never)).rejects.toBeInstanceOf(ArgumentValidationError);
    }
  });
});

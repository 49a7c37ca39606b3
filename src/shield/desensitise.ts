/**
 * The desensitisation middleware: on credit fields only, applies the mask the record's
 * decision names. Fields decided ALLOW pass through untouched and synchronously.
 */
import type { IMiddlewareFieldMap } from 'graphql-middleware';
import type { GraphQLSchema } from 'graphql';
import { disclosureOf, type PersonalDataKind } from '../policy/decision';
import type { Masker } from '../policy/masking';
import { creditFields } from './rule-map';

function maskValue(value: unknown, masker: Masker): unknown {
  if (value === null || value === undefined) return value;
  return masker(String(value));
}

export function desensitiseMiddleware(
  schema: GraphQLSchema,
  maskers: Record<PersonalDataKind, Masker>,
): IMiddlewareFieldMap {
  const map: Record<string, Record<string, unknown>> = {};
  for (const [path, key] of creditFields(schema)) {
    const [typeName, fieldName] = path.split('.') as [string, string];
    (map[typeName] ??= {})[fieldName] = (resolve: Function, parent: unknown, args: unknown, ctx: unknown, info: unknown) => {
      const result = resolve(parent, args, ctx, info);
      const decision = disclosureOf(parent)?.fields[key];
      if (decision?.effect !== 'MASK' || !decision.personal) return result;
      const masker = maskers[decision.personal];
      return result instanceof Promise ? result.then((v) => maskValue(v, masker)) : maskValue(result, masker);
    };
  }
  return map as IMiddlewareFieldMap;
}

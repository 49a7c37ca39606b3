/**
 * The access-recording middleware, on credit and record-envelope fields only. It runs
 * outside shield, so denials are recorded too; for the public (no buffer) it only forwards.
 * Per field it does a lookup of the decision already made, never a query.
 */
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap } from 'graphql-middleware';
import type { RequestContext } from '../graphql/context';
import { DENIED_NO_DECISION, disclosureOf, type FieldDecision } from '../policy/decision';
import { creditFields, recordFields } from '../shield/rule-map';

type Resolve = (parent: unknown, args: unknown, ctx: unknown, info: GraphQLResolveInfo) => unknown;

function recorder(decisionOf: (parent: object) => { disclosure: ReturnType<typeof disclosureOf>; decision: FieldDecision }, key: string) {
  return (resolve: Resolve, parent: unknown, args: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => {
    const buffer = ctx.accessBuffer;
    if (buffer && parent !== null && typeof parent === 'object') {
      const { disclosure, decision } = decisionOf(parent);
      if (disclosure) buffer.note(parent, disclosure, key, decision, info);
    }
    return resolve(parent, args, ctx, info);
  };
}

export function accessRecorderMiddleware(schema: GraphQLSchema): IMiddlewareFieldMap {
  const map: Record<string, Record<string, unknown>> = {};
  for (const [path, key] of creditFields(schema)) {
    const [type, field] = path.split('.') as [string, string];
    (map[type] ??= {})[field] = recorder((parent) => {
      const disclosure = disclosureOf(parent);
      return { disclosure, decision: disclosure?.fields[key] ?? DENIED_NO_DECISION };
    }, key);
  }
  for (const path of recordFields(schema)) {
    const [type, field] = path.split('.') as [string, string];
    (map[type] ??= {})[field] = recorder((parent) => {
      const disclosure = disclosureOf(parent);
      const decision: FieldDecision = disclosure?.visible
        ? { effect: 'ALLOW', reason: disclosure.basis }
        : { effect: 'DENY', reason: disclosure?.basis ?? 'NO_DECISION', code: 'FORBIDDEN' };
      return { disclosure, decision };
    }, field);
  }
  return map as IMiddlewareFieldMap;
}

/**
 * The three kinds of shield rule. Each does a lookup, never a query: the decisions were
 * made when the record was loaded (CREDIT) or come from the action catalog (ACTION).
 */
import { allow, rule } from 'graphql-shield';
import type { IRule } from 'graphql-shield';

/** Any rule shield accepts in a rule map, including the built-in allow/deny. */
export type AnyRule = IRule | typeof import('graphql-shield').allow;
import { appError } from '../errors';
import { mayPerform, type ActionName } from '../policy/actions';
import { DENIED_NO_DECISION, disclosureOf } from '../policy/decision';
import type { RequestContext } from '../graphql/context';

const creditRules = new Map<string, IRule>();
const actionRules = new Map<string, IRule>();

export const openRule: AnyRule = allow;

/** Allows the field when the record's decision for `key` is ALLOW or MASK. */
export function creditRule(key: string): IRule {
  let r = creditRules.get(key);
  if (!r) {
    r = rule(`credit:${key}`, { cache: 'no_cache' })((parent) => {
      const decision = disclosureOf(parent)?.fields[key] ?? DENIED_NO_DECISION;
      if (decision.effect !== 'DENY') return true;
      return appError(decision.code ?? 'FORBIDDEN', `field "${key}" is not disclosed to you: ${decision.reason}`, {
        reason: decision.reason,
      });
    });
    creditRules.set(key, r);
  }
  return r;
}

/** Allows a record's envelope fields when the record itself passed the policy's gate. */
export const recordRule: IRule = rule('record', { cache: 'no_cache' })((parent) => {
  const disclosure = disclosureOf(parent);
  if (disclosure?.visible) return true;
  return appError('FORBIDDEN', `record is not disclosed to you: ${disclosure?.basis ?? 'NO_DECISION'}`, {
    reason: disclosure?.basis ?? 'NO_DECISION',
  });
});

/** Allows a root operation when the action catalog lets the principal's role perform it. */
export function actionRule(action: ActionName): IRule {
  let r = actionRules.get(action);
  if (!r) {
    r = rule(`action:${action}`, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) =>
      mayPerform(ctx.principal, action)
        ? true
        : appError('FORBIDDEN', `role ${ctx.principal.role} may not ${action}`, { action }),
    );
    actionRules.set(action, r);
  }
  return r;
}

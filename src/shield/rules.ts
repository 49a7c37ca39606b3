/**
 * The kinds of shield rule. Each does a lookup, never a query: the decisions were made when
 * the record was loaded (CREDIT, RECORD) or come from the action catalog (ACTION).
 *
 * The lookup rules are built from a synchronous check that is registered with the rule, so
 * the privacy layer (privacy-layer.ts) can run the very same check without shield's
 * per-field promise: a rule is declared once, in the rule map, and executed either way.
 */
import { allow, rule } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import { appError } from '../errors';
import { mayPerform, type ActionName } from '../policy/actions';
import { DENIED_NO_DECISION, disclosureOf } from '../policy/decision';
import type { RequestContext } from '../graphql/context';

/** Any rule shield accepts in a rule map, including the built-in allow/deny. */
export type AnyRule = IRule | typeof allow;

/** A rule's predicate run synchronously on a field's parent: true, or the error to return. */
export type SyncCheck = (parent: unknown) => true | Error;

const syncChecks = new WeakMap<object, SyncCheck>();

/** The synchronous check a lookup rule was built from; undefined for any other rule. */
export function syncCheckOf(r: AnyRule): SyncCheck | undefined {
  return syncChecks.get(r as object);
}

function lookupRule(name: string, check: SyncCheck): IRule {
  const r = rule(name, { cache: 'no_cache' })((parent) => check(parent));
  syncChecks.set(r, check);
  return r;
}

const creditRules = new Map<string, IRule>();
const actionRules = new Map<string, IRule>();

export const openRule: AnyRule = allow;

/** Allows the field when the record's decision for `key` is ALLOW or MASK. */
export function creditRule(key: string): IRule {
  let r = creditRules.get(key);
  if (!r) {
    r = lookupRule(`credit:${key}`, (parent) => {
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
export const recordRule: IRule = lookupRule('record', (parent) => {
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

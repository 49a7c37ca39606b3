/**
 * graphql-armor's cost rule, run once the operation is resolved so that it sees page sizes
 * given as variables (`first: $n`, a validation rule cannot see variables). Sizes are
 * counted at most MAX_PAGE: a larger one is refused by the connection itself, with a
 * message naming the argument. Wired by operation-limits.ts.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, validate, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { ERROR_CODES } from '../errors';
import { MAX_PAGE } from '../graphql/connection';

const clamp = (size: string): string => String(Math.min(Number(size), MAX_PAGE));

/** Every `first` / `last` as a literal of at most MAX_PAGE, variables (or their defaults) written in. */
function withPageSizes(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): DocumentNode {
  const defaults = new Map(operation.variableDefinitions?.map((d) => [d.variable.name.value, d.defaultValue]) ?? []);
  return visit(document, {
    Argument(node) {
      if (node.name.value !== 'first' && node.name.value !== 'last') return undefined;
      if (node.value.kind === Kind.INT) return { ...node, value: { ...node.value, value: clamp(node.value.value) } };
      if (node.value.kind !== Kind.VARIABLE) return undefined;
      const name = node.value.name.value;
      const given = variables[name];
      const fallback = defaults.get(name);
      const size = Number.isInteger(given) ? String(given) : given === undefined && fallback?.kind === Kind.INT ? fallback.value : undefined;
      if (size === undefined) return undefined;
      return { ...node, value: { kind: Kind.INT, value: clamp(size) } };
    },
  });
}

/** The page-size variables of an operation: the only variables its cost depends on. */
function pageSizeVariables(operation: OperationDefinitionNode): string[] {
  const names = new Set<string>();
  visit(operation, {
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

/** What is kept per operation: its page-size variables, and its verdict per page sizes. */
interface OperationVerdicts {
  readonly sizeVariables: readonly string[];
  /** Page sizes → the cost rule's message, or null when within the limit. */
  readonly verdicts: Map<string, string | null>;
}

/** Different page sizes an operation may have verdicts kept for (a client paging by many sizes). */
const MAX_VERDICTS_PER_OPERATION = 64;

/**
 * Refuses an operation whose cost, with its page sizes, exceeds the rule's limit (COST_LIMIT, 400).
 * Rewriting and validating the document on every request was ~9% of the server's CPU under the
 * public-profile load; the verdict depends only on the operation (Apollo hands the same parsed
 * document, hence the same operation node, for the same query text) and its page sizes, so it
 * is kept per both.
 */
export function pageAwareCost(costRule: ValidationRule): ApolloServerPlugin<any> {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, OperationVerdicts>>();
  const verdictOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): string | null => {
    let operations = bySchema.get(schema);
    if (!operations) bySchema.set(schema, (operations = new WeakMap()));
    let kept = operations.get(operation);
    if (!kept) operations.set(operation, (kept = { sizeVariables: pageSizeVariables(operation), verdicts: new Map() }));
    const key = JSON.stringify(kept.sizeVariables.map((n) => variables[n] ?? null));
    const known = kept.verdicts.get(key);
    if (known !== undefined) return known;
    const [error] = validate(schema, withPageSizes(document, operation, variables), [costRule]);
    const verdict = error ? error.message : null;
    if (kept.verdicts.size >= MAX_VERDICTS_PER_OPERATION) kept.verdicts.delete(kept.verdicts.keys().next().value!);
    kept.verdicts.set(key, verdict);
    return verdict;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const refused = verdictOf(schema, document, operation, request.variables ?? {});
          if (refused !== null) throw new GraphQLError(refused, { extensions: { code: ERROR_CODES.COST_LIMIT, http: { status: 400 } } });
        },
      };
    },
  };
}

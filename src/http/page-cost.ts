/**
 * graphql-armor's cost rule, run once the operation is resolved so that it sees page sizes
 * given as variables (`first: $n`, a validation rule cannot see variables). Sizes are
 * counted at most MAX_PAGE: a larger one is refused by the connection itself, with a
 * message naming the argument. Wired by operation-limits.ts.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, validate, visit, type DocumentNode, type OperationDefinitionNode, type ValidationRule } from 'graphql';
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

/** Refuses an operation whose cost, with its page sizes, exceeds the rule's limit (COST_LIMIT, 400). */
export function pageAwareCost(costRule: ValidationRule): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const [error] = validate(schema, withPageSizes(document, operation, request.variables ?? {}), [costRule]);
          if (error) throw new GraphQLError(error.message, { extensions: { code: ERROR_CODES.COST_LIMIT, http: { status: 400 } } });
        },
      };
    },
  };
}

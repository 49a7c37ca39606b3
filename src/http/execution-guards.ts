/**
 * Per-request guards that need the request context, so cannot be validation rules: the
 * execution deadline, the introspection gate and the purpose gate.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK, GraphQLError, Kind, visit,
  type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { statementCounter } from '../db/database';
import { AppError, ERROR_CODES } from '../errors';
import { missingPurpose } from '../policy/purpose';
import type { RequestContext } from '../graphql/context';
import type { IntrospectionMode } from '../config';

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Refuses `__schema` / `__type` to callers the mode excludes; `__typename` is always allowed. */
export function introspectionGate(mode: IntrospectionMode): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          const allowed = mode === 'all' || (mode === 'authenticated' && contextValue.principal.role !== 'PUBLIC');
          if (allowed || !introspects(document)) return;
          throw new GraphQLError(
            mode === 'off'
              ? 'introspection is disabled on this server; the schema is published in schema/schema.graphql'
              : 'introspection needs a bearer token on this server; the schema is published in schema/schema.graphql',
            { extensions: { code: ERROR_CODES.INTROSPECTION_DISABLED, http: { status: 403 } } },
          );
        },
      };
    },
  };
}

/** The root fields that answer from the schema alone: no resolver of ours, no database, no subject. */
const SCHEMA_FIELDS: ReadonlySet<string> = new Set(['__typename', '__schema', '__type']);

/**
 * True when every field the operation selects at its root — through inline fragments and
 * fragment spreads — is `__typename`, `__schema` or `__type`. Such an operation reads only the
 * schema, whatever its directives. Runs on a validated document (no unknown or cyclic fragments).
 */
export function readsOnlySchema(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const only = (set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.FIELD) return SCHEMA_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return only(s.selectionSet);
      const fragment = fragments.get(s.name.value);
      return fragment !== undefined && only(fragment.selectionSet);
    });
  return only(operation.selectionSet);
}

/**
 * Refuses, once the operation is known, a request admitted without the purpose its role must
 * declare (src/http/graphql-handler.ts defers that refusal) — unless the operation reads only
 * the schema: `{ __typename }` (a client's health probe), and introspection as far as
 * `introspectionGate` allows it (schema tools and code generators run with a partner token).
 * Such an operation reads nothing about any subject, so it needs no purpose and leaves no
 * access-log line. Who must declare a purpose stays the policy's decision (missingPurpose).
 */
export function purposeGate(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (contextValue.purpose !== undefined) return;
          const refusal = missingPurpose(contextValue.principal, contextValue.services.catalog);
          if (!refusal || (operation && readsOnlySchema(operation, document))) return;
          // The same status as the refusal at admission (src/http/graphql-handler.ts).
          throw new AppError(refusal.code, refusal.message, { http: { status: 400 } });
        },
      };
    },
  };
}

/**
 * Cuts an operation off once it has run `limitMs`: from then on no statement of the request
 * reaches the database (src/db/database.ts refuses it; the fields waiting on it fail), and
 * the response becomes a single TIMEOUT error instead of a partial answer. The check sits
 * where the cost is, at each SQL statement, not on every field: a per-field hook would make
 * Apollo instrument every resolver of every request. A statement already running is not
 * interrupted (that needs statement_timeout in the database); the access-log write after
 * execution is not subject to the deadline.
 */
export function executionDeadline(limitMs: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const unit = statementCounter.getStore();
      return {
        async executionDidStart() {
          if (unit) unit.deadline = Date.now() + limitMs;
          return {
            async executionDidEnd() {
              if (unit) unit.deadline = undefined;
            },
          };
        },
        async willSendResponse({ response }) {
          if (!unit?.timedOut) return;
          response.http.status = 503;
          response.body = {
            kind: 'single',
            singleResult: {
              errors: [{
                message: `the operation ran longer than ${limitMs} ms and was stopped; ask for less (fewer subjects, smaller pages) or split the request`,
                extensions: { code: ERROR_CODES.TIMEOUT },
              }],
            },
          };
        },
      };
    },
  };
}

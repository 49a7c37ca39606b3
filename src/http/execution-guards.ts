/**
 * Per-request guards that need the request context, so cannot be validation rules: the
 * execution deadline and the introspection gate.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import { statementCounter } from '../db/database';
import { ERROR_CODES } from '../errors';
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

/**
 * Which requests may read the replica (src/db/read-routing.ts): queries by the public.
 *
 * Not mutations: they read what they are about to change. Not a token holder's queries: a
 * partner's or department's read checks consents that may have been revoked a moment ago
 * and appends to the access log; a subject reads what it has just filed; an auditor reads
 * the access log as written. Those go to the primary. The public sees only published data,
 * for which staleness within DATABASE_READ_MAX_LAG_MS is the documented bargain.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { markReadRoutable } from '../db/read-routing';
import type { RequestContext } from '../graphql/context';

export function readRoutingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        // After parsing and validation, before any resolver: the operation type is known.
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query' && contextValue.principal.role === 'PUBLIC') markReadRoutable();
        },
      };
    },
  };
}

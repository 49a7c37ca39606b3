/**
 * Tells the request's observation what only Apollo knows: the operation's name and type
 * once resolved, and the error codes (with denial reasons) of the response it sends.
 * Errors are read after formatting, so an operation limit counts under its own code
 * (DEPTH_LIMIT…), not as GRAPHQL_VALIDATION_FAILED.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../graphql/context';
import { OperationLabels } from './operation-label';
import { noteErrorCode, observationOf } from './request-observation';

export function graphqlMetricsPlugin(labels: OperationLabels): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const observation = observationOf(contextValue.policy);
      if (!observation) return {};
      return {
        async didResolveOperation({ operationName, operation }) {
          observation.operation = labels.label(operationName);
          observation.operationType = operation?.operation ?? 'none';
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            if (typeof code === 'string') noteErrorCode(observation, code, error.extensions?.reason);
          }
        },
      };
    },
  };
}

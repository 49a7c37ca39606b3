/**
 * Writes the request's access log before the response leaves, in one statement. If the
 * write fails the response is replaced by an error: data whose access could not be recorded
 * is not released (fail closed).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Db } from '../db/database';
import { ERROR_CODES } from '../errors';
import type { RequestContext } from '../graphql/context';
import type { Logger } from '../logger';
import { appendAccessLog } from './access-writer';

export function auditPlugin(db: () => Db, logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation, operationName }) {
          const buffer = contextValue.accessBuffer;
          if (!buffer || buffer.size === 0) return;
          const kind = operation?.operation ?? 'query';
          const entries = buffer.entries(`${kind} ${operationName ?? '(anonymous)'}`);
          try {
            await appendAccessLog(db(), entries);
          } catch (err) {
            logger.error({ requestId: contextValue.requestId, err }, 'access log write failed; response withheld');
            response.http.status = 500;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: 'the access to this data could not be recorded, so it is not released; try again',
                    extensions: { code: ERROR_CODES.AUDIT_WRITE_FAILED },
                  },
                ],
              },
            };
          }
        },
      };
    },
  };
}

/**
 * Writes the request's access log before the response leaves (grouped with concurrent
 * requests' entries by AccessLogWriter). If the write fails the response is replaced by an
 * error: data whose access could not be recorded is not released (fail closed).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ERROR_CODES } from '../errors';
import type { RequestContext } from '../graphql/context';
import type { Logger } from '../logger';
import type { ServerMetrics } from '../observability/metrics';
import { noteErrorCode, observationOf } from '../observability/request-observation';
import type { AccessLogWriter } from './access-writer';

/**
 * `metrics`: the write's latency and size are measured (src/observability/metrics.ts). A
 * graceful shutdown waits for in-flight requests, and so for these writes, before it closes
 * the database (src/main.ts): nothing a request buffered is dropped.
 */
export function auditPlugin(writer: Pick<AccessLogWriter, 'append'>, logger: Logger, metrics?: ServerMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation, operationName }) {
          const buffer = contextValue.accessBuffer;
          if (!buffer || buffer.size === 0) return;
          const kind = operation?.operation ?? 'query';
          const entries = buffer.entries(`${kind} ${operationName ?? '(anonymous)'}`);
          try {
            if (metrics) await metrics.timeAccessLogWrite(entries.length, () => writer.append(entries));
            else await writer.append(entries);
          } catch (err) {
            const observation = observationOf(contextValue.policy);
            if (observation) noteErrorCode(observation, ERROR_CODES.AUDIT_WRITE_FAILED);
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

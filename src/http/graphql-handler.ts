/**
 * Bridges Node's http request to Apollo Server's executeHTTPGraphQLRequest. The context is
 * built here, once per request: request id, principal, declared purpose, clock.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { createRequestContext, type RequestContext } from '../graphql/context';
import type { Services } from '../services';
import { AppError } from '../errors';
import { authenticate } from './authenticate';
import { parseJsonBody, readBody } from './body';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  bodyLimitBytes: number;
  /** Injected clock, so time rules can be tested; defaults to the wall clock. */
  now?: () => Date;
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export function graphqlHandler(opts: GraphQLHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', requestId);
    let principal;
    try {
      principal = await authenticate(req, opts.services);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      res.statusCode = 401;
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ errors: [{ message: err.message, extensions: { code: err.code } }] }));
      return;
    }
    const body = req.method === 'POST' ? parseJsonBody(await readBody(req, opts.bodyLimitBytes)) : undefined;
    const purposeHeader = req.headers['x-purpose'];
    const response = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMap(req), search: url.search, body },
      context: async () =>
        createRequestContext({
          requestId,
          principal,
          purpose: typeof purposeHeader === 'string' && purposeHeader.trim() ? purposeHeader.trim() : undefined,
          now: opts.now?.() ?? new Date(),
          services: opts.services,
        }),
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * Bridges Node's http request to Apollo Server's executeHTTPGraphQLRequest. The context is
 * built here, once per request: request id, principal, declared purpose, clock.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { statementCounter } from '../db/database';
import { createRequestContext, type RequestContext } from '../graphql/context';
import type { Services } from '../services';
import { AppError } from '../errors';
import { authenticate } from './authenticate';
import { resolvePurpose } from '../policy/purpose';
import { parseJsonBody, readBody } from './body';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  bodyLimitBytes: number;
  /** Injected clock, so time rules can be tested; defaults to the wall clock. */
  now?: () => Date;
  /** Development and tests only: report the request's SQL statement count in a header. */
  exposeStatementCount: boolean;
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.trim() ? v.trim() : undefined;
}

/** Request-level refusals (authentication, purpose) answered before any execution. */
function refuse(res: ServerResponse, err: AppError): void {
  res.statusCode = err.code === 'UNAUTHENTICATED' ? 401 : err.code === 'PURPOSE_NOT_PERMITTED' ? 403 : 400;
  if (err.code === 'UNAUTHENTICATED') res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message: err.message, extensions: { code: err.code } }] }));
}

export function graphqlHandler(opts: GraphQLHandlerOptions) {
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, unit: { count: number }): Promise<void> => {
    // A caller's request id is kept only if it is plainly an id: it lands in logs and the access log.
    const offered = headerValue(req.headers['x-request-id']);
    const requestId = offered && /^[\w.:-]{1,64}$/.test(offered) ? offered : randomUUID();
    res.setHeader('x-request-id', requestId);
    let principal;
    let purpose;
    try {
      principal = await authenticate(req, opts.services);
      purpose = resolvePurpose(principal, headerValue(req.headers['x-purpose']), opts.services.catalog);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return refuse(res, err);
    }
    const body = req.method === 'POST' ? parseJsonBody(await readBody(req, opts.bodyLimitBytes)) : undefined;
    const response = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMap(req), search: url.search, body },
      context: async () =>
        createRequestContext({
          requestId,
          principal,
          purpose,
          now: opts.now?.() ?? new Date(),
          services: opts.services,
        }),
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // How many SQL statements the request issued: read by the N+1 test and the benchmarks.
    if (opts.exposeStatementCount) res.setHeader('x-sql-statements', String(unit.count));
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const unit = { count: 0 };
    return statementCounter.run(unit, () => handle(req, res, url, unit));
  };
}

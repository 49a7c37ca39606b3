/**
 * The HTTP surface: /graphql (POST and GET; a browser gets GraphiQL), /healthz, /readyz,
 * and the page routes other modules contribute (portal, reports, metrics).
 * Plain node:http — Apollo Server 5 needs no framework, and every byte is accounted for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_CODES } from '../errors';
import { BodyError } from './body';
import { APPLICATION_JSON, responseMediaType, type ResponseMediaType } from './response-media';
import { encodeFor } from './compression';
import { graphiqlPage, type ExampleTab } from './graphiql-page';

/**
 * A route outside /graphql, owned by the module that serves it. Tried in order after the
 * built-in routes; the first whose `matches` is true handles the request.
 */
export interface PageRoute {
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

export interface AppRoutes {
  graphql: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  ready: () => Promise<{ ok: boolean; detail: Record<string, unknown> }>;
  examples: ExampleTab[];
  /** GRAPHIQL: serve the GraphiQL page to browsers; off by default in production. */
  graphiql?: boolean;
  pages?: readonly PageRoute[];
  /** The HTML page for an address nothing serves, for a browser (the portal's 404); others get JSON. */
  notFoundPage?: PageRoute['handle'];
  onError: (err: unknown, req: IncomingMessage) => void;
}

function sendJson(res: ServerResponse, status: number, body: unknown, media: ResponseMediaType = APPLICATION_JSON): void {
  res.statusCode = status;
  res.setHeader('content-type', media);
  res.end(JSON.stringify(body));
}

/** A browser navigating to /graphql (no query in the URL) gets the GraphiQL page. */
function wantsGraphiql(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

export function createRequestListener(routes: AppRoutes) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/graphql') {
        if (routes.graphiql !== false && wantsGraphiql(req, url)) {
          const type = 'text/html; charset=utf-8';
          res.setHeader('content-type', type);
          // 9 MB of inlined scripts: 1.9 MB as brotli, compressed once (compression.ts).
          const { body } = await encodeFor(req, res, graphiqlPage(routes.examples), type, 'static');
          res.setHeader('content-length', body.length);
          res.end(req.method === 'HEAD' ? undefined : body);
          return;
        }
        await routes.graphql(req, res, url);
        return;
      }
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        const r = await routes.ready();
        return sendJson(res, r.ok ? 200 : 503, { status: r.ok ? 'ready' : 'not ready', ...r.detail });
      }
      const page = routes.pages?.find((p) => p.matches(url.pathname));
      if (page) return await page.handle(req, res, url);
      if (routes.notFoundPage && (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html')) {
        return await routes.notFoundPage(req, res, url);
      }
      sendJson(res, 404, { error: `no route for ${url.pathname}; the API is at /graphql` });
    } catch (err) {
      // A GraphQL response in the media type the client asked for (src/http/response-media.ts).
      const media = responseMediaType(req.headers.accept);
      if (err instanceof BodyError) return sendJson(res, err.status, { errors: [{ message: err.message, extensions: { code: err.code } }] }, media);
      routes.onError(err, req);
      const internal = { message: 'internal error; the server log has the details under this request id', extensions: { code: ERROR_CODES.INTERNAL_SERVER_ERROR } };
      if (!res.headersSent) sendJson(res, 500, { errors: [internal] }, media);
      else res.end();
    }
  };
}

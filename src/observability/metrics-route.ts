/**
 * GET /metrics in Prometheus text format. Who may scrape it (METRICS_TOKEN):
 * - token set: only `Authorization: Bearer <token>` (401 otherwise), in every environment;
 * - no token, outside production: anyone (a developer's machine);
 * - no token, in production: nobody — the route does not exist (404), so a deployment never
 *   publishes its traffic figures by forgetting a variable.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageRoute } from '../http/app';
import type { ServerMetrics } from './metrics';

export interface MetricsAccess {
  token: string | undefined;
  production: boolean;
}

// Digests first, so the comparison takes the same time whatever the lengths.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}

export function metricsRoute(metrics: ServerMetrics, access: MetricsAccess): PageRoute {
  const enabled = access.token !== undefined || !access.production;
  return {
    matches: (pathname) => enabled && pathname === '/metrics',
    async handle(req, res) {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return send(res, 405, 'text/plain; charset=utf-8', 'GET /metrics\n');
      }
      if (access.token !== undefined && !bearerMatches(req, access.token)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        return send(res, 401, 'text/plain; charset=utf-8', 'send Authorization: Bearer <METRICS_TOKEN>\n');
      }
      send(res, 200, metrics.contentType, await metrics.registry.metrics());
    },
  };
}

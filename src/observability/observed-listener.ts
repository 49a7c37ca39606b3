/**
 * Wraps the request listener: every request gets an id (a sane incoming `x-request-id`, or a
 * fresh UUID) echoed in the `x-request-id` response header, one access line when it
 * finishes, and its metrics. It also counts requests in flight, which is what a graceful
 * shutdown waits for.
 *
 * The access line carries method, path, operation, status, milliseconds and role — never
 * the query string (a GET query can carry ID numbers), tokens, names or variables.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { ABORTED, type ServerMetrics } from './metrics';
// ID numbers and phones anywhere in a path (a page route's parameter), percent-encoded or not, are not logged.
import { loggedPath } from './redact';
import { startObservation } from './request-observation';

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

// Probes and scrapes arrive every few seconds; a successful one is logged at debug only.
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export interface ObservedListener {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** Requests whose handler has not returned yet (a handler may outlive a client that went away). */
  readonly inFlight: number;
  /** Resolves once no handler is running: every access-log write they started has ended. */
  idle(): Promise<void>;
  /** From now on every response asks the client to close its connection (graceful shutdown). */
  drain(): void;
}

export function observedListener(inner: Listener, logger: Logger, metrics: ServerMetrics): ObservedListener {
  let running = 0;
  let draining = false;
  // Responses not yet finished: told to close their connection when draining begins.
  const open = new Set<ServerResponse>();
  let waiters: Array<() => void> = [];
  const handlerSettled = () => {
    running -= 1;
    if (running > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const observation = startObservation(req, logger);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    metrics.requestStarted();
    res.setHeader('x-request-id', observation.requestId);
    // Keep-alive connections would otherwise hold a draining server open until they time out.
    if (draining) res.setHeader('connection', 'close');
    open.add(res);
    let logged = false;
    const finish = (completed: boolean) => {
      if (logged) return;
      logged = true;
      open.delete(res);
      const status = completed ? res.statusCode : ABORTED;
      metrics.requestFinished(pathname, method, status, observation);
      const line = {
        method,
        path: loggedPath(pathname),
        ...(observation.graphql ? { operation: observation.operation, role: observation.role ?? 'none' } : {}),
        status,
        ms: Math.round(Number(process.hrtime.bigint() - observation.started) / 1e5) / 10,
        ...(completed ? {} : { aborted: true }),
      };
      const quiet = QUIET_ROUTES.has(pathname) && status < 400;
      observation.log[quiet ? 'debug' : 'info'](line, 'request');
    };
    // 'finish': the whole response was handed to the socket. 'close' before it: the client went away.
    res.once('finish', () => finish(true));
    res.once('close', () => finish(res.writableFinished));
    running += 1;
    inner(req, res)
      .catch((err: unknown) => observation.log.error({ err }, 'request handler failed'))
      .finally(handlerSettled);
  };
  return {
    listener,
    get inFlight() {
      return running;
    },
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    drain: () => {
      draining = true;
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    },
  };
}

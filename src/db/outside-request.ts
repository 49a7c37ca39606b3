/**
 * Work a request sets off that is not the request's own: a checkpoint of the access log once
 * enough rows were appended, a heartbeat of the public cache's change watch. Node carries a
 * request's AsyncLocalStorage scopes into everything started from it, so without this such work
 * would count as the request's statements (x-sql-statements, the N+1 guard), be refused once the
 * request's execution deadline has passed, run on the requests' pool under their
 * statement_timeout, and follow the request's choice of primary or replica. Here it runs as
 * start-up work does: uncounted, unbounded by any request, on the primary.
 */
import { statementCounter } from './database';
import { outsideReadScope } from './read-routing';

export function outsideRequest<T>(fn: () => Promise<T>): Promise<T> {
  // `fn` must await its statements itself: drizzle sends a query when it is awaited, in the
  // scope of whoever awaits it.
  return statementCounter.exit(() => outsideReadScope(fn));
}

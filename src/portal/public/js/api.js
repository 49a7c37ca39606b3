/**
 * The portal's only data source: the public GraphQL API of the same server, POSTed as JSON
 * without credentials (the server's CSRF prevention accepts application/json). A field the
 * catalog does not publish comes back null with a FORBIDDEN error on that field: the portal
 * shows it as not disclosed instead of failing the page.
 */
import { PortalError, messageFor } from './errors.js';

const ENDPOINT = '/graphql';

/** Sends one operation; resolves to `data`, rejects with a PortalError carrying a Chinese message. */
export async function graphql(query, variables, { signal, context } = {}) {
  let res;
  try {
    res = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      signal,
    });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new PortalError('NETWORK', messageFor('NETWORK'));
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new PortalError('HTTP', messageFor('HTTP', { status: res.status }));
  }
  const errors = (body?.errors ?? []).filter((e) => !isUndisclosedField(e));
  if (errors.length > 0) {
    const first = errors[0];
    const code = first.extensions?.code ?? 'UNKNOWN';
    const retryAfter = Number(res.headers.get('retry-after')) || first.extensions?.retryAfterSeconds;
    throw new PortalError(code, messageFor(code, { ...context, reason: first.extensions?.reason, status: res.status, retryAfter }));
  }
  if (!res.ok || !body?.data) throw new PortalError('HTTP', messageFor('HTTP', { status: res.status }));
  return body.data;
}

/** A field below the root the viewer may not see: published data only, so it is simply left out. */
function isUndisclosedField(error) {
  return error?.extensions?.code === 'FORBIDDEN' && Array.isArray(error.path) && error.path.length > 1;
}

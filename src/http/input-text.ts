/**
 * PostgreSQL text cannot hold U+0000: a NUL in any string input would fail inside SQL and
 * reach the client as an internal error. Such a request is refused up front, naming the
 * reason. Every other character (controls, bidi marks, lone surrogates) is plain data to
 * the parameterised queries and is answered normally.
 */
import { AppError, ERROR_CODES } from '../errors';

const NUL_IN_QUERY = /\u0000|\\u0000|\\u\{0+\}/;

/** True when any string (or key) inside a parsed JSON value contains U+0000; iterative, so deep nesting cannot overflow the stack. */
function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item); // not push(...v): a huge array would overflow the argument list
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

function variablesOf(body: unknown, url: URL): unknown {
  if (body === undefined) {
    try {
      return JSON.parse(url.searchParams.get('variables') ?? 'null');
    } catch {
      return null; // Apollo answers malformed GET variables itself
    }
  }
  return body;
}

/** A BAD_USER_INPUT refusal when the query document or the variables carry U+0000. */
export function checkInputText(body: unknown, url: URL): AppError | undefined {
  const query = body === undefined ? url.searchParams.get('query') : (body as { query?: unknown } | null)?.query;
  if ((typeof query === 'string' && NUL_IN_QUERY.test(query)) || containsNul(variablesOf(body, url))) {
    return new AppError(ERROR_CODES.BAD_USER_INPUT, 'text inputs may not contain the NUL character (U+0000); remove it and resend');
  }
  return undefined;
}

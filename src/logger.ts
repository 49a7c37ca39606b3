/**
 * Structured JSON logs (pino). Tokens, ID numbers and names never reach a log line: the
 * redaction list names every place they could appear (variables, where names are), and every
 * finished line is scanned for ID numbers, phone numbers and tokens in any field
 * (src/observability/redact.ts), percent-encoded or not.
 */
import pino, { type Logger } from 'pino';
import { redactText } from './observability/redact';

export type { Logger };

/** `destination` defaults to stdout; tests pass a stream to read what would be logged. */
/**
 * drizzle's query errors repeat the bound parameters — search keywords (names), ID-number
 * HMACs — in their message, stack and `params`. The query text stays (it says what failed);
 * the values do not.
 */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  for (let e = err as { params?: unknown; cause?: unknown } | undefined; e && typeof e === 'object'; e = e.cause as typeof e) {
    if (!Array.isArray(e.params) || e.params.length === 0) continue;
    const shown = `params: ${e.params.join(',')}`;
    for (const key of ['message', 'stack'] as const) {
      if (typeof out[key] === 'string') out[key] = (out[key] as string).split(shown).join('params: [redacted]');
    }
  }
  if ('params' in out) out.params = '[redacted]';
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'public-credit-api' },
    serializers: { err: serializeError },
    // The whole serialised line, whatever a log call was handed: the last line of defence.
    hooks: { streamWrite: redactText },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'token',
        '*.token',
        'idNumber',
        '*.idNumber',
        'variables.*',
      ],
      censor: '[redacted]',
    },
  }, destination);
}

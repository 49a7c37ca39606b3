/**
 * Structured JSON logs (pino). Tokens, ID numbers and names never reach a log line: the
 * redaction list names every place they could appear.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'public-credit-api' },
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
  });
}

import { Writable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { createLogger } from '../logger';
import { startObservation } from './request-observation';

describe('server request ids', () => {
  // About one random UUID in 150 reads as an ID or phone number to the log redaction
  // (src/observability/redact.ts); in 3,000 requests one would lose its id with near certainty.
  it('reach every log line of their request whole, through the redaction', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logger = createLogger('info', sink);
    for (let i = 0; i < 3000; i++) {
      const observation = startObservation({ headers: {} } as IncomingMessage, logger);
      expect(observation.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      observation.log.info('request');
      expect(JSON.parse(lines[lines.length - 1]!).requestId).toBe(observation.requestId);
    }
  });
});

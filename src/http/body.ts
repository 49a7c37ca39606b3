/** Reads a request body with a hard size limit, so a huge upload cannot exhaust memory. */
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(readonly status: number, message: string, readonly code: 'BODY_LIMIT' | 'BAD_REQUEST' = 'BAD_REQUEST') {
    super(message);
  }
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return (await readBodyBytes(req, limitBytes)).toString('utf8');
}

/** The body's bytes, refused (413) as soon as they pass the limit: a file upload (src/http/attachment-route.ts). */
export async function readBodyBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw new BodyError(413, `request body exceeds ${limitBytes} bytes`, 'BODY_LIMIT');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyError(413, `request body exceeds ${limitBytes} bytes`, 'BODY_LIMIT');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; a syntax error becomes a 400 that says so. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BodyError(400, `request body is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Response compression (node:zlib), negotiated by Accept-Encoding: brotli preferred, then gzip,
 * else the bytes as they are. Every compressible response says `Vary: Accept-Encoding`, so a
 * shared cache never hands a gzip body to a client that did not ask for one.
 *
 * Static bodies (portal files, the fonts, GraphiQL) are compressed once per encoding, on the
 * first request that wants it, on the zlib thread pool (never on the event loop), and the result
 * is kept for as long as the body is: a start-up that compressed the 8 MB font and the 9 MB
 * GraphiQL page in advance would spend ~15 s of CPU that most instances never need.
 * Pages built per request (reports, error pages, server-rendered search) use a fast setting.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Bodies smaller than this are sent as they are: compression would save less than a packet. */
const MIN_BYTES = 1024;
/** Above this size brotli's best setting costs seconds (GraphiQL: 32 s at 11, 0.7 s at 5 for 7 % more bytes). */
const LARGE_BYTES = 1 << 20;

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|graphql-response\+json)|image\/svg\+xml|font\/)/;

export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

/**
 * The encoding to answer with: the client's preference by q-value among br and gzip (br on a
 * tie), none when it lists neither or refuses both with q=0. `*` counts for both.
 */
export function negotiateEncoding(header: string | string[] | undefined): Encoding | undefined {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return undefined;
  const q = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: Encoding) => q.get(e) ?? (e === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? 'br' : 'gzip';
}

function compress(body: Buffer, encoding: Encoding, fast: boolean): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: fast ? 6 : 9 });
  const quality = fast ? 4 : body.length > LARGE_BYTES ? 5 : constants.BROTLI_MAX_QUALITY;
  return brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
}

/** Compressed variants of static bodies, by body and encoding (undefined: compression would not help). */
const variants = new WeakMap<Buffer, Map<Encoding, Promise<Buffer | undefined>>>();

export function staticVariant(body: Buffer, encoding: Encoding): Promise<Buffer | undefined> {
  let byEncoding = variants.get(body);
  if (!byEncoding) variants.set(body, (byEncoding = new Map()));
  let variant = byEncoding.get(encoding);
  if (!variant) {
    variant = compress(body, encoding, false).then((c) => (c.length < body.length ? c : undefined));
    byEncoding.set(encoding, variant);
  }
  return variant;
}

export interface EncodedBody {
  body: Buffer;
  /** The Content-Encoding sent, if any. */
  encoding?: Encoding;
}

/**
 * The body to send for this request, compressed when the content type allows, the client
 * accepts it and it helps; sets Vary and Content-Encoding. `static` bodies are compressed once.
 */
export async function encodeFor(req: IncomingMessage, res: ServerResponse, body: Buffer, contentType: string, kind: 'static' | 'dynamic'): Promise<EncodedBody> {
  if (!isCompressible(contentType)) return { body };
  res.setHeader('vary', appendVary(res.getHeader('vary'), 'Accept-Encoding'));
  const encoding = body.length >= MIN_BYTES ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
  if (!encoding) return { body };
  const compressed = kind === 'static' ? await staticVariant(body, encoding) : await compress(body, encoding, true);
  if (!compressed || compressed.length >= body.length) return { body };
  res.setHeader('content-encoding', encoding);
  return { body: compressed, encoding };
}

function appendVary(current: ReturnType<ServerResponse['getHeader']>, field: string): string {
  const existing = current === undefined ? '' : String(current);
  if (existing.split(',').some((f) => f.trim().toLowerCase() === field.toLowerCase())) return existing;
  return existing ? `${existing}, ${field}` : field;
}

/**
 * Sends a page built for this request (HTML, compressed when accepted), with its status and
 * content type; HEAD gets the headers only.
 */
export async function sendDynamic(req: IncomingMessage, res: ServerResponse, status: number, contentType: string, text: string): Promise<void> {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  const { body } = await encodeFor(req, res, Buffer.from(text), contentType, 'dynamic');
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

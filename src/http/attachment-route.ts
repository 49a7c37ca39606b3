/**
 * Files of objections and repair applications over plain HTTP, for browsers:
 * - POST /attachments?objectionId=<id> (or repairApplicationId=<id>): the body is the file
 *   itself (up to 5 MB; its Content-Type is the declared type, X-File-Name its percent-encoded
 *   name). Runs the attachFile mutation for the caller, so the base64 form's body limit does
 *   not cap a file, and the rules are the API's own (attachment.rules.ts).
 * - GET /attachments/<id>: the file, from the attachment query (the policy decides, the
 *   access log records the read), served as a download that can never run as a page.
 * Both through the /graphql pipeline with the same credentials as /graphql: a bearer token,
 * or the session cookie with its CSRF token in X-CSRF-Token (a link alone is not enough).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import { ATTACHMENT_LIMITS } from '../modules/attachment/attachment.rules';
import type { PageRoute } from './app';
import { BodyError, readBodyBytes } from './body';
import type { ServerOperation, ServerOperationOutcome } from './graphql-handler';

export type RunServerOperation = (req: IncomingMessage, res: ServerResponse, op: ServerOperation) => Promise<ServerOperationOutcome>;

const PREFIX = '/attachments';

const ATTACH = `mutation AttachFileUpload($input: AttachFileInput!) {
  attachFile(input: $input) { id fileName contentType size sha256 uploadedAt downloadPath }
}`;
const DOWNLOAD = `query AttachmentDownload($id: ID!) {
  attachment(id: $id) { id fileName contentType contentBase64 }
}`;

const STATUS: Partial<Record<string, number>> = {
  BAD_USER_INPUT: 400, NOT_FOUND: 404, FORBIDDEN: 403, INVALID_TRANSITION: 409, UNAUTHENTICATED: 401, CSRF_TOKEN_INVALID: 403, ERASED: 410,
};

/** Nothing a browser could render or run, and nothing kept by a cache. */
const DOWNLOAD_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** The outcome as HTTP: a refusal or an error with its status, else the data. */
function answer(res: ServerResponse, outcome: ServerOperationOutcome): Record<string, unknown> | undefined {
  if (outcome.kind === 'refused') return void sendError(res, res.statusCode >= 400 ? res.statusCode : 400, outcome.error.code, outcome.error.message);
  const error: GraphQLFormattedError | undefined = outcome.result.errors?.[0];
  if (error) {
    const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    return void sendJson(res, STATUS[code] ?? (outcome.status >= 400 ? outcome.status : 500), { errors: outcome.result.errors });
  }
  return (outcome.result.data ?? undefined) as Record<string, unknown> | undefined;
}

/** RFC 6266 with an ASCII fallback and the real name in RFC 8187 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

async function upload(run: RunServerOperation, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const objectionId = url.searchParams.get('objectionId');
  const repairApplicationId = url.searchParams.get('repairApplicationId');
  let fileName: string;
  try {
    fileName = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
  } catch {
    return sendError(res, 400, 'BAD_USER_INPUT', 'X-File-Name: percent-encode the file name (encodeURIComponent)');
  }
  let content: Buffer;
  try {
    content = await readBodyBytes(req, ATTACHMENT_LIMITS.maxBytes);
  } catch (err) {
    if (err instanceof BodyError && err.code === 'BODY_LIMIT') {
      req.resume();
      res.setHeader('connection', 'close');
      return sendError(res, 413, 'BODY_LIMIT', `the file is larger than ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB; scan at a lower resolution or split it`);
    }
    throw err;
  }
  const input = { objectionId, repairApplicationId, fileName, declaredType: req.headers['content-type'] ?? null, contentBase64: content.toString('base64') };
  const outcome = await run(req, res, { query: ATTACH, operationName: 'AttachFileUpload', variables: { input }, session: 'token required' });
  const data = answer(res, outcome);
  if (data) sendJson(res, 201, { data });
}

async function download(run: RunServerOperation, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const outcome = await run(req, res, { query: DOWNLOAD, operationName: 'AttachmentDownload', variables: { id }, session: 'token required' });
  const data = answer(res, outcome);
  if (!data) return;
  const file = data.attachment as { fileName: string; contentType: string; contentBase64: string };
  const bytes = Buffer.from(file.contentBase64, 'base64');
  for (const [k, v] of Object.entries(DOWNLOAD_HEADERS)) res.setHeader(k, v);
  res.setHeader('content-type', file.contentType);
  res.setHeader('content-disposition', contentDisposition(file.fileName));
  res.setHeader('content-length', String(bytes.length));
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

export function attachmentRoute(run: RunServerOperation): PageRoute {
  return {
    matches: (pathname) => pathname === PREFIX || pathname.startsWith(`${PREFIX}/`),
    async handle(req, res, url) {
      if (url.pathname === PREFIX) {
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'POST the file to /attachments?objectionId=… or ?repairApplicationId=…');
        }
        return upload(run, req, res, url);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported; use GET`);
      }
      const id = url.pathname.slice(PREFIX.length + 1);
      if (!id || id.includes('/')) return sendError(res, 404, 'NOT_FOUND', 'give the attachment as /attachments/<Attachment.id>');
      return download(run, req, res, id);
    },
  };
}

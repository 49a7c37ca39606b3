/**
 * GET /report/<code> (printable HTML) and GET /report/<code>.pdf (PDF download). The data comes
 * from running REPORT_DOCUMENT for the caller through the /graphql pipeline (authentication,
 * X-Purpose, budgets, shield, masking, access log), so a page can never show more than the same
 * caller's GraphQL query would. This module only maps outcomes to HTTP and picks the renderer;
 * PDFs are rendered by a ReportPdfRenderer (report-pdf-pool.ts), normally on a worker thread.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import type { PageRoute } from '../http/app';
import type { RunServerOperation } from '../http/graphql-handler';
import type { Principal } from '../auth/principal';
import { ERROR_CODES } from '../errors';
import { sendDynamic } from '../http/compression';
import { ReportEdition } from '../modules/credit-report/credit-report.type';
import type { IssuedReport } from '../modules/credit-report/report-verification';
import { observationOf } from '../observability/request-observation';
import { renderErrorPage } from './report-error-page';
import { renderReportHtml } from './report-html';
import { buildReportView } from './report-model';
import { ServerBusyError, type ReportPdfRenderer } from './report-pdf-pool';
import type { ReportView } from './report-view';
import { REPORT_DOCUMENT, REPORT_OPERATION_NAME, type CreditReportData } from './report-query';

export type { RunServerOperation };

const PREFIX = '/report/';

/** HTTP status of an error on the `creditReport` field itself (field-level denials are printed, not fatal). */
const FIELD_ERROR_STATUS: Partial<Record<string, number>> = {
  INVALID_USCC: 400, INVALID_ID_NUMBER: 400, BAD_USER_INPUT: 400, PURPOSE_REQUIRED: 400,
  FORBIDDEN: 403, PURPOSE_NOT_PERMITTED: 403, CONSENT_REQUIRED: 403, OPERATION_NOT_ALLOWED: 403, NOT_FOUND: 404,
  TIMEOUT: 503, RATE_LIMIT_UNAVAILABLE: 503,
};

const SECURITY_HEADERS: Record<string, string> = {
  // Personal data may be in it: never cached by a proxy or kept by the browser's cache.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The pages are inert: their own inline styles and the server's own CJK font
 * (/portal/fonts/…, REPORT_FONT_FACE), nothing else may load or run.
 */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; base-uri 'none'; form-action 'none'";

async function sendErrorPage(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): Promise<void> {
  res.setHeader('content-security-policy', REPORT_CSP);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  const requestId = res.getHeader('x-request-id');
  // Sent as it is, never compressed: the page carries the request id, so its compressed length
  // would vary from one request to the next, and the answers for a person with records, one
  // without and a number nobody has must be the same to the byte (test/integration/person-lookup.test.ts).
  const body = Buffer.from(renderErrorPage({ status, code, message, requestId: typeof requestId === 'string' ? requestId : undefined }));
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** 503 with Retry-After: the PDF renderers are all busy and their queue is full. */
function sendBusyPage(req: IncomingMessage, res: ServerResponse, busy: ServerBusyError): Promise<void> {
  res.setHeader('retry-after', String(busy.retryAfterSeconds));
  return sendErrorPage(req, res, 503, ERROR_CODES.SERVER_BUSY, busy.message);
}

/** The view rendered as a PDF, or undefined once an error page has been sent instead. */
async function renderPdf(req: IncomingMessage, res: ServerResponse, pdf: ReportPdfRenderer, view: ReportView): Promise<Buffer | undefined> {
  try {
    return await pdf.render(view);
  } catch (err) {
    if (err instanceof ServerBusyError) return void (await sendBusyPage(req, res, err));
    observationOf(req)?.log.error({ err, reportNumber: view.reportNumber }, 'report PDF rendering failed');
    await sendErrorPage(req, res, 500, ERROR_CODES.INTERNAL_SERVER_ERROR, 'the PDF could not be rendered; the server log has the details under the request id');
    return undefined;
  }
}

/** `<code>` and whether the PDF was asked for; undefined when the path names no code. */
function parsePath(pathname: string): { code: string; pdf: boolean } | undefined {
  const rest = pathname.slice(PREFIX.length);
  const pdf = rest.endsWith('.pdf');
  let code: string;
  try {
    code = decodeURIComponent(pdf ? rest.slice(0, -4) : rest);
  } catch {
    return undefined;
  }
  return code && !code.includes('/') ? { code, pdf } : undefined;
}

/** The error that stops the report: one without a path (validation, limits) or on `creditReport` itself. */
function fatalError(errors: readonly GraphQLFormattedError[] | undefined): GraphQLFormattedError | undefined {
  return errors?.find((e) => !e.path || e.path.length === 1);
}

/** The file name offered for download: ASCII fallback plus the Chinese name in RFC 8187 form. */
function attachment(reportNumber: string): string {
  return `attachment; filename="${reportNumber}.pdf"; filename*=UTF-8''${encodeURIComponent(`公共信用信息报告-${reportNumber}.pdf`)}`;
}

/** Where issued reports are registered for verification, and the portal's address for their QR codes. */
export interface ReportIssuing {
  register(report: IssuedReport): Promise<void>;
  /** PUBLIC_BASE_URL: the portal as the public reaches it. */
  publicBaseUrl: string;
}

/** Who had the report issued, as a class (role, and agency): never the subject. */
function issuerOf(principal: Principal): string {
  return principal.agencyCode ? `${principal.role}:${principal.agencyCode}` : principal.role;
}

export function reportRoute(run: RunServerOperation, pdfRenderer: ReportPdfRenderer, issuing: ReportIssuing): PageRoute {
  return {
    matches: (pathname) => pathname.startsWith(PREFIX),
    async handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return sendErrorPage(req, res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported; use GET`);
      }
      const target = parsePath(url.pathname);
      if (!target) return sendErrorPage(req, res, 404, 'NOT_FOUND', 'give the code as /report/<code> or /report/<code>.pdf');
      // Refused before the query runs: under a burst, a refused download costs no database work.
      const busy = target.pdf ? pdfRenderer.refusal() : undefined;
      if (busy) return sendBusyPage(req, res, busy);
      const outcome = await run(req, res, { query: REPORT_DOCUMENT, operationName: REPORT_OPERATION_NAME, variables: { code: target.code } });
      if (outcome.kind === 'refused') return sendErrorPage(req, res, res.statusCode, outcome.error.code, outcome.error.message);
      const { result } = outcome;
      const fatal = fatalError(result.errors);
      if (fatal) {
        const code = String(fatal.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
        const status = FIELD_ERROR_STATUS[code] ?? (outcome.status >= 400 ? outcome.status : 500);
        return sendErrorPage(req, res, status, code, fatal.message);
      }
      const data = (result.data as { creditReport?: CreditReportData | null } | undefined)?.creditReport;
      if (!data) return sendErrorPage(req, res, 404, 'NOT_FOUND', 'no subject with this code that you may see');
      const view = buildReportView(data, result.errors, issuing.publicBaseUrl);
      // Rendered before the report's headers are set: an error page carries none of them.
      const pdf = target.pdf ? await renderPdf(req, res, pdfRenderer, view) : undefined;
      if (target.pdf && !pdf) return;
      // Registered before it is sent: a report the register does not hold could never be verified.
      try {
        await issuing.register({
          reportNumber: data.reportNumber, digest: view.digest, issuedAt: new Date(data.generatedAt),
          edition: data.edition === 'FULL' ? ReportEdition.FULL : ReportEdition.PUBLIC, format: pdf ? 'PDF' : 'HTML', issuer: issuerOf(outcome.principal),
        });
      } catch (err) {
        observationOf(req)?.log.error({ err, reportNumber: view.reportNumber }, 'report could not be registered');
        return sendErrorPage(req, res, 500, ERROR_CODES.INTERNAL_SERVER_ERROR, 'the report could not be registered for verification; the server log has the details under the request id');
      }
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
      res.setHeader('x-report-number', view.reportNumber);
      res.setHeader('x-report-digest', `sha256=${view.digest}`);
      if (pdf) {
        res.setHeader('content-type', 'application/pdf');
        res.setHeader('content-disposition', attachment(view.reportNumber));
        res.setHeader('content-length', String(pdf.length));
        res.end(pdf);
        return;
      }
      res.setHeader('content-security-policy', REPORT_CSP);
      await sendDynamic(req, res, 200, 'text/html; charset=utf-8', renderReportHtml(view));
    },
  };
}

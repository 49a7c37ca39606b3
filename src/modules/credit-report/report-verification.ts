/**
 * 报告验证: every report the /report pages issue is registered (number, digest, time, edition,
 * form, class of caller — no content), and anyone holding a report's number and 校验码 can ask
 * whether they belong to a report this platform issued. The answer reveals nothing else: when
 * both match, "authentic, issued at T, edition E"; otherwise one uniform "not verified", the
 * same for an unknown number and for a wrong code, so the query cannot be used to learn
 * which numbers exist, let alone whose reports they are.
 *
 * The 校验码 is the first 16 hex digits (64 bits) of the content digest; the full 64-digit
 * digest is accepted too. A guesser holding a real number needs ~2⁶³ tries on average; the
 * request budgets (src/http/rate-limit.ts) and the one-verification-per-operation rule below
 * bound the tries to one per request.
 */
import { timingSafeEqual } from 'node:crypto';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import { ReportEdition } from './credit-report.type';
import { REPORT_NUMBER_PATTERN } from './report-number';
import type { IssuedReportRow, ReportRegisterRepo } from './report-register.repo';

/** Hex digits of the digest printed as the 校验码. */
export const CHECK_CODE_DIGITS = 16;

/** The 校验码 of a digest as printed: upper-case, in groups of four. */
export function checkCodeOf(digest: string): string {
  return digest.slice(0, CHECK_CODE_DIGITS).toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

export interface IssuedReport {
  reportNumber: string;
  digest: string;
  issuedAt: Date;
  edition: ReportEdition;
  format: 'HTML' | 'PDF';
  issuer: string;
}

export type VerificationAnswer = { verified: true; issuedAt: Date; edition: ReportEdition } | { verified: false };

/** Compared against when the number is unknown, so both refusals do the same work. */
const NO_DIGEST = '0'.repeat(64);

export class ReportVerificationService {
  /** Requests that already verified once (one try per operation: aliases do not multiply guesses). */
  private readonly tried = new WeakSet<object>();

  constructor(private readonly repo: ReportRegisterRepo) {}

  register(report: IssuedReport): Promise<void> {
    return this.repo.insert(report);
  }

  async verify(ctx: Caller, reportNumber: string, checkCode: string): Promise<VerificationAnswer> {
    if (this.tried.has(ctx)) {
      throw appError('BAD_USER_INPUT', 'verifyReport: one verification per operation (send another request for another report)');
    }
    this.tried.add(ctx);
    const number = reportNumber.trim().toUpperCase();
    if (!REPORT_NUMBER_PATTERN.test(number)) {
      throw appError('BAD_USER_INPUT', 'reportNumber: a report number looks like XYBG-20260101-ABCDEFGHJK (报告编号 on the report)');
    }
    const code = checkCode.replace(/[\s-]/g, '').toLowerCase();
    if (!/^[0-9a-f]+$/.test(code) || (code.length !== CHECK_CODE_DIGITS && code.length !== 64)) {
      throw appError('BAD_USER_INPUT', `checkCode: the 校验码 is ${CHECK_CODE_DIGITS} hexadecimal digits (spaces allowed), or the full 64-digit SHA-256 digest`);
    }
    const row = await this.repo.find(number);
    return matches(row?.digest ?? NO_DIGEST, code) && row
      ? { verified: true, issuedAt: row.issuedAt, edition: row.edition as ReportEdition }
      : { verified: false };
  }
}

function matches(digest: string, code: string): boolean {
  return timingSafeEqual(Buffer.from(digest.slice(0, code.length)), Buffer.from(code));
}

export type { IssuedReportRow };

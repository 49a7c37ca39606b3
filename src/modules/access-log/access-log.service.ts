/** AccessLogService: who accessed what — for the data subject (own) and for auditors (all). */
import { checkpointSignatureValid, type Checkpoint } from '../../audit/checkpoint';
import { rawPublicKeyHex, type AccessLogKeys } from '../../audit/log-keys';
import type { VerifyOptions, VerifyResult } from '../../audit/verify-chain';
import { appError } from '../../errors';
import { decodeOffset, pageAt, type PageArgs } from '../../graphql/connection';
import type { Caller } from '../caller';
import { validateUscc } from '../../identifiers';
import type { UnitOfWork } from '../unit-of-work';
import type { AccessLogFilter, AccessLogRow } from './access-log.repo';
import type { AccessLogCheckpoint, AccessLogEntry, AccessLogVerification } from './access-log.type';

export class AccessLogService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly keys: AccessLogKeys,
    /** The chain's verification over the whole table (src/audit/verify-chain.ts, on the server's database). */
    private readonly verifyChain: (options: VerifyOptions) => Promise<VerifyResult>,
  ) {}

  /** Accesses to the calling subject's own data (个人信息保护法 第四十五条: the right to know). */
  own(ctx: Caller, page: PageArgs) {
    if (ctx.principal.subjectId === undefined) throw appError('FORBIDDEN', 'only a subject has its own access log');
    return this.page({ subjectId: ctx.principal.subjectId }, page);
  }

  /** Auditor's view, filtered by subject code, request id or agency. */
  async search(filter: { subjectCode?: string | null; requestId?: string | null; agencyCode?: string | null }, page: PageArgs) {
    const f: AccessLogFilter = {};
    if (filter.subjectCode) {
      const check = validateUscc(filter.subjectCode);
      if (!check.ok) throw appError('INVALID_USCC', `subjectCode: ${check.message}`);
      const subject = await this.work.repos.subjects.findByUscc(check.code);
      if (!subject) return pageAt([], 0, 0);
      f.subjectId = subject.id;
    }
    if (filter.requestId) f.requestId = filter.requestId;
    if (filter.agencyCode) f.agencyCode = filter.agencyCode;
    return this.page(f, page);
  }

  async verify(): Promise<AccessLogVerification> {
    const r = await this.verifyChain({ macKeys: this.keys.mac, verifyingKey: this.keys.verifying });
    return { ok: r.ok, checked: r.checked, firstBrokenSeq: r.firstBroken ? String(r.firstBroken.seq) : null, problem: r.firstBroken?.problem ?? null };
  }

  private async page(filter: AccessLogFilter, page: PageArgs) {
    const offset = page.after ? decodeOffset(page.after) + 1 : 0;
    const [{ rows, total }, checkpoint] = await Promise.all([this.work.repos.accessLog.page(filter, page.first, offset), this.latestCheckpoint()]);
    const toEntry = (r: AccessLogRow): AccessLogEntry => ({
      ...r, seq: String(r.seq), checkpoint: checkpoint && r.seq <= Number(checkpoint.lastSeq) ? checkpoint : null,
    });
    return pageAt(rows.map(toEntry), offset, total);
  }

  /** The newest checkpoint this server's key signed: one written into the table by anyone else is passed over. */
  private async latestCheckpoint(): Promise<AccessLogCheckpoint | null> {
    const verifying = this.keys.verifying;
    if (!verifying) return null;
    for (const row of await this.work.repos.accessLog.latestCheckpoints(5)) {
      const c: Checkpoint = { ...row, at: row.at.toISOString() };
      if (checkpointSignatureValid(verifying, c)) {
        return { ...c, lastSeq: String(c.lastSeq), rowCount: String(c.rowCount), at: row.at, publicKey: rawPublicKeyHex(verifying) };
      }
    }
    return null;
  }
}

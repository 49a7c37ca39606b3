/** AccessLogService: who accessed what — for the data subject (own) and for auditors (all). */
import { checkpointSignatureValid, type Checkpoint } from '../../audit/checkpoint';
import { rawPublicKeyHex, type AccessLogKeys } from '../../audit/log-keys';
import type { VerifyOptions, VerifyResult } from '../../audit/verify-chain';
import { appError } from '../../errors';
import { emptyPage, keysetPage, seekAfter, type Page, type PageArgs } from '../../graphql/connection';
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
    return this.page(`myAccessLog:${ctx.principal.subjectId}`, { subjectId: ctx.principal.subjectId }, page);
  }

  /** Auditor's view, filtered by subject code, request id or agency. */
  async search(filter: { subjectCode?: string | null; requestId?: string | null; agencyCode?: string | null }, page: PageArgs) {
    const f: AccessLogFilter = {};
    if (filter.subjectCode) {
      const check = validateUscc(filter.subjectCode);
      if (!check.ok) throw appError('INVALID_USCC', `subjectCode: ${check.message}`);
      const subject = await this.work.repos.subjects.findByUscc(check.code);
      if (!subject) return emptyPage<AccessLogEntry>();
      f.subjectId = subject.id;
    }
    if (filter.requestId) f.requestId = filter.requestId;
    if (filter.agencyCode) f.agencyCode = filter.agencyCode;
    // The cursor is bound to the filter: a page of one search does not continue another.
    return this.page(`accessLog:${JSON.stringify([f.subjectId ?? null, f.requestId ?? null, f.agencyCode ?? null])}`, f, page);
  }

  async verify(): Promise<AccessLogVerification> {
    const r = await this.verifyChain({ macKeys: this.keys.mac, verifyingKey: this.keys.verifying });
    return { ok: r.ok, checked: r.checked, firstBrokenSeq: r.firstBroken ? String(r.firstBroken.seq) : null, problem: r.firstBroken?.problem ?? null };
  }

  private async page(list: string, filter: AccessLogFilter, page: PageArgs): Promise<Page<AccessLogEntry>> {
    const { types, keyOf } = this.work.repos.accessLog.keyset();
    const seek = seekAfter(list, types, page);
    const [{ rows, total, through }, checkpoint] = await Promise.all([this.work.repos.accessLog.page(filter, seek), this.latestCheckpoint()]);
    const toEntry = (r: AccessLogRow): AccessLogEntry => ({
      ...r, seq: String(r.seq), checkpoint: checkpoint && r.seq <= Number(checkpoint.lastSeq) ? checkpoint : null,
    });
    return keysetPage({ list, seek, rows, keyOf, nodes: rows.map(toEntry), totalCount: total, throughAfter: through });
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

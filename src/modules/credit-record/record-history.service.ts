/**
 * RecordHistoryService: a record's versions for its subject and auditors, and the purge that
 * erases personal data the law no longer lets the system hold (after a repair deleting the
 * record, 删除; past the item's retention period), keeping the minimum trace: the record, its
 * document, dates and status, and every version without the erased values.
 */
import type { UnitOfWork } from '../unit-of-work';
import { tryResolveRowId } from '../record-ids';
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import { DENIED_NO_DECISION } from '../../policy/decision';
import { procedureBasis } from '../../policy/procedure-access';
import { retentionStart } from '../../policy/record-gate';
import { legalDate } from '../../time/legal-date';
import type { Caller } from '../caller';
import { encodeRecordId, recordFacts } from './credit-record.view';
import type { VersionRow } from './record-history.repo';
import type { CreditRecordVersion, RecordFieldChange } from './record-history.type';

export interface PurgeReport {
  /** The legal date the purge judged retention on. */
  today: string;
  dryRun: boolean;
  repairDeleted: string[];
  pastRetention: string[];
  /** Records a concurrent purge erased first. */
  alreadyErased: number;
}

export class RecordHistoryService {
  constructor(private readonly work: UnitOfWork, private readonly catalog: CatalogIndex) {}

  /**
   * The versions of a record its subject, or an auditor, may read; anyone else is told it does
   * not exist, exactly as when it does not (the attempt is logged for the record's subject).
   */
  async history(ctx: Caller, recordId: string): Promise<CreditRecordVersion[]> {
    const id = await tryResolveRowId(this.work.repos.recordNumbers, 'CreditRecord', recordId);
    const row = id === undefined ? undefined : await this.work.repos.recordWrites.findRow(id);
    // The id as this API issues it, never the caller's text (which could be anything, even text the log cannot store).
    const path = `creditRecordHistory(${id === undefined ? 'invalid id' : encodeRecordId(id)})`;
    const basis = row && procedureBasis(ctx.authority, ctx.principal, { subjectId: row.subjectId, recordedBy: row.agencyCode });
    if (!row || (basis !== 'OWN' && basis !== 'AUDIT')) {
      ctx.accessBuffer?.lookup({ subjectId: row?.subjectId ?? null, fieldPath: path, decision: 'DENY', reason: row ? 'NOT_YOURS' : 'NO_SUCH_RECORD' });
      throw appError('NOT_FOUND', `no credit record ${recordId} whose history you may read`);
    }
    ctx.accessBuffer?.lookup({ subjectId: row.subjectId, fieldPath: path, decision: 'ALLOW', reason: basis });
    // The record's own fields, before and after, only as far as the disclosure policy lets this
    // caller see them today: all of them for the subject; for an auditor what the public sees in
    // clear (an auditor checks who changed what, when and on what ground, not the personal data).
    const item = this.catalog.item(row.catalogItemId);
    const disclosure = item ? ctx.policy.decide(item, recordFacts(row)) : undefined;
    const withheld = (key: string): string | undefined => {
      if (!disclosure?.visible) return disclosure?.basis ?? DENIED_NO_DECISION.reason;
      const decision = disclosure.fields[key] ?? DENIED_NO_DECISION; // a key the item does not define: fail closed
      return decision.effect === 'ALLOW' ? undefined : decision.reason;
    };
    return (await this.work.repos.recordHistory.versionsOf(row.id)).map((v) => toVersion(v, withheld));
  }

  /** Erases what must go; `dryRun` only reports it. */
  async purge(now: Date, opts: { dryRun: boolean }): Promise<PurgeReport> {
    const today = legalDate(now);
    const years = this.catalog.allItems().map((i) => i.retentionYears);
    const report: PurgeReport = { today, dryRun: opts.dryRun, repairDeleted: [], pastRetention: [], alreadyErased: 0 };
    if (years.length === 0) return report;
    const repo = this.work.repos.recordHistory;
    for (const c of await repo.erasureCandidates(retentionStart(today, Math.min(...years)))) {
      const item = this.catalog.item(c.catalogItemId);
      if (!item) continue;
      const expired = c.decisionDate < retentionStart(today, item.retentionYears);
      if (!c.repairDeleted && !expired) continue;
      const ground = c.repairDeleted
        ? 'credit repair decided to delete the record (删除)'
        : `retention of ${item.retentionYears} years for item ${item.code} ended (decided ${c.decisionDate})`;
      (c.repairDeleted ? report.repairDeleted : report.pastRetention).push(encodeRecordId(c.id));
      if (opts.dryRun) continue;
      const fields = [...item.fieldRules].filter(([, rule]) => rule.personal !== undefined).map(([key]) => key);
      const note = { change: 'PERSONAL_DATA_ERASED' as const, actor: 'purge', agency: null, ground: `${ground}; erased: ${fields.join(', ') || 'no personal fields'}`, at: now };
      const erased = await repo.erase(c.id, fields, note);
      if (!erased) report.alreadyErased += 1;
    }
    return report;
  }
}

/** Why a payload field's values are not shown to this caller (the policy's reason), or undefined: shown. */
type Withheld = (key: string) => string | undefined;

function toVersion(v: VersionRow, withheld: Withheld): CreditRecordVersion {
  return {
    changedAt: v.changedAt, change: v.change, actor: v.actor, actorAgency: v.actorAgency, ground: v.ground,
    changes: fieldChanges(v.before as Record<string, unknown>, v.after as Record<string, unknown>, withheld),
  };
}

/**
 * Columns as they are (procedural facts: status, dates, flags); the payload key by key, so a
 * correction shows the one field it corrected — with its values only where the caller may see them.
 */
function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, withheld: Withheld): RecordFieldChange[] {
  const out: RecordFieldChange[] = [];
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  for (const column of Object.keys(after)) {
    if (column === 'payload' && isObject(before.payload) && isObject(after.payload)) {
      const was = before.payload;
      const now = after.payload;
      for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (JSON.stringify(was[key]) === JSON.stringify(now[key])) continue;
        const reason = withheld(key);
        out.push(reason === undefined
          ? { field: `payload.${key}`, before: json(was[key]), after: json(now[key]), withheld: null }
          : { field: `payload.${key}`, before: null, after: null, withheld: reason });
      }
    } else {
      out.push({ field: camel(column), before: json(before[column]), after: json(after[column]), withheld: null });
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * RecordHistoryService: a record's versions for its subject and auditors, and the purge that
 * erases personal data the law no longer lets the system hold (after a repair deleting the
 * record, 删除; past the item's retention period), keeping the minimum trace: the record, its
 * document, dates and status, and every version without the erased values — and, of the files
 * filed with objections and repair applications about the record, their content and names,
 * keeping each as a tombstone (src/db/schema/attachments.ts).
 */
import type { UnitOfWork } from '../unit-of-work';
import { tryResolveRowId } from '../record-ids';
import type { CatalogIndex, IndexedItem } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import { encodeId } from '../../graphql/opaque-id';
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
  /**
   * Attachments whose content and file name were erased (on a dry run: would be): those of the
   * cases about the records above, and those still held about records erased before (by a purge
   * that did not yet erase attachments, or filed after the erasure).
   */
  attachments: string[];
  /** Records a concurrent purge erased first. */
  alreadyErased: number;
}

/** A record the purge erases this run, and why. */
interface Due {
  id: number;
  item: IndexedItem;
  repairDeleted: boolean;
  ground: string;
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

  /**
   * Erases what must go; `dryRun` only reports it. Each record is erased in a transaction of its
   * own together with its cases' attachments, so a run cut short leaves no record erased with
   * its files still held (nor the reverse); a later run finishes the rest.
   */
  async purge(now: Date, opts: { dryRun: boolean }): Promise<PurgeReport> {
    const today = legalDate(now);
    const report: PurgeReport = { today, dryRun: opts.dryRun, repairDeleted: [], pastRetention: [], attachments: [], alreadyErased: 0 };
    const due = await this.due(today);
    // Attachments still held, by the record their case is about: the records due now, and those erased before.
    const held = new Map<number, number[]>();
    for (const a of await this.work.repos.attachments.heldAbout(due.map((d) => d.id))) {
      held.set(a.recordId, [...(held.get(a.recordId) ?? []), a.id]);
    }
    const reportFiles = (ids: readonly number[]) => report.attachments.push(...ids.map((id) => encodeId('Attachment', id)));
    for (const d of due) {
      (d.repairDeleted ? report.repairDeleted : report.pastRetention).push(encodeRecordId(d.id));
      const files = held.get(d.id) ?? [];
      held.delete(d.id);
      if (opts.dryRun) {
        reportFiles(files);
        continue;
      }
      const done = await this.work.transaction((tx) => this.erase(tx, d, files, now));
      reportFiles(done.files);
      if (!done.record) report.alreadyErased += 1;
    }
    // What is still held is about records erased before: the same rule, nothing of the record left to change.
    const late = [...held.values()].flat().sort((a, b) => a - b);
    reportFiles(opts.dryRun ? late : await this.work.repos.attachments.eraseContent(late, now));
    return report;
  }

  /** The records whose personal data must go today: a repair deleted them, or their item's retention has ended. */
  private async due(today: string): Promise<Due[]> {
    const years = this.catalog.allItems().map((i) => i.retentionYears);
    if (years.length === 0) return [];
    const out: Due[] = [];
    for (const c of await this.work.repos.recordHistory.erasureCandidates(retentionStart(today, Math.min(...years)))) {
      const item = this.catalog.item(c.catalogItemId);
      if (!item) continue;
      const expired = c.decisionDate < retentionStart(today, item.retentionYears);
      if (!c.repairDeleted && !expired) continue;
      const ground = c.repairDeleted
        ? 'credit repair decided to delete the record (删除)'
        : `retention of ${item.retentionYears} years for item ${item.code} ended (decided ${c.decisionDate})`;
      out.push({ id: c.id, item, repairDeleted: c.repairDeleted, ground });
    }
    return out;
  }

  /**
   * On one transaction: the attachments first (their count goes into the record's version),
   * then the record and its versions. `record` is false when a concurrent purge erased the
   * record first; `files` are the attachments this call erased.
   */
  private async erase(tx: UnitOfWork, d: Due, attachmentIds: readonly number[], now: Date): Promise<{ record: boolean; files: number[] }> {
    const files = await tx.repos.attachments.eraseContent(attachmentIds, now);
    const fields = [...d.item.fieldRules].filter(([, rule]) => rule.personal !== undefined).map(([key]) => key);
    const attached = files.length === 0 ? '' : `; and the content and file name of ${files.length} attachment(s) filed with objections and repair applications about it`;
    const note = { change: 'PERSONAL_DATA_ERASED' as const, actor: 'purge', agency: null, ground: `${d.ground}; erased: ${fields.join(', ') || 'no personal fields'}${attached}`, at: now };
    return { record: await tx.repos.recordHistory.erase(d.id, fields, note), files };
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

/**
 * Imports serious-list notices (告知, 49号 四(八)) in bulk: a listing is never imported as
 * decided — every subject gets its notice and objection window, exactly as through
 * notifySeriousListing, whose checks (notice-draft.ts) decide each row here too.
 *
 * Natural key: list type + subject + the entry open on it. A row whose subject already has an
 * open entry on the list with the same reasons is UNCHANGED; with other reasons, a CONFLICT.
 * Notices are few (a list holds the serious cases only), so the open-entry check runs per row
 * through the serious-list repository, under its lock, and the new entries go in one INSERT.
 */
import type { CatalogIndex } from '../catalog/catalog.index';
import type { Db } from '../db/database';
import { seriousListEntries } from '../db/schema';
import { appError } from '../errors';
import type { IdNumberVault } from '../identifiers';
import type { AgencyRow } from '../modules/agency/agency.repo';
import { subjectKeyOf, subjectNotFound, type SubjectKey } from '../modules/credit-record/record-request';
import { checkNoticeAllowed, draftNotice, listTypeOf, noticeEntry, type NoticeDraft } from '../modules/serious-list/notice-draft';
import { SeriousListRepo } from '../modules/serious-list/serious-list.repo';
import { legalDate } from '../time/legal-date';
import type { WorkingCalendar } from '../time/working-days';
import { ImportRepo } from './import.repo';
import type { BatchOptions } from './record-import';
import { checkRequired, mapRow, problem, type MappedRow } from './row-mapping';
import { rejection, type RowOutcome } from './row-outcome';
import type { RawRow } from './row-source';

interface Notice { readonly index: number; readonly mapped: MappedRow; readonly subjectId: number; readonly draft: NoticeDraft; readonly agency: AgencyRow }

export interface CheckedNotices {
  readonly size: number;
  readonly outcomes: Map<number, RowOutcome>;
  readonly notices: readonly Notice[];
  readonly opts: BatchOptions;
}

class DryRunRollback extends Error {}

export class ListImporter {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    /** The State Council's working calendars each notice's objection window is counted on. */
    private readonly calendar: WorkingCalendar,
  ) {}

  async check(rows: readonly RawRow[], opts: BatchOptions): Promise<CheckedNotices> {
    const outcomes = new Map<number, RowOutcome>();
    const today = legalDate(opts.now);
    const checked: Array<{ index: number; mapped: MappedRow; key: SubjectKey; draft: NoticeDraft; agency: AgencyRow }> = [];
    rows.forEach((raw, index) => {
      let mapped: MappedRow | undefined;
      try {
        mapped = mapRow('list', raw);
        checkRequired('list', mapped);
        const v = (t: Parameters<MappedRow['values']['get']>[0]) => mapped!.values.get(t);
        const agency = opts.recorder;
        if (!agency) throw problem('agency.uscc', 'BAD_USER_INPUT', 'list notices are made by the deciding department: give --department <agency code>');
        const code = v('list.type');
        if (!code) throw problem('list.type', 'BAD_USER_INPUT', 'give the list type code (名单类型), e.g. SAMR_SERIOUS_VIOLATION');
        const type = listTypeOf(this.catalog, code);
        checkNoticeAllowed(this.catalog, type, agency, undefined, today);
        const uscc = v('subject.uscc');
        const key = subjectKeyOf({ subjectCode: uscc ?? null, subjectIdNumber: uscc === undefined ? v('subject.idNumber') ?? null : null }, opts.now);
        const draft = draftNotice(type, { reasons: v('list.reasons') ?? '', basis: v('list.basis') }, today, this.calendar);
        checked.push({ index, mapped, key, draft, agency });
      } catch (err) {
        outcomes.set(index, rejection('list', raw.row, mapped, err));
      }
    });
    const repo = new ImportRepo(this.db);
    const hash = (k: SubjectKey) => this.vault.lookupHash(k.idNumber!).toString('hex');
    const [byCode, byHash] = await Promise.all([
      repo.subjectsByUscc([...new Set(checked.flatMap((c) => (c.key.uscc ? [c.key.uscc] : [])))]),
      repo.subjectsByIdHash([...new Set(checked.flatMap((c) => (c.key.idNumber ? [hash(c.key)] : [])))]),
    ]);
    const notices: Notice[] = [];
    for (const c of checked) {
      try {
        const subject = c.key.uscc !== undefined ? byCode.find((s) => s.uscc === c.key.uscc) : byHash.find((s) => s.idNumberHash === hash(c.key));
        if (!subject) throw subjectNotFound(c.key);
        checkNoticeAllowed(this.catalog, c.draft.type, c.agency, { kind: subject.kind, regionCode: subject.regionCode, label: subject.uscc ?? 'named by subject ID number' }, today);
        notices.push({ index: c.index, mapped: c.mapped, subjectId: subject.id, draft: c.draft, agency: c.agency });
      } catch (err) {
        outcomes.set(c.index, rejection('list', rows[c.index]!.row, c.mapped, err));
      }
    }
    return { size: rows.length, outcomes, notices, opts };
  }

  async commit(batch: CheckedNotices): Promise<RowOutcome[]> {
    const { outcomes, notices, opts } = batch;
    const today = legalDate(opts.now);
    const results = new Map<number, RowOutcome>();
    try {
      await this.db.transaction(async (tx) => {
        const entries = new SeriousListRepo(tx);
        const fresh: Notice[] = [];
        const seen = new Map<string, Notice>();
        for (const n of [...notices].sort((a, b) => a.draft.type.code.localeCompare(b.draft.type.code) || a.subjectId - b.subjectId)) {
          const key = `${n.draft.type.code}:${n.subjectId}`;
          const earlier = seen.get(key);
          if (earlier) {
            results.set(n.index, this.sameOrConflict(n, earlier.draft.reasons, earlier.agency.code, undefined, 'NOTIFIED'));
            continue;
          }
          seen.set(key, n);
          await entries.lockSubjectOnList(n.draft.type.code, n.subjectId);
          const open = await entries.openEntry(n.draft.type.code, n.subjectId, today);
          if (open) results.set(n.index, this.sameOrConflict(n, open.noticeReasons, open.agencyCode, open.id, open.state));
          else fresh.push(n);
        }
        const inserted = fresh.length
          ? await tx.insert(seriousListEntries).values(fresh.map((n) => noticeEntry(n.draft, n.subjectId, n.agency.code, opts.now, opts.official)))
            .returning({ id: seriousListEntries.id, listTypeCode: seriousListEntries.listTypeCode, subjectId: seriousListEntries.subjectId })
          : [];
        const ids = new Map(inserted.map((r) => [`${r.listTypeCode}:${r.subjectId}`, r.id]));
        for (const n of fresh) results.set(n.index, { row: n.mapped.row, status: 'WRITTEN', recordId: ids.get(`${n.draft.type.code}:${n.subjectId}`) });
        for (const n of notices) {
          const r = results.get(n.index)!;
          if (r.status === 'UNCHANGED' && r.recordId === undefined) results.set(n.index, { ...r, recordId: ids.get(`${n.draft.type.code}:${n.subjectId}`) });
        }
        if (opts.dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    results.forEach((o, i) => outcomes.set(i, o));
    return Array.from({ length: batch.size }, (_, i) => outcomes.get(i)!);
  }

  private sameOrConflict(n: Notice, reasons: string, agencyCode: string, id: number | undefined, state: string): RowOutcome {
    if (reasons === n.draft.reasons && agencyCode === n.agency.code) return { row: n.mapped.row, status: 'UNCHANGED', recordId: id };
    return rejection('list', n.mapped.row, n.mapped, appError(
      'CONFLICT',
      `the subject already has an open entry on ${n.draft.type.code} (state ${state}, notified by ${agencyCode}) with other reasons; finish or drop it before notifying again`,
      { field: 'reasons' },
    ));
  }
}

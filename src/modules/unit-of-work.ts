/**
 * How a service reaches the tables: through a unit of work that hands it repositories, never
 * through the database handle. `work.repos` are the repositories outside any transaction
 * (each statement on its own; public reads may be routed to the replica, src/db/read-routing.ts);
 * `work.transaction(fn)` runs `fn` on repositories bound to one transaction — it opens one
 * (BEGIN … COMMIT, rolled back when `fn` throws) on the server's unit, and joins the open one,
 * adding no statement, on the unit `fn` was handed. So a step that must be atomic
 * (SeriousListRemovalService.removeIn) is written once and runs alone or inside a caller's
 * transaction (a repair's approval) alike.
 *
 * The database-backed unit is src/modules/database-work.ts (built once, in src/services.ts);
 * unit tests hand a service in-memory repositories instead (test/support/memory-work.ts).
 * Services import this file's types only (`.dependency-cruiser.cjs`: services-without-database).
 */
import type { AccessLogRepo } from './access-log/access-log.repo';
import type { AccountabilityRepo } from './accountability/accountability.repo';
import type { CatalogVersionRepo } from './catalog/catalog-version.repo';
import type { ConsentRepo } from './consent/consent.repo';
import type { CreditRecordWriteRepo } from './credit-record/credit-record-write.repo';
import type { CreditRecordRepo } from './credit-record/credit-record.repo';
import type { LegalDocumentRepo } from './credit-record/legal-document.repo';
import type { ChangeNote } from './credit-record/record-history';
import type { RecordHistoryRepo } from './credit-record/record-history.repo';
import type { PublicationRepo } from './publication/publication.repo';
import type { AttachmentRepo } from './attachment/attachment.repo';
import type { RecordNumberRepo } from './record-number.repo';
import type { RecordStatusRepo } from './credit-record/record-status.repo';
import type { MeasureRepo } from './measure/measure.repo';
import type { EntryObjectionRepo } from './objection/entry-objection.repo';
import type { ObjectionRepo } from './objection/objection.repo';
import type { ProcedureTargetRepo } from './procedure/procedure-target.repo';
import type { RepairRepo } from './repair/repair.repo';
import type { ListRecordRepo } from './serious-list/list-record.repo';
import type { SeriousListBrowseRepo } from './serious-list/serious-list-browse.repo';
import type { SeriousListRepo } from './serious-list/serious-list.repo';
import type { SubjectRepo } from './subject/subject.repo';

/**
 * A repository class's public methods, without its database handle (private, or `db` where a
 * repository exposes it): what a service calls, and what an in-memory repository implements
 * (a class with a private member would accept only its own instances).
 */
export type RepoOf<T> = { [K in Exclude<keyof T, 'db'>]: T[K] };

/** Every repository a service may be handed, bound to the database or to one transaction. */
export interface Repositories {
  readonly accessLog: RepoOf<AccessLogRepo>;
  readonly accountability: RepoOf<AccountabilityRepo>;
  readonly catalogVersions: RepoOf<CatalogVersionRepo>;
  readonly consents: RepoOf<ConsentRepo>;
  readonly creditRecords: RepoOf<CreditRecordRepo>;
  readonly recordWrites: RepoOf<CreditRecordWriteRepo>;
  readonly legalDocuments: RepoOf<LegalDocumentRepo>;
  readonly recordHistory: RepoOf<RecordHistoryRepo>;
  readonly publications: RepoOf<PublicationRepo>;
  readonly attachments: RepoOf<AttachmentRepo>;
  readonly recordNumbers: RepoOf<RecordNumberRepo>;
  readonly recordStatus: RepoOf<RecordStatusRepo>;
  readonly measures: RepoOf<MeasureRepo>;
  readonly objections: RepoOf<ObjectionRepo>;
  readonly entryObjections: RepoOf<EntryObjectionRepo>;
  readonly procedureTargets: RepoOf<ProcedureTargetRepo>;
  readonly repairs: RepoOf<RepairRepo>;
  readonly listRecords: RepoOf<ListRecordRepo>;
  readonly seriousLists: RepoOf<SeriousListRepo>;
  readonly seriousListBrowse: RepoOf<SeriousListBrowseRepo>;
  readonly subjects: RepoOf<SubjectRepo>;
  /**
   * Who changes credit records in this transaction and why (record-history.ts): set first
   * thing in a transaction that changes records; it lasts until commit.
   */
  readonly changeNotes: { note(note: ChangeNote): Promise<void> };
}

export interface UnitOfWork {
  /** Outside any transaction: each statement commits on its own. */
  readonly repos: Repositories;
  /**
   * `fn` on repositories bound to one transaction: opened here (one BEGIN, one COMMIT) on the
   * server's unit, joined (no statement at all) on a unit handed to a transaction's `fn`.
   * Whatever `fn` throws rolls back everything the transaction wrote, and is rethrown.
   */
  transaction<T>(fn: (work: UnitOfWork) => Promise<T>): Promise<T>;
}

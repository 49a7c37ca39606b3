/**
 * The unit of work on the database (unit-of-work.ts): repositories on the server's `Db`
 * outside transactions, on a drizzle transaction inside one. Built once per server in
 * src/services.ts, so the repositories outside transactions are built once too (as they were
 * when services built them from the handle); a read-routing `Db` (src/db/read-routing.ts)
 * still chooses primary or replica per call, so routing is as before.
 */
import type { Db, Queryable } from '../db/database';
import { AccessLogRepo } from './access-log/access-log.repo';
import { AccountabilityRepo } from './accountability/accountability.repo';
import { CatalogVersionRepo } from './catalog/catalog-version.repo';
import { ConsentRepo } from './consent/consent.repo';
import { CreditRecordWriteRepo } from './credit-record/credit-record-write.repo';
import { CreditRecordRepo } from './credit-record/credit-record.repo';
import { LegalDocumentRepo } from './credit-record/legal-document.repo';
import { noteChange } from './credit-record/record-history';
import { RecordHistoryRepo } from './credit-record/record-history.repo';
import { PublicationRepo } from './publication/publication.repo';
import { AttachmentRepo } from './attachment/attachment.repo';
import { RecordNumberRepo } from './record-number.repo';
import { RecordStatusRepo } from './credit-record/record-status.repo';
import { MeasureRepo } from './measure/measure.repo';
import { EntryObjectionRepo } from './objection/entry-objection.repo';
import { ObjectionRepo } from './objection/objection.repo';
import { ProcedureTargetRepo } from './procedure/procedure-target.repo';
import { RepairRepo } from './repair/repair.repo';
import { ListRecordRepo } from './serious-list/list-record.repo';
import { SeriousListBrowseRepo } from './serious-list/serious-list-browse.repo';
import { SeriousListRepo } from './serious-list/serious-list.repo';
import { SubjectRepo } from './subject/subject.repo';
import type { Repositories, UnitOfWork } from './unit-of-work';

/** Repositories on one handle, each built when first asked for (a transaction uses a few). */
function repositoriesOn(q: Queryable): Repositories {
  const made = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key) as T;
  };
  return {
    get accessLog() { return once('accessLog', () => new AccessLogRepo(q)); },
    get accountability() { return once('accountability', () => new AccountabilityRepo(q)); },
    get catalogVersions() { return once('catalogVersions', () => new CatalogVersionRepo(q)); },
    get consents() { return once('consents', () => new ConsentRepo(q)); },
    get creditRecords() { return once('creditRecords', () => new CreditRecordRepo(q)); },
    get recordWrites() { return once('recordWrites', () => new CreditRecordWriteRepo(q)); },
    get legalDocuments() { return once('legalDocuments', () => new LegalDocumentRepo(q)); },
    get recordHistory() { return once('recordHistory', () => new RecordHistoryRepo(q)); },
    get publications() { return once('publications', () => new PublicationRepo(q)); },
    get attachments() { return once('attachments', () => new AttachmentRepo(q)); },
    get recordNumbers() { return once('recordNumbers', () => new RecordNumberRepo(q)); },
    get recordStatus() { return once('recordStatus', () => new RecordStatusRepo(q)); },
    get measures() { return once('measures', () => new MeasureRepo(q)); },
    get objections() { return once('objections', () => new ObjectionRepo(q)); },
    get entryObjections() { return once('entryObjections', () => new EntryObjectionRepo(q)); },
    get procedureTargets() { return once('procedureTargets', () => new ProcedureTargetRepo(q)); },
    get repairs() { return once('repairs', () => new RepairRepo(q)); },
    get listRecords() { return once('listRecords', () => new ListRecordRepo(q)); },
    get seriousLists() { return once('seriousLists', () => new SeriousListRepo(q)); },
    get seriousListBrowse() { return once('seriousListBrowse', () => new SeriousListBrowseRepo(q)); },
    get subjects() { return once('subjects', () => new SubjectRepo(q)); },
    changeNotes: { note: (note) => noteChange(q, note) },
  };
}

/** A unit inside an open transaction: `transaction` joins it (no SAVEPOINT, no statement). */
function joined(repos: Repositories): UnitOfWork {
  const work: UnitOfWork = { repos, transaction: (fn) => fn(work) };
  return work;
}

/** The server's unit of work on `db`. */
export function databaseWork(db: Db): UnitOfWork {
  return {
    repos: repositoriesOn(db),
    transaction: (fn) => db.transaction((tx) => fn(joined(repositoriesOn(tx)))),
  };
}

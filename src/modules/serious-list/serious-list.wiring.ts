/**
 * Wires the serious-list and punishment-measure services (one call in src/services.ts), so
 * that the shared wiring file only names this module once.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { UnitOfWork } from '../unit-of-work';
import type { WorkingCalendar } from '../../time/working-days';
import type { IdNumberVault } from '../../identifiers';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { ConsentService } from '../consent/consent.service';
import { MeasureService } from '../measure/measure.service';
import { SubjectService } from '../subject/subject.service';
import { EntryPresenter } from './serious-list.presenter';
import { SeriousListRemovalService } from './serious-list-removal.service';
import { SeriousListQueryService } from './serious-list-query.service';
import { SeriousListService } from './serious-list.service';

export interface ListServices {
  /** Notice, decision and dropping of serious-list procedures. */
  readonly seriousLists: SeriousListService;
  /** Removal from a list; `removeForRepair(work, entryId, …)` is the repair module's entry point, on its transaction. */
  readonly seriousListRemoval: SeriousListRemovalService;
  /** Procedure reads and the public listing of the lists. */
  readonly seriousListQueries: SeriousListQueryService;
  readonly measures: MeasureService;
}

export interface ListServiceDeps {
  /** The server's unit of work (src/modules/database-work.ts). */
  readonly work: UnitOfWork;
  readonly catalog: CatalogIndex;
  readonly vault: IdNumberVault;
  readonly agencies: AgencyDirectory;
  readonly consents: ConsentService;
  /** The server's SubjectService (it presents the listed subjects). */
  readonly subjects: SubjectService;
  /** The State Council's working calendars (src/time/working-calendar.loader.ts). */
  readonly calendar: WorkingCalendar;
}

export function createListServices(d: ListServiceDeps): ListServices {
  const subjects = d.subjects;
  const presenter = new EntryPresenter(d.catalog, d.agencies, d.work.repos.seriousLists, d.work.repos.legalDocuments, d.work.repos.subjects, subjects, d.consents);
  return {
    seriousLists: new SeriousListService({
      work: d.work, catalog: d.catalog, agencies: d.agencies, vault: d.vault, presenter,
      calendar: d.calendar,
    }),
    seriousListRemoval: new SeriousListRemovalService(d.work, d.agencies, presenter, d.catalog),
    seriousListQueries: new SeriousListQueryService(d.work, d.catalog, d.agencies, d.vault, subjects, d.consents, presenter),
    measures: new MeasureService(d.work, d.catalog, d.agencies),
  };
}

/**
 * The service layer, wired once per server from the database and the catalog. Services hold
 * no request state; repositories are the only code that touches tables, and services get them
 * from one unit of work (src/modules/unit-of-work.ts), never the database handle.
 */
import type { CatalogIndex } from './catalog/catalog.index';
import type { Database } from './db/database';
import { createIdNumberVault, type IdNumberVault } from './identifiers';
import { databaseWork } from './modules/database-work';
import { AgencyDirectory } from './modules/agency/agency.directory';
import { AgencyRepo } from './modules/agency/agency.repo';
import { AccessLogService } from './modules/access-log/access-log.service';
import { RecordHistoryService } from './modules/credit-record/record-history.service';
import type { AccessLogKeys } from './audit/log-keys';
import { verifyAccessLogChain } from './audit/verify-chain';
import { ConsentService } from './modules/consent/consent.service';
import { CreditRecordService } from './modules/credit-record/credit-record.service';
import { CreditReportService } from './modules/credit-report/credit-report.service';
import { SubjectService } from './modules/subject/subject.service';
import { PublicationService } from './modules/publication/publication.service';
import { createListServices, type ListServices } from './modules/serious-list/serious-list.wiring';
import { AccountabilityService } from './modules/accountability/accountability.service';
import { ConsentManagementService } from './modules/consent/consent-manage.service';
import { RecordWritingService } from './modules/credit-record/record-writing.service';
import { DEFAULT_CONSENT_MAX_DAYS, DEFAULT_PERSON_LOOKUP_DAILY_LIMIT } from './config';
import type { WorkingCalendar } from './time/working-days';
import { settleProvisionalDueDates, type RecountReport } from './modules/procedure/provisional-due-dates';
import { ReportRegisterRepo } from './modules/credit-report/report-register.repo';
import { ReportVerificationService } from './modules/credit-report/report-verification';
import { PersonLookupBudget } from './modules/subject/person-lookup-budget';
import { ObjectionService } from './modules/objection/objection.service';
import { AttachmentService } from './modules/attachment/attachment.service';
import { RepairService } from './modules/repair/repair.service';
import { CatalogPublishingService } from './modules/catalog/catalog-publishing.service';
import { LiveCatalog } from './modules/catalog/live-catalog';
import { ImportService } from './ingest/import-service';
import { ListImporter } from './ingest/list-import';
import { BearerAuthenticator } from './auth/authenticator';
import type { TokenKeys } from './auth/token-keys';
import { SessionRepo } from './modules/session/session.repo';
import { SessionStore, type SessionLifetimes } from './modules/session/session.store';
import { sessionCookie } from './modules/session/session-cookie';
import { SignInIdentities } from './modules/session/sign-in-identity';

export interface Services extends ListServices {
  readonly catalog: CatalogIndex;
  readonly vault: IdNumberVault;
  readonly agencies: AgencyDirectory;
  readonly subjects: SubjectService;
  readonly records: CreditRecordService;
  readonly reports: CreditReportService;
  /** The register of issued reports and their verification (报告验证). */
  readonly reportVerification: ReportVerificationService;
  readonly accessLog: AccessLogService;
  /** Credit records' versions, and the purge of personal data past its time. */
  readonly recordHistory: RecordHistoryService;
  readonly consents: ConsentService;
  readonly publications: PublicationService;
  readonly consentManagement: ConsentManagementService;
  readonly recordWriting: RecordWritingService;
  readonly accountability: AccountabilityService;
  readonly objections: ObjectionService;
  readonly repairs: RepairService;
  readonly attachments: AttachmentService;
  readonly catalogPublishing: CatalogPublishingService;
  /** Bulk ingestion (src/ingest): importCreditRecords and `npm run import` share it. */
  readonly imports: ImportService;
  /** Rebuilds `catalog` from the shipped files and the database (start-up, after publish/retire). */
  reloadCatalog(): Promise<void>;
  /** Recounts the due dates counted provisionally that this calendar can now judge (createServer, at start-up). */
  settleProvisionalDueDates(): Promise<RecountReport>;
  /** Verifies bearer tokens (the JWT secret never leaves here). */
  readonly jwtSecret: Buffer;
  /** Bearer token → principal: keys, lifetimes, a SUBJECT token's subject exists (src/auth/authenticator.ts). */
  readonly tokens: BearerAuthenticator;
  /** Sign-in sessions (src/modules/session/); undefined when sign-in is off, and a session cookie then means nothing. */
  readonly sessions: SessionStore | undefined;
  /** Identity claims → subject, for sign-in; undefined when sign-in is off. */
  readonly signInIdentities: SignInIdentities | undefined;
}

export interface ServiceDeps {
  database: Database;
  catalog: CatalogIndex;
  /** `tokens`: which tokens are accepted (src/config.ts); absent: HS256 with jwtSecret, default lifetimes. */
  keys: { idHmac: Buffer; idEncryption: Buffer; jwtSecret: Buffer; tokens?: TokenKeys };
  /** CONSENT_MAX_DAYS; defaults to DEFAULT_CONSENT_MAX_DAYS. */
  consentMaxDays?: number;
  /** PERSON_LOOKUP_DAILY_LIMIT; defaults to DEFAULT_PERSON_LOOKUP_DAILY_LIMIT. */
  personLookupDailyLimit?: number;
  /**
   * The State Council's working calendars every working-day limit is counted on (createServer
   * loads the shipped src/time/data/working-calendars.yaml unless given others). The limits
   * themselves are the catalog's.
   */
  calendar: WorkingCalendar;
  /** The access log's keys: verifyAccessLog checks MACs and checkpoints, receipts name the public key. */
  accessLogKeys: AccessLogKeys;
  /** Sign-in sessions' lifetimes and whether their cookie is Secure; absent: sign-in is off. */
  sessions?: SessionLifetimes & { secureCookie: boolean };
}

/** Wires the services; call `agencies.reload()` (done by createServer) before serving. */
export function createServices({
  database, catalog: loadedCatalog, keys, consentMaxDays = DEFAULT_CONSENT_MAX_DAYS, calendar,
  personLookupDailyLimit = DEFAULT_PERSON_LOOKUP_DAILY_LIMIT,
  accessLogKeys, sessions,
}: ServiceDeps): Services {
  // Services get their repositories from it, outside or inside a transaction (src/modules/unit-of-work.ts).
  const work = databaseWork(database.db);
  // Every service holds the live handle, so a published or retired version reaches all of them.
  const live = new LiveCatalog(loadedCatalog, work.repos.catalogVersions);
  const catalog = live.index;
  const vault = createIdNumberVault({ hmacKey: keys.idHmac, encryptionKey: keys.idEncryption });
  const consents = new ConsentService(work);
  const agencies = new AgencyDirectory(new AgencyRepo(database.db));
  const subjects = new SubjectService(work, catalog, vault, consents, new PersonLookupBudget(personLookupDailyLimit));
  const lists = createListServices({ work, catalog, vault, agencies, consents, subjects, calendar });
  return {
    catalog,
    vault,
    agencies,
    consentManagement: new ConsentManagementService(work, catalog, agencies, consentMaxDays),
    recordWriting: new RecordWritingService(work, catalog, vault, agencies),
    accountability: new AccountabilityService(work, catalog, agencies),
    objections: new ObjectionService(work, catalog, agencies, vault, lists.seriousListRemoval, calendar),
    repairs: new RepairService(work, catalog, agencies, lists.seriousListRemoval, calendar),
    catalogPublishing: new CatalogPublishingService(work, live, agencies),
    attachments: new AttachmentService(work),
    imports: new ImportService(database.db, catalog, vault, agencies, new ListImporter(
      database.db, catalog, vault, calendar,
    )),
    reloadCatalog: () => live.reload(),
    settleProvisionalDueDates: () => settleProvisionalDueDates(work, catalog, calendar),
    consents,
    subjects,
    recordHistory: new RecordHistoryService(work, catalog),
    accessLog: new AccessLogService(work, accessLogKeys, (options) => verifyAccessLogChain(database.db, options)),
    reports: new CreditReportService(catalog, subjects),
    publications: new PublicationService(work, catalog, vault, subjects, consents),
    records: new CreditRecordService(work, catalog, vault, consents),
    reportVerification: new ReportVerificationService(new ReportRegisterRepo(database.db)),
    jwtSecret: keys.jwtSecret,
    signInIdentities: sessions && new SignInIdentities(work.repos.subjects, vault),
    sessions: sessions && new SessionStore(new SessionRepo(database.db), sessions, sessionCookie(sessions.secureCookie)),
    tokens: new BearerAuthenticator(keys.tokens ?? { secret: keys.jwtSecret }, async (id) => (await work.repos.subjects.findByIds([id])).length > 0),
    ...lists,
  };
}

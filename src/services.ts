/**
 * The service layer, wired once per server from the database and the catalog. Services hold
 * no request state; repositories are the only code that touches tables.
 */
import type { CatalogIndex } from './catalog/catalog.index';
import type { Database } from './db/database';
import { createIdNumberVault, type IdNumberVault } from './identifiers';
import { AgencyDirectory } from './modules/agency/agency.directory';
import { AgencyRepo } from './modules/agency/agency.repo';
import { AccessLogRepo } from './modules/access-log/access-log.repo';
import { AccessLogService } from './modules/access-log/access-log.service';
import { ConsentRepo } from './modules/consent/consent.repo';
import { ConsentService } from './modules/consent/consent.service';
import { CreditRecordRepo } from './modules/credit-record/credit-record.repo';
import { CreditRecordService } from './modules/credit-record/credit-record.service';
import { SubjectRepo } from './modules/subject/subject.repo';
import { SubjectService } from './modules/subject/subject.service';

export interface Services {
  readonly catalog: CatalogIndex;
  readonly vault: IdNumberVault;
  readonly agencies: AgencyDirectory;
  readonly subjects: SubjectService;
  readonly records: CreditRecordService;
  readonly accessLog: AccessLogService;
  readonly consents: ConsentService;
  /** Verifies bearer tokens (the JWT secret never leaves here). */
  readonly jwtSecret: Buffer;
}

export interface ServiceDeps {
  database: Database;
  catalog: CatalogIndex;
  keys: { idHmac: Buffer; idEncryption: Buffer; jwtSecret: Buffer };
}

/** Wires the services; call `agencies.reload()` (done by createServer) before serving. */
export function createServices({ database, catalog, keys }: ServiceDeps): Services {
  const vault = createIdNumberVault({ hmacKey: keys.idHmac, encryptionKey: keys.idEncryption });
  const subjectRepo = new SubjectRepo(database.db);
  const consents = new ConsentService(new ConsentRepo(database.db));
  return {
    catalog,
    vault,
    agencies: new AgencyDirectory(new AgencyRepo(database.db)),
    consents,
    subjects: new SubjectService(subjectRepo, catalog, vault, consents),
    accessLog: new AccessLogService(new AccessLogRepo(database.db), subjectRepo, database.db),
    records: new CreditRecordService(new CreditRecordRepo(database.db), catalog, vault, consents),
    jwtSecret: keys.jwtSecret,
  };
}

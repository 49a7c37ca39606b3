/**
 * The database itself refuses the states the law forbids, whatever code writes to it.
 * Runs on a freshly migrated database (PGlite, or PostgreSQL with DATABASE_URL).
 */
import { eq, sql } from 'drizzle-orm';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import type { CatalogIndex } from '../../src/catalog/catalog.index';
import { migrationStatus } from '../../src/db/migrate';
import {
  accessLog, agencies, catalogItems, catalogVersions, consents, creditRecords, issuedReports, legalDocuments, seriousListTypes, subjects,
} from '../../src/db/schema';
import { LogStream } from '../../src/audit/log-stream';
import { macKeyOf } from '../../src/audit/log-keys';
import { appendAccessLog } from '../../src/audit/access-writer';
import { openTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
let catalog: CatalogIndex;
let subjectId: number;

/** The database error text, whichever driver raised it. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { message?: string; cause?: { message?: string } };
    return `${err.message ?? ''} ${err.cause?.message ?? ''}`;
  }
  throw new Error('the database accepted what it should refuse');
}

beforeAll(async () => {
  database = await openTestDatabase();
  catalog = await syncCatalog(database.db, loadCatalogBundle());
  await database.db.insert(agencies).values({
    code: 'SAMR-320100', name: '南京市市场监督管理局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'SAMR', regionCode: '320100',
  });
  const [s] = await database.db
    .insert(subjects)
    .values({ kind: 'LEGAL_PERSON', uscc: '91320100748204660Q', name: '南京钢铁联合有限公司', regionCode: '320100' })
    .returning({ id: subjects.id });
  subjectId = s!.id;
});

afterAll(() => database.destroy());

const penaltyItem = () => catalog.itemByCode('03-02-001')!;

function penaltyRecord(extra: Partial<typeof creditRecords.$inferInsert> = {}): typeof creditRecords.$inferInsert {
  return {
    subjectId,
    catalogItemId: penaltyItem().id,
    dishonesty: true,
    agencyCode: 'SAMR-320100',
    decisionDate: '2026-05-01',
    severity: 'GENERAL',
    payload: {},
    ...extra,
  };
}

describe('a freshly migrated database', () => {
  it('has every migration applied', async () => {
    const status = await migrationStatus(database);
    expect(status.applied).toBe(status.expected);
  });

  it('holds the shipped catalog versions as published', async () => {
    const rows = await database.db.select({ id: catalogVersions.id, status: catalogVersions.status }).from(catalogVersions);
    expect(rows).toEqual(expect.arrayContaining([
      { id: 'national-2024', status: 'PUBLISHED' },
      { id: 'shenzhen-2023', status: 'PUBLISHED' },
      { id: 'measures-2024', status: 'PUBLISHED' },
    ]));
  });

  it('refuses a dishonesty record without its legal document', async () => {
    expect(await refusal(database.db.insert(creditRecords).values(penaltyRecord()))).toMatch(/record_dishonesty_has_document/);
  });

  it('refuses a record that claims its item is not a dishonesty item when it is', async () => {
    expect(await refusal(database.db.insert(creditRecords).values(penaltyRecord({ dishonesty: false })))).toMatch(
      /credit_records_item_dishonesty_fk/,
    );
  });

  it('accepts the same record once it rests on a legally effective document', async () => {
    const [doc] = await database.db
      .insert(legalDocuments)
      .values({ kind: 'ADMINISTRATIVE_PENALTY', number: '宁市监处罚〔2026〕1号', issuerName: '南京市市场监督管理局', effectiveOn: '2026-05-01' })
      .returning({ id: legalDocuments.id });
    await expect(database.db.insert(creditRecords).values(penaltyRecord({ legalDocumentId: doc!.id }))).resolves.toBeDefined();
  });

  it('refuses a record of an item that is not in a published catalog', async () => {
    await database.db.insert(catalogVersions).values({
      id: 'draft-2027', kind: 'BASE_CATALOG', title: 'draft', edition: '2027', status: 'DRAFT', sourceHash: 'x', definition: {},
    });
    const [item] = await database.db
      .insert(catalogItems)
      .values({
        versionId: 'draft-2027', code: '99-01-001', category: 'VOLUNTARY', name: 'draft item', recordKind: 'HONOUR',
        providerSystem: 'SAMR', dishonesty: false, repairable: false, definition: {},
      })
      .returning({ id: catalogItems.id });
    const message = await refusal(
      database.db.insert(creditRecords).values({ ...penaltyRecord(), catalogItemId: item!.id, dishonesty: false, severity: null }),
    );
    expect(message).toMatch(/NOT_IN_CATALOG/);
  });

  it('refuses to change a published catalog version or its items', async () => {
    expect(await refusal(
      database.db.update(catalogVersions).set({ title: 'edited' }).where(eq(catalogVersions.id, 'national-2024')),
    )).toMatch(/CATALOG_IMMUTABLE/);
    expect(await refusal(
      database.db.update(catalogItems).set({ name: 'edited' }).where(eq(catalogItems.id, penaltyItem().id)),
    )).toMatch(/CATALOG_IMMUTABLE/);
    expect(await refusal(
      database.db.update(catalogVersions).set({ status: 'DRAFT' }).where(eq(catalogVersions.id, 'national-2024')),
    )).toMatch(/CATALOG_TRANSITION/);
  });

  it('refuses a consent without an expiry, or one that expires before it is granted', async () => {
    const base = {
      subjectId, granteeAgencyCode: 'SAMR-320100', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'],
      grantedAt: new Date('2026-01-01T00:00:00Z'), channel: 'ONLINE', evidence: 'signed form #1',
    };
    expect(await refusal(database.db.insert(consents).values({ ...base, expiresAt: null as unknown as Date }))).toMatch(/expires_at|null/);
    expect(await refusal(database.db.insert(consents).values({ ...base, expiresAt: new Date('2025-01-01T00:00:00Z') }))).toMatch(
      /consent_expires_after_grant/,
    );
  });

  it('refuses a list standard without a 30-day consultation unless it is a statute or judicial interpretation', async () => {
    const base = {
      name: 'x', decidingSystem: 'SAMR', legalBasis: ['basis'], standardDocument: 'rule', catalogItemCode: '06-03-001', definition: {},
    };
    expect(await refusal(database.db.insert(seriousListTypes).values({ ...base, code: 'T_RULE', standardLevel: 'DEPARTMENT_RULE' })))
      .toMatch(/list_type_comment_30_days/);
    expect(await refusal(database.db.insert(seriousListTypes).values({
      ...base, code: 'T_SHORT', standardLevel: 'DEPARTMENT_RULE', commentFrom: '2026-01-01', commentTo: '2026-01-20',
    }))).toMatch(/list_type_comment_30_days/);
    // Both ends are days of the consultation (serious-list.rules.ts counts the same way): 29 days
    // are refused, 2026-03-01..2026-03-30 is the 30 days 四(七) asks for.
    expect(await refusal(database.db.insert(seriousListTypes).values({
      ...base, code: 'T_29', standardLevel: 'DEPARTMENT_RULE', commentFrom: '2026-03-01', commentTo: '2026-03-29',
    }))).toMatch(/list_type_comment_30_days/);
    await expect(database.db.insert(seriousListTypes).values({
      ...base, code: 'T_30', standardLevel: 'DEPARTMENT_RULE', commentFrom: '2026-03-01', commentTo: '2026-03-30',
    })).resolves.toBeDefined();
    await expect(database.db.insert(seriousListTypes).values({ ...base, code: 'T_LAW', standardLevel: 'LAW' })).resolves.toBeDefined();
  });

  it('appends to the access log but refuses to update, delete or truncate it', async () => {
    await appendAccessLog(database.db, [{
      at: new Date().toISOString(), requestId: 'r1', clientRequestId: null, principal: 'p', role: 'AUDITOR', agencyCode: null, purpose: 'AUDIT',
      operation: 'query Q', subjectId, itemCode: '01-01-001', fieldPath: 'subject{name}', decision: 'ALLOW', reason: 'PUBLISHED',
    }], new LogStream(macKeyOf(Buffer.alloc(32, 3))));
    expect(await refusal(database.db.update(accessLog).set({ reason: 'edited' }))).toMatch(/AUDIT_APPEND_ONLY/);
    expect(await refusal(database.db.delete(accessLog))).toMatch(/AUDIT_APPEND_ONLY/);
    expect(await refusal(database.db.execute(sql`TRUNCATE access_log`))).toMatch(/AUDIT_APPEND_ONLY/);
  });

  it('registers an issued report but refuses to update, delete or truncate the register', async () => {
    const row = {
      reportNumber: 'CR-GUARDS-0001', digest: 'ab'.repeat(32), issuedAt: new Date(), edition: 'PUBLIC', format: 'HTML', issuer: 'PUBLIC',
    };
    await database.db.insert(issuedReports).values(row);
    expect(await refusal(database.db.update(issuedReports).set({ digest: 'cd'.repeat(32) }))).toMatch(/REPORT_REGISTER_APPEND_ONLY/);
    expect(await refusal(database.db.delete(issuedReports))).toMatch(/REPORT_REGISTER_APPEND_ONLY/);
    expect(await refusal(database.db.execute(sql`TRUNCATE issued_reports`))).toMatch(/REPORT_REGISTER_APPEND_ONLY/);
    // The refusals changed nothing: the row is there as registered.
    const kept = await database.db.select().from(issuedReports).where(eq(issuedReports.reportNumber, row.reportNumber));
    expect(kept).toEqual([{ ...row, issuedAt: expect.any(Date) }]);
    expect(kept[0]!.digest).toBe('ab'.repeat(32));
  });
});

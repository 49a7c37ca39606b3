/**
 * The synthetic data generator against the real migrated database (PGlite, or PostgreSQL
 * with DATABASE_URL): determinism, valid identifiers, catalog conformance, and the database's
 * own CHECKs and triggers, which would have thrown during seeding had any row broken them.
 */
import { createHash } from 'node:crypto';
import { asc, eq, max, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { PgTable } from 'drizzle-orm/pg-core';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import type { CatalogBundle } from '../../src/catalog/catalog.bundle';
import type { CatalogIndex } from '../../src/catalog/catalog.index';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import { recordKindFields, type RecordKind } from '../../src/catalog/record-kinds';
import * as t from '../../src/db/schema';
import { seedDatabase, type SeedResult } from '../../src/seed';
import { createIdNumberVault, isValidUscc, validateResidentId } from '../../src/identifiers';
import { regimeOn } from '../../src/modules/credit-record/publication-window';
import { openTestDatabase, type TestDatabase } from '../support/db';

const TODAY = '2026-11-29';
const SUBJECTS = 300;
const vault = createIdNumberVault({ hmacKey: Buffer.alloc(32, 1), encryptionKey: Buffer.alloc(32, 2) });
const bundle: CatalogBundle = loadCatalogBundle();

const TABLES: ReadonlyArray<[string, PgTable, string]> = [
  ['agencies', t.agencies, 'code'], ['subjects', t.subjects, 'id'], ['legal_documents', t.legalDocuments, 'id'],
  ['credit_records', t.creditRecords, 'id'], ['serious_list_entries', t.seriousListEntries, 'id'],
  ['objections', t.objections, 'id'], ['repair_applications', t.repairApplications, 'id'], ['consents', t.consents, 'id'],
];

async function seeded(random = 49): Promise<{ database: TestDatabase; catalog: CatalogIndex; result: SeedResult }> {
  const database = await openTestDatabase();
  const catalog = await syncCatalog(database.db, bundle);
  const result = await seedDatabase(database, { catalog, bundle, vault, subjects: SUBJECTS, random, today: TODAY });
  return { database, catalog, result };
}

const decrypt = (base64: string) => vault.decrypt(Buffer.from(base64, 'base64'));

/** sha256 over every seeded row in id order; ciphertexts (fresh IV each time) are compared decrypted. */
async function fingerprint(database: TestDatabase): Promise<string> {
  const hash = createHash('sha256');
  const clear = (key: string, value: unknown) => {
    // 记录编号 are the database's own (keyed by its secret, never reused): not the seed's.
    if (key === 'recordNumber') return undefined;
    if (typeof value !== 'string' || value === '') return value;
    if (key.endsWith('Cipher')) return decrypt(value);
    return value.startsWith('enc:') ? decrypt(value.slice(4)) : value;
  };
  for (const [name, table, key] of TABLES) {
    const rows = await database.db.select().from(table).orderBy(asc(sql.identifier(key)));
    for (const row of rows) hash.update(`${name}:${JSON.stringify(row, clear)}\n`);
  }
  return hash.digest('hex');
}

let first: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
  first = await seeded();
}, 120_000);

afterAll(async () => {
  await first?.database.destroy();
});

describe('seedDatabase', () => {
  it('writes identical rows for the same seed and different rows for another seed', async () => {
    const again = await seeded();
    const other = await seeded(50);
    try {
      const expected = await fingerprint(first.database);
      expect(await fingerprint(again.database)).toBe(expected);
      expect(await fingerprint(other.database)).not.toBe(expected);
      expect(again.result.counts).toEqual(first.result.counts);
    } finally {
      await again.database.destroy();
      await other.database.destroy();
    }
  }, 180_000);

  it('gives every record, list entry, objection and repair application its own 记录编号 (the bulk load on PostgreSQL too)', async () => {
    const numbers: string[] = [];
    for (const [table, letter] of [[t.creditRecords, 'R'], [t.seriousListEntries, 'L'], [t.objections, 'Y'], [t.repairApplications, 'X']] as const) {
      const rows = await first.database.db.select({ n: table.recordNumber }).from(table);
      for (const { n } of rows) expect(n).toMatch(new RegExp(`^\\d{6}-\\d{4}-${letter}\\d{10}$`));
      numbers.push(...rows.map((r) => r.n));
    }
    expect(numbers.length).toBeGreaterThan(0);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('gives every subject and agency a valid unified social credit code', async () => {
    const subjects = await first.database.db.select().from(t.subjects);
    const agencies = await first.database.db.select().from(t.agencies);
    const codes = [...subjects.map((s) => s.uscc), ...agencies.map((a) => a.uscc)].filter((c): c is string => c !== null);
    expect(codes.length).toBeGreaterThan(SUBJECTS * 0.8);
    expect(codes.filter((c) => !isValidUscc(c))).toEqual([]);
    expect(subjects.filter((s) => s.kind === 'INDIVIDUAL_BUSINESS').every((s) => s.uscc!.startsWith('92'))).toBe(true);
    expect(subjects.filter((s) => s.kind === 'LEGAL_PERSON').every((s) => s.uscc!.startsWith('91'))).toBe(true);
  });

  it('stores ID numbers only as a matching hash and a ciphertext of a valid number', async () => {
    const subjects = await first.database.db.select().from(t.subjects);
    const pairs = subjects.flatMap((s) => [[s.idNumberHash, s.idNumberCipher], [s.legalRepIdHash, s.legalRepIdCipher]])
      .filter(([hash]) => hash !== null) as Array<[string, string]>;
    expect(pairs.length).toBe(subjects.length);
    for (const [hash, cipher] of pairs) {
      const number = decrypt(cipher);
      expect(validateResidentId(number, new Date(`${TODAY}T00:00:00Z`))).toMatchObject({ ok: true });
      expect(vault.lookupHash(number).toString('hex')).toBe(hash);
    }
    const natural = subjects.filter((s) => s.kind === 'NATURAL_PERSON');
    expect(natural.length).toBeGreaterThan(SUBJECTS * 0.08);
    expect(natural.every((s) => s.uscc === null)).toBe(true);
  });

  it('records only items of published catalogs that allow the subject kind, attributed to the provider', async () => {
    const rows = await first.database.db
      .select({ record: t.creditRecords, kind: t.subjects.kind, region: t.subjects.regionCode, status: t.catalogVersions.status, system: t.agencies.system })
      .from(t.creditRecords)
      .innerJoin(t.subjects, eq(t.subjects.id, t.creditRecords.subjectId))
      .innerJoin(t.catalogItems, eq(t.catalogItems.id, t.creditRecords.catalogItemId))
      .innerJoin(t.catalogVersions, eq(t.catalogVersions.id, t.catalogItems.versionId))
      .innerJoin(t.agencies, eq(t.agencies.code, t.creditRecords.agencyCode));
    expect(rows.length).toBeGreaterThan(SUBJECTS * 5);
    for (const { record, kind, region, status, system } of rows) {
      const item = first.catalog.item(record.catalogItemId)!;
      expect([item.code, status, item.subjectKinds.includes(kind), system]).toEqual([item.code, 'PUBLISHED', true, item.provider]);
      if (item.code.startsWith('SZ-')) expect(region.startsWith('4403')).toBe(true);
    }
  });

  it('keys every payload exactly as its record kind and rests every dishonesty record on a document', async () => {
    const records = await first.database.db.select().from(t.creditRecords);
    const documents = new Set((await first.database.db.select({ id: t.legalDocuments.id }).from(t.legalDocuments)).map((d) => d.id));
    for (const r of records) {
      const item = first.catalog.item(r.catalogItemId)!;
      const expected = recordKindFields(item.recordKind as RecordKind).map((f) => f.key).sort();
      const payload = r.payload as Record<string, unknown>;
      expect([item.code, Object.keys(payload).sort()]).toEqual([item.code, expected]);
      if (r.dishonesty) expect(documents.has(r.legalDocumentId!)).toBe(true);
      // ID numbers only as ciphertext, in the payload codec's `enc:` form.
      for (const f of recordKindFields(item.recordKind as RecordKind).filter((x) => x.personal === 'ID_NUMBER')) {
        const value = payload[f.key];
        if (value === null) continue;
        expect(String(value)).toMatch(/^enc:/);
        expect(validateResidentId(decrypt(String(value).slice(4)), new Date(`${TODAY}T00:00:00Z`)).ok).toBe(true);
      }
    }
  });

  it('orders every publication window and takes REGIME periods from the regime of the decision date', async () => {
    const records = await first.database.db.select().from(t.creditRecords);
    const regimes = new Set<string>();
    for (const r of records) {
      const bounds = [r.publishFrom, r.publishMinUntil, r.publishUntil].filter((d): d is string => d !== null);
      expect(bounds).toEqual([...bounds].sort());
      if (r.publishFrom !== null) expect(r.publishFrom).toBe(r.decisionDate);
      const item = first.catalog.item(r.catalogItemId)!;
      if (item.publish.scope !== 'NONE' && item.publish.period.basis === 'REGIME' && r.leniencyGround === null) {
        expect(r.regime).toBe(regimeOn(bundle.regimes, r.decisionDate)!.code);
        regimes.add(r.regime!);
      }
      expect(r.decisionDate <= TODAY).toBe(true);
    }
    expect([...regimes].sort()).toEqual(bundle.regimes.map((g) => g.code).sort());
    const statuses = new Set(records.map((r) => r.status));
    expect(statuses).toEqual(new Set(['ACTIVE', 'REPAIRED', 'REVOKED']));
    expect(records.some((r) => r.publishUntil !== null && r.publishUntil < TODAY)).toBe(true);
  });

  it('dates nothing after the day the data is as of', async () => {
    const end = new Date(`${TODAY}T23:59:59+08:00`).getTime();
    const columns: Array<[PgTable, PgColumn]> = [
      [t.creditRecords, t.creditRecords.createdAt], [t.creditRecords, t.creditRecords.updatedAt], [t.legalDocuments, t.legalDocuments.effectiveOn],
      [t.objections, t.objections.filedAt], [t.objections, t.objections.decidedAt], [t.repairApplications, t.repairApplications.filedAt],
      [t.repairApplications, t.repairApplications.decidedAt], [t.seriousListEntries, t.seriousListEntries.listedAt],
      [t.seriousListEntries, t.seriousListEntries.removedAt], [t.seriousListEntries, t.seriousListEntries.droppedAt],
      [t.consents, t.consents.grantedAt], [t.consents, t.consents.revokedAt],
    ];
    for (const [table, column] of columns) {
      const [row] = await first.database.db.select({ latest: max(column) }).from(table);
      expect([column.name, new Date(row!.latest as string | Date).getTime() <= end]).toEqual([column.name, true]);
    }
  });

  it('links every listed or removed entry to its decision document and its list item record', async () => {
    const entries = await first.database.db.select().from(t.seriousListEntries);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries.filter((x) => x.state === 'LISTED' || x.state === 'REMOVED')) {
      const [record] = await first.database.db.select().from(t.creditRecords).where(eq(t.creditRecords.id, e.creditRecordId!));
      const type = bundle.listTypes.find((x) => x.code === e.listTypeCode)!;
      expect(first.catalog.item(record!.catalogItemId)!.code).toBe(type.catalogItem.code);
      expect(record!.legalDocumentId).toBe(e.decisionDocumentId);
    }
  });

  it('gives consents only to natural persons, for consent purposes, always with an expiry', async () => {
    const rows = await first.database.db.select({ c: t.consents, kind: t.subjects.kind }).from(t.consents)
      .innerJoin(t.subjects, eq(t.subjects.id, t.consents.subjectId));
    const consentPurposes = bundle.purposes.filter((p) => p.personalDataBasis === 'CONSENT').map((p) => p.code);
    expect(rows.length).toBeGreaterThan(0);
    for (const { c, kind } of rows) {
      expect(kind).toBe('NATURAL_PERSON');
      expect(c.purposes.every((p) => consentPurposes.includes(p))).toBe(true);
      expect(c.expiresAt.getTime()).toBeGreaterThan(c.grantedAt.getTime());
    }
    expect(rows.some(({ c }) => c.revokedAt !== null)).toBe(true);
    expect(rows.some(({ c }) => c.expiresAt < new Date(`${TODAY}T00:00:00+08:00`))).toBe(true);
  });

  it('keeps 91320100748204660Q as subject 1 with penalties, licences and an honour, and returns sample codes that exist', async () => {
    const { db } = first.database;
    const [steel] = await db.select().from(t.subjects).where(eq(t.subjects.id, 1));
    expect([steel!.uscc, steel!.name, steel!.kind]).toEqual(['91320100748204660Q', '南京钢铁联合有限公司', 'LEGAL_PERSON']);
    const kinds = (await db.select().from(t.creditRecords).where(eq(t.creditRecords.subjectId, 1)))
      .map((r) => first.catalog.item(r.catalogItemId)!.recordKind);
    expect(kinds).toEqual(expect.arrayContaining(['PENALTY', 'LICENCE', 'HONOUR']));
    const codes = first.result.sampleCodes;
    for (const code of [...codes.legalPersons, ...codes.individualBusinesses, ...codes.listed]) {
      expect(await db.select({ id: t.subjects.id }).from(t.subjects).where(eq(t.subjects.uscc, code))).toHaveLength(1);
    }
    for (const number of codes.naturalPersonIdNumbers) {
      const hash = vault.lookupHash(number).toString('hex');
      expect(await db.select({ id: t.subjects.id }).from(t.subjects).where(eq(t.subjects.idNumberHash, hash))).toHaveLength(1);
    }
    expect(codes.listed.length).toBeGreaterThan(0);
  });

  it('refuses to seed a database that has subjects, and reseeds it identically after a reset', async () => {
    const { database, catalog } = first;
    const before = await fingerprint(database);
    await expect(seedDatabase(database, { catalog, bundle, vault, subjects: 10, random: 49, today: TODAY }))
      .rejects.toThrow(`refusing to seed: the database already has ${SUBJECTS} subject(s)`);
    await seedDatabase(database, { catalog, bundle, vault, subjects: SUBJECTS, random: 49, today: TODAY, reset: true });
    expect(await fingerprint(database)).toBe(before);
    // Identity sequences moved past the explicit ids: a plain insert gets the next id.
    const [row] = await database.db.insert(t.subjects).values({ kind: 'LEGAL_PERSON', uscc: '91110108551385082Q', name: '新设有限公司', regionCode: '110108' })
      .returning({ id: t.subjects.id });
    expect(row!.id).toBe(SUBJECTS + 1);
  }, 120_000);
});

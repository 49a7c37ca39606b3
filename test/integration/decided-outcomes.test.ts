/**
 * Decided outcomes are written once, by the database itself (drizzle/0022): for each procedure
 * table, the moves the services make still go through — made here by the services' own
 * repositories — and each rewrite of a decision, move backwards, change of who or what a case
 * is about, wider consent or swapped attachment is refused with its own error, for the owner as
 * for the application role. The record-number key is read-only to the application role and
 * fixed for everyone. Runs on a freshly migrated database (PGlite, or PostgreSQL with DATABASE_URL).
 */
import { createHash } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import {
  agencies, attachments, catalogVersions, consents, creditRecords, legalDocuments, measureApplications, objections, punishmentMeasures,
  repairApplications, seriousListEntries, subjects,
} from '../../src/db/schema';
import { ObjectionRepo } from '../../src/modules/objection/objection.repo';
import { EntryObjectionRepo } from '../../src/modules/objection/entry-objection.repo';
import { RepairRepo } from '../../src/modules/repair/repair.repo';
import { SeriousListRepo } from '../../src/modules/serious-list/serious-list.repo';
import { MeasureRepo } from '../../src/modules/measure/measure.repo';
import { ConsentRepo } from '../../src/modules/consent/consent.repo';
import { AttachmentRepo } from '../../src/modules/attachment/attachment.repo';
import type { Tx } from '../../src/db/database';
import { openTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
let subjectId: number;
let otherSubjectId: number;
let documentId: number;
let recordId: number;
let otherRecordId: number;

const AGENCY = 'SAMR-320100';
const OTHER_AGENCY = 'SAMR-320102';
const at = (day: string) => new Date(`${day}T02:00:00Z`);

interface Refusal {
  message: string;
  /** SQLSTATE: 23514 check_violation, 42501 insufficient_privilege. */
  code: string | undefined;
}

/** The database's own error (not the driver's wrapper, which quotes the statement). */
async function refusal(p: Promise<unknown>): Promise<Refusal> {
  try {
    await p;
  } catch (e) {
    const err = e as { message: string; code?: string; cause?: { message?: string; code?: string } };
    return { message: err.cause?.message ?? err.message, code: err.cause?.code ?? err.code };
  }
  throw new Error('the database accepted what it should refuse');
}

/** Expects a refusal with this message (a RegExp) and the check_violation SQLSTATE. */
async function expectRefused(p: Promise<unknown>, message: RegExp): Promise<void> {
  const r = await refusal(p);
  expect(r.message).toMatch(message);
  expect(r.code).toBe('23514');
}

/** `statement` as the application role (credit_app), in a transaction of its own. */
async function asApp<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL ROLE credit_app`);
    return run(tx);
  });
}
const asAppRun = (statement: SQL) => asApp((tx) => tx.execute(statement));

beforeAll(async () => {
  database = await openTestDatabase();
  await syncCatalog(database.db, loadCatalogBundle());
  await database.db.insert(agencies).values([
    { code: AGENCY, name: '南京市市场监督管理局', level: 'PREFECTURE', kind: 'DEPARTMENT', system: 'SAMR', regionCode: '320100' },
    { code: OTHER_AGENCY, name: '南京市玄武区市场监督管理局', level: 'COUNTY', kind: 'DEPARTMENT', system: 'SAMR', regionCode: '320102' },
  ]);
  const made = await database.db.insert(subjects).values([
    { kind: 'LEGAL_PERSON', uscc: '91320100748204660Q', name: '南京钢铁联合有限公司', regionCode: '320100' },
    { kind: 'LEGAL_PERSON', uscc: '91320100MA1MXXXX0A', name: '南京另一有限公司', regionCode: '320100' },
  ]).returning({ id: subjects.id });
  subjectId = made[0]!.id;
  otherSubjectId = made[1]!.id;
  const docs = await database.db.insert(legalDocuments).values(['宁市监处罚〔2026〕7号', '宁市监处罚〔2026〕8号'].map((number) => ({
    kind: 'ADMINISTRATIVE_PENALTY' as const, number, issuerName: '南京市市场监督管理局', effectiveOn: '2026-05-01',
  }))).returning({ id: legalDocuments.id });
  documentId = docs[0]!.id;
  const [item] = await database.db.execute(sql`SELECT i.id FROM catalog_items i JOIN catalog_versions v ON v.id = i.version_id
    WHERE i.code = '03-02-001' AND v.status = 'PUBLISHED' LIMIT 1`).then(rowsOf<{ id: number }>);
  const records = await database.db.insert(creditRecords).values(docs.map((d) => ({
    subjectId, catalogItemId: Number(item!.id), dishonesty: true, legalDocumentId: d.id, agencyCode: AGENCY,
    decisionDate: '2026-05-01', severity: 'GENERAL' as const, payload: {},
  }))).returning({ id: creditRecords.id });
  recordId = records[0]!.id;
  otherRecordId = records[1]!.id;
});

afterAll(() => database.destroy());

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

const objection = async () => {
  const [row] = await database.db.insert(objections).values({
    subjectId, creditRecordId: recordId, reason: '处罚金额有误', filedAt: at('2026-06-01'), dueAt: at('2026-06-20'),
  }).returning();
  return row!;
};

describe('objections: PENDING → DECIDED, once', () => {
  it('decides a pending objection through its repository, exactly once', async () => {
    const o = await objection();
    const repo = new ObjectionRepo(database.db);
    const decided = await repo.decide(o.id, { outcome: 'CORRECTED', response: '已更正金额', at: at('2026-06-10'), by: AGENCY, official: 'official-1' });
    expect(decided).toMatchObject({ state: 'DECIDED', outcome: 'CORRECTED', response: '已更正金额', decidedBy: AGENCY, decidedByOfficial: 'official-1' });
    expect(await repo.decide(o.id, { outcome: 'REJECTED', response: 'x', at: at('2026-06-11'), by: AGENCY, official: 'official-2' })).toBeUndefined();
    // An update that changes nothing is no rewrite.
    await expect(database.db.update(objections).set({ state: 'DECIDED' }).where(eq(objections.id, o.id))).resolves.toBeDefined();
  });

  it('refuses to rewrite a decision, reopen it, or change who objects to what', async () => {
    const o = await objection();
    await new ObjectionRepo(database.db).decide(o.id, { outcome: 'REJECTED', response: '理由不成立', at: at('2026-06-10'), by: AGENCY, official: 'official-1' });
    const set = (values: Partial<typeof objections.$inferInsert>) => database.db.update(objections).set(values).where(eq(objections.id, o.id));
    await expectRefused(set({ outcome: 'CORRECTED' }), new RegExp(`^DECISION_WRITE_ONCE: objections ${o.id} is DECIDED: outcome cannot change`));
    await expectRefused(set({ response: '理由成立', decidedAt: at('2026-06-09') }), /^DECISION_WRITE_ONCE: objections \d+ is DECIDED: decided_at, response cannot change/);
    await expectRefused(set({ decidedByOfficial: 'official-2' }), /^DECISION_WRITE_ONCE: .*decided_by_official/);
    await expectRefused(set({ state: 'PENDING', outcome: null, response: null, decidedAt: null, decidedBy: null }),
      new RegExp(`^CASE_TRANSITION: objections ${o.id} cannot go from DECIDED to PENDING`));
    await expectRefused(set({ creditRecordId: otherRecordId }), /^CASE_FIXED: objections \d+: credit_record_id cannot change \(who objects, to what/);
    await expectRefused(set({ subjectId: otherSubjectId }), /^CASE_FIXED: objections \d+: subject_id cannot change/);
    await expectRefused(set({ dueAt: at('2026-07-30') }), /^CASE_FIXED: objections \d+: due_at cannot change/);
    const [kept] = await database.db.select().from(objections).where(eq(objections.id, o.id));
    expect(kept).toMatchObject({ state: 'DECIDED', outcome: 'REJECTED', response: '理由不成立', creditRecordId: recordId, subjectId });
  });

  it('refuses a decision written ahead of the decision itself', async () => {
    const o = await objection();
    await expectRefused(database.db.update(objections).set({ response: '预先写好的答复' }).where(eq(objections.id, o.id)),
      /^DECISION_WRITE_ONCE: objections \d+ is PENDING: response cannot change/);
  });
});

const repair = async (state: 'SUBMITTED' | 'ACCEPTED' = 'SUBMITTED') => {
  const [row] = await database.db.insert(repairApplications).values({
    subjectId, creditRecordId: recordId, commitment: '信用承诺书', obligationsEvidence: '缴款凭证', filedAt: at('2026-06-01'), dueAt: at('2026-06-20'), state,
  }).returning();
  return row!;
};

describe('repair applications: SUBMITTED (→ ACCEPTED) → APPROVED or REJECTED, once', () => {
  it('decides an open application through its repository, exactly once, and may accept one first', async () => {
    const repo = new RepairRepo(database.db);
    const a = await repair();
    const approve = { state: 'APPROVED' as const, treatment: 'SHIELDED' as const, reason: '已履行', at: at('2026-06-10'), by: AGENCY, official: 'official-1' };
    expect(await repo.decide(a.id, approve)).toMatchObject({ state: 'APPROVED', treatment: 'SHIELDED', decisionReason: '已履行' });
    expect(await repo.decide(a.id, { ...approve, state: 'REJECTED', treatment: null })).toBeUndefined();
    const b = await repair();
    await database.db.update(repairApplications).set({ state: 'ACCEPTED' }).where(eq(repairApplications.id, b.id));
    expect(await repo.decide(b.id, { ...approve, state: 'REJECTED', treatment: null, reason: '未履行' })).toMatchObject({ state: 'REJECTED', treatment: null });
  });

  it('refuses to change a decided treatment or reason, to reverse a decision, or to re-point the application', async () => {
    const a = await repair();
    await new RepairRepo(database.db).decide(a.id, { state: 'APPROVED', treatment: 'MARKED', reason: '已履行', at: at('2026-06-10'), by: AGENCY, official: 'official-1' });
    const set = (values: Partial<typeof repairApplications.$inferInsert>) =>
      database.db.update(repairApplications).set(values).where(eq(repairApplications.id, a.id));
    // MARKED → DELETED would turn a marked record into one to erase.
    await expectRefused(set({ treatment: 'DELETED' }), /^DECISION_WRITE_ONCE: repair_applications \d+ is APPROVED: treatment cannot change/);
    await expectRefused(set({ decisionReason: '另述理由' }), /^DECISION_WRITE_ONCE: .*decision_reason/);
    await expectRefused(set({ state: 'REJECTED', treatment: null }), /^CASE_TRANSITION: repair_applications \d+ cannot go from APPROVED to REJECTED/);
    await expectRefused(set({ state: 'SUBMITTED', treatment: null }), /^CASE_TRANSITION: repair_applications \d+ cannot go from APPROVED to SUBMITTED/);
    await expectRefused(set({ creditRecordId: otherRecordId }), /^CASE_FIXED: repair_applications \d+: credit_record_id cannot change/);
    await expectRefused(set({ commitment: '另一份承诺' }), /^CASE_FIXED: repair_applications \d+: commitment cannot change/);
    const accepted = await repair('ACCEPTED');
    await expectRefused(database.db.update(repairApplications).set({ state: 'SUBMITTED' }).where(eq(repairApplications.id, accepted.id)),
      /^CASE_TRANSITION: repair_applications \d+ cannot go from ACCEPTED to SUBMITTED/);
  });
});

const notice = async () => {
  const [row] = await database.db.insert(seriousListEntries).values({
    listTypeCode: 'SAMR_SERIOUS_VIOLATION', subjectId, agencyCode: AGENCY, noticeReasons: '拟列入', noticeBasis: '依据',
    noticeRights: '陈述申辩权', notifiedAt: at('2026-06-01'), objectionDeadline: '2026-06-15',
  }).returning();
  return row!;
};
const LISTING = {
  decisionReasons: '事由', decisionBasis: '依据', measuresNotice: '措施', removalConditions: '条件', removalProcedure: '程序',
  remedies: '复议或诉讼', listedAt: at('2026-07-01'), listedUntil: '2029-07-01', decidedByOfficial: 'official-1',
};

describe('serious-list entries: notice ⇄ objection → listing → removal, or dropped', () => {
  it('makes every move the services make, through their repositories', async () => {
    const entries = new SeriousListRepo(database.db);
    const byObjection = new EntryObjectionRepo(database.db);
    const e = await notice();
    expect(await byObjection.markObjected(e.id)).toBe(true);
    expect(await byObjection.backToNotified(e.id)).toBe(true);
    expect(await byObjection.markObjected(e.id)).toBe(true);
    expect(await entries.markListed(e.id, { ...LISTING, decisionDocumentId: documentId, creditRecordId: recordId })).toMatchObject({ state: 'LISTED' });
    const removed = await entries.markRemoved(e.id, { removalReason: 'CONDITIONS_MET', removalNote: '已整改', removedAt: at('2027-08-01') });
    expect(removed).toMatchObject({ state: 'REMOVED', removalReason: 'CONDITIONS_MET' });
    expect(await entries.markRemoved(e.id, { removalReason: 'EXPIRED', removalNote: null, removedAt: at('2029-07-02') })).toBeUndefined();
    const dropped = await notice();
    expect(await entries.markDropped(dropped.id, { dropReason: '事实不成立', droppedAt: at('2026-06-10') })).toMatchObject({ state: 'DROPPED' });
  });

  it('refuses to rewrite a listing decision or a removal, to go back, or to change the notice', async () => {
    const entries = new SeriousListRepo(database.db);
    const e = await notice();
    await entries.markListed(e.id, { ...LISTING, decisionDocumentId: documentId, creditRecordId: recordId });
    const set = (values: Partial<typeof seriousListEntries.$inferInsert>) =>
      database.db.update(seriousListEntries).set(values).where(eq(seriousListEntries.id, e.id));
    await expectRefused(set({ listedUntil: '2031-07-01' }), /^DECISION_WRITE_ONCE: serious_list_entries \d+ is LISTED: listed_until cannot change/);
    await expectRefused(set({ decisionReasons: '另一事由' }), /^DECISION_WRITE_ONCE: .*decision_reasons/);
    await expectRefused(set({ creditRecordId: otherRecordId }), /^DECISION_WRITE_ONCE: .*credit_record_id/);
    await expectRefused(set({ state: 'NOTIFIED' }), /^CASE_TRANSITION: serious_list_entries \d+ cannot go from LISTED to NOTIFIED/);
    await expectRefused(set({ state: 'DROPPED', dropReason: 'x', droppedAt: at('2026-07-02') }), /^CASE_TRANSITION: .* from LISTED to DROPPED/);
    await expectRefused(set({ subjectId: otherSubjectId }), /^CASE_FIXED: serious_list_entries \d+: subject_id cannot change/);
    await expectRefused(set({ noticeReasons: '另一告知' }), /^CASE_FIXED: .*notice_reasons/);
    await entries.markRemoved(e.id, { removalReason: 'CONDITIONS_MET', removalNote: '已整改', removedAt: at('2027-08-01') });
    await expectRefused(set({ removalReason: 'OBJECTION_UPHELD' }), /^DECISION_WRITE_ONCE: serious_list_entries \d+ is REMOVED: removal_reason cannot change/);
    await expectRefused(set({ state: 'LISTED', removalReason: null, removedAt: null }), /^CASE_TRANSITION: .* from REMOVED to LISTED/);
    const dropped = await notice();
    await entries.markDropped(dropped.id, { dropReason: '事实不成立', droppedAt: at('2026-06-10') });
    await expectRefused(database.db.update(seriousListEntries).set({ state: 'NOTIFIED', droppedAt: null }).where(eq(seriousListEntries.id, dropped.id)),
      /^CASE_TRANSITION: .* from DROPPED to NOTIFIED/);
    // Writing a listing's decision into a mere notice is writing it ahead of the decision.
    const pending = await notice();
    await expectRefused(database.db.update(seriousListEntries).set({ decisionReasons: '预写事由' }).where(eq(seriousListEntries.id, pending.id)),
      /^DECISION_WRITE_ONCE: serious_list_entries \d+ is NOTIFIED: decision_reasons cannot change/);
  });
});

describe('measure applications: in force → lifted, once', () => {
  const apply = async () => {
    const [m] = await database.db.select({ id: punishmentMeasures.id, category: punishmentMeasures.category }).from(punishmentMeasures)
      .innerJoin(catalogVersions, eq(catalogVersions.id, punishmentMeasures.listVersionId))
      .where(sql`${catalogVersions.status} = 'PUBLISHED' AND ${punishmentMeasures.category} <> 'THIRD_PARTY_VOLUNTARY'`).limit(1);
    const [row] = await database.db.insert(measureApplications).values({
      measureId: m!.id, measureCategory: m!.category, mode: 'IMPOSED', creditRecordId: recordId, agencyCode: AGENCY,
      citedBasis: '《测试条例》第三条', appliedAt: at('2026-06-01'),
    }).returning();
    return row!;
  };

  it('lifts through its repository, once', async () => {
    const repo = new MeasureRepo(database.db);
    const a = await apply();
    expect(await repo.lift(a.id, '已履行', at('2026-07-01'))).toMatchObject({ liftReason: '已履行' });
    expect(await repo.lift(a.id, '另述', at('2026-07-02'))).toBeUndefined();
    await apply();
    expect(await repo.liftOn({ recordId, entryId: null }, '记录已修复', at('2026-07-03'))).toBe(1);
  });

  it('refuses to re-date or re-word a lifting, to put a lifted measure back in force, or to change what was applied', async () => {
    const a = await apply();
    await new MeasureRepo(database.db).lift(a.id, '已履行', at('2026-07-01'));
    const set = (values: Partial<typeof measureApplications.$inferInsert>) =>
      database.db.update(measureApplications).set(values).where(eq(measureApplications.id, a.id));
    await expectRefused(set({ liftedAt: at('2026-06-02') }), /^DECISION_WRITE_ONCE: measure_applications \d+ is LIFTED: lifted_at cannot change/);
    await expectRefused(set({ liftReason: '另述' }), /^DECISION_WRITE_ONCE: .*lift_reason/);
    await expectRefused(set({ liftedAt: null, liftReason: null }), /^CASE_TRANSITION: measure_applications \d+ cannot go from LIFTED to IN_FORCE/);
    await expectRefused(set({ citedBasis: '另一依据' }), /^CASE_FIXED: measure_applications \d+: cited_basis cannot change/);
    await expectRefused(set({ creditRecordId: otherRecordId }), /^CASE_FIXED: .*credit_record_id/);
  });
});

describe('consents: given → revoked, once; the scope never changes', () => {
  const give = async () => {
    const [row] = await database.db.insert(consents).values({
      subjectId, granteeAgencyCode: AGENCY, purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'],
      grantedAt: at('2026-06-01'), expiresAt: at('2026-12-01'), channel: 'ONLINE', evidence: 'signed form #1',
    }).returning();
    return row!;
  };

  it('revokes through its repository, once', async () => {
    const repo = new ConsentRepo(database.db);
    const c = await give();
    expect(await repo.revoke(c.id, subjectId, at('2026-07-01'))).toMatchObject({ revokedAt: at('2026-07-01') });
    expect(await repo.revoke(c.id, subjectId, at('2026-07-02'))).toBeUndefined();
  });

  it('refuses to widen a consent, move it to another subject or grantee, or un-revoke or re-date a revocation', async () => {
    const c = await give();
    const set = (values: Partial<typeof consents.$inferInsert>) => database.db.update(consents).set(values).where(eq(consents.id, c.id));
    await expectRefused(set({ itemCodes: ['03-02-001', '01-01-001'] }), /^CASE_FIXED: consents \d+: item_codes cannot change \(a consent's subject, grantee/);
    await expectRefused(set({ purposes: ['FINANCIAL_SERVICE', 'HIRING'] }), /^CASE_FIXED: consents \d+: purposes cannot change/);
    await expectRefused(set({ expiresAt: at('2036-12-01') }), /^CASE_FIXED: consents \d+: expires_at cannot change/);
    await expectRefused(set({ granteeAgencyCode: OTHER_AGENCY }), /^CASE_FIXED: .*grantee_agency_code/);
    await expectRefused(set({ subjectId: otherSubjectId }), /^CASE_FIXED: .*subject_id/);
    await new ConsentRepo(database.db).revoke(c.id, subjectId, at('2026-07-01'));
    await expectRefused(set({ revokedAt: null }), /^CASE_TRANSITION: consents \d+ cannot go from REVOKED to GIVEN/);
    await expectRefused(set({ revokedAt: at('2026-11-01') }), /^DECISION_WRITE_ONCE: consents \d+ is REVOKED: revoked_at cannot change/);
  });
});

describe('attachments: the file and its receipt never change; the file can be deleted', () => {
  const file = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('refuses to swap the content or the digest, or to move the file to another case, and deletes it whole', async () => {
    const o = await objection();
    const content = file('缴款凭证');
    const meta = await new AttachmentRepo(database.db).insert({
      subjectId, objectionId: o.id, fileName: '缴款凭证.pdf', contentType: 'application/pdf', size: content.length, sha256: sha(content),
      content, uploadedAt: at('2026-06-02'),
    });
    const set = (values: Partial<typeof attachments.$inferInsert>) => database.db.update(attachments).set(values).where(eq(attachments.id, meta.id));
    const forged = file('伪造的缴款凭证');
    await expectRefused(set({ content: forged, size: forged.length, sha256: sha(forged) }),
      new RegExp(`^CASE_FIXED: attachments ${meta.id}: sha256, size cannot change \\(a file's SHA-256 receipt`));
    // The content is written only by the purge's erasure (drizzle/0024), never swapped.
    await expectRefused(set({ content: file('缴款凭证 ') }), /^DECISION_WRITE_ONCE: attachments \d+ is HELD: content cannot change/);
    await expectRefused(set({ sha256: sha(forged) }), /^CASE_FIXED: attachments \d+: sha256 cannot change/);
    const other = await objection();
    await expectRefused(set({ objectionId: other.id }), /^CASE_FIXED: attachments \d+: objection_id cannot change/);
    const [kept] = await database.db.select().from(attachments).where(eq(attachments.id, meta.id));
    expect(kept!.content!.equals(content)).toBe(true);
    expect(kept!.sha256).toBe(sha(content));
    // Erased once (content and name; the receipt stays), and never brought back.
    await set({ content: null, fileName: null, contentErasedAt: new Date() });
    await expectRefused(set({ content, fileName: 'back.jpg', contentErasedAt: null }), /^CASE_TRANSITION: attachments \d+ cannot go from ERASED to HELD/);
    const [erased] = await database.db.select().from(attachments).where(eq(attachments.id, meta.id));
    expect([erased!.content, erased!.fileName, erased!.sha256]).toEqual([null, null, sha(content)]);
    // Retention and erasure remove a file whole.
    expect(await database.db.delete(attachments).where(eq(attachments.id, meta.id)).returning({ id: attachments.id })).toEqual([{ id: meta.id }]);
  });
});

describe('the application role', () => {
  it('is refused the same rewrites as the owner', async () => {
    const o = await objection();
    await new ObjectionRepo(database.db).decide(o.id, { outcome: 'REJECTED', response: '理由不成立', at: at('2026-06-10'), by: AGENCY, official: 'official-1' });
    await expectRefused(asAppRun(sql`UPDATE objections SET outcome = 'CORRECTED' WHERE id = ${o.id}`), /^DECISION_WRITE_ONCE: objections/);
    await expectRefused(asAppRun(sql`UPDATE consents SET item_codes = item_codes || '{01-01-001}'::text[]`), /^CASE_FIXED: consents/);
  });

  it('reads the record-number key and numbers new rows with it, and may not change it', async () => {
    const [key] = await asApp(async (tx) => rowsOf<{ secret: string }>(await tx.execute(sql`SELECT secret FROM record_number_key`)));
    expect(key!.secret).toMatch(/^[0-9a-f-]{72}$/);
    // The numbering functions run with the caller's rights: the application role's inserts are numbered.
    const [filed] = await asApp((tx) => tx.insert(objections).values({
      subjectId, creditRecordId: recordId, reason: '由应用角色提出', filedAt: at('2026-06-01'), dueAt: at('2026-06-20'),
    }).returning({ recordNumber: objections.recordNumber }));
    expect(filed!.recordNumber).toMatch(/^320100-2026-Y\d{10}$/);
    const denied = /permission denied/;
    for (const statement of [
      sql`UPDATE record_number_key SET secret = 'known'`,
      sql`DELETE FROM record_number_key`,
      sql`TRUNCATE record_number_key`,
      sql`INSERT INTO record_number_key (only_row, secret) VALUES (true, 'known') ON CONFLICT (only_row) DO UPDATE SET secret = 'known'`,
    ]) {
      const r = await refusal(asAppRun(statement));
      expect(r.message).toMatch(denied);
      expect(r.code).toBe('42501');
    }
  });
});

describe('the record-number key', () => {
  it('is fixed for everyone, the owner included (who must switch the triggers off to change it)', async () => {
    const [before] = rowsOf<{ secret: string }>(await database.db.execute(sql`SELECT secret FROM record_number_key`));
    for (const statement of [sql`UPDATE record_number_key SET secret = 'known'`, sql`DELETE FROM record_number_key`, sql`TRUNCATE record_number_key`]) {
      const r = await refusal(database.db.execute(statement));
      expect(r.message).toMatch(/^RECORD_NUMBER_KEY_FIXED: record_number_key cannot be updated, deleted or truncated/);
      expect(r.code).toBe('42501');
    }
    const [after] = rowsOf<{ secret: string }>(await database.db.execute(sql`SELECT secret FROM record_number_key`));
    expect(after).toEqual(before);
  });
});

/**
 * A credit record's history (issue 13 item 7): every change is an immutable version with who,
 * when, why and on what ground — readable by the record's subject and auditors, nobody else —
 * and deletion after repair or past retention erases the personal data from the record and
 * from every version, and the content and names of the files filed with objections and repair
 * applications about it, keeping the minimum trace (of a file: its size, type and SHA-256).
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { attachments, creditRecords, creditRecordVersions } from '../../src/db/schema';
import { RecordHistoryRepo } from '../../src/modules/credit-record/record-history.repo';
import { RecordHistoryService } from '../../src/modules/credit-record/record-history.service';
import { decodeRecordId } from '../../src/modules/credit-record/credit-record.view';
import { databaseWork } from '../../src/modules/database-work';
import { builder, type Builder, type BuiltRecord, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok, rowId } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const HISTORY = `query($id: ID!) { creditRecordHistory(recordId: $id) { changedAt change actor actorAgency ground changes { field before after withheld } } }`;
const FILE = 'mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id recordNumber } }';
const DECIDE = 'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { id state } }';
const FILE_FIELDS = 'id fileName contentType size sha256 uploadedAt erasedAt downloadPath';
const ATTACH = `mutation($input: AttachFileInput!) { attachFile(input: $input) { ${FILE_FIELDS} } }`;
const ATTACHMENT = `query($id: ID!) { attachment(id: $id) { ${FILE_FIELDS} contentBase64 } }`;
// An ID card's scan, as evidence is: its name and its content are both personal data.
const SCAN = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(256)]);
const RECEIPT = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

let server: TestServer;
let build: Builder;
let company: BuiltSubject;
let record: BuiltRecord;
const clock = { at: new Date('2026-11-20T02:00:00Z'), now() { return this.at; }, set(d: Date) { this.at = d; } };

const as = (subject: BuiltSubject) => authHeaders({ role: 'SUBJECT', subject: subject.id });
const auditor = () => authHeaders({ role: 'AUDITOR', agency: 'NDRC' }, 'AUDIT');
const dbId = (id: string) => decodeRecordId(id)!;
const purgeService = () => new RecordHistoryService(databaseWork(server.database.db), server.catalog);

type Filed = { id: string; fileName: string | null; contentType: string; size: number; sha256: string; uploadedAt: string; erasedAt: string | null; downloadPath: string };

/** Files for a case of the company's (an objection or a repair application), through the API. */
async function attach(kase: { objectionId: string } | { repairApplicationId: string }, ...files: Array<[string, Buffer]>): Promise<Filed[]> {
  const out: Filed[] = [];
  for (const [fileName, content] of files) {
    out.push(ok(await server.gql(ATTACH, { input: { ...kase, fileName, contentBase64: content.toString('base64') } }, await as(company)), 'attachFile'));
  }
  return out;
}

/** A pending objection of the company's to `target`, with these files. */
async function objectionWith(target: { creditRecordId: string } | { listEntryId: string }, ...files: Array<[string, Buffer]>) {
  const filed = ok(await server.gql(FILE, { input: { ...target, reason: '处罚决定所载事实有误，附身份证明及缴款凭证。' } }, await as(company)), 'fileObjection');
  return { objection: filed as { id: string; recordNumber: string }, files: await attach({ objectionId: filed.id }, ...files) };
}

const attachmentRow = async (id: string) => (await server.database.db.select().from(attachments).where(eq(attachments.id, rowId(id))))[0]!;
const download = async (path: string) => fetch(`${server.url.replace(/\/graphql$/, '')}${path}`, { headers: await as(company) });

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock.now() });
  build = builder(server, { clock });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'NDRC');
  await build.partners('JS_PRTC');
  company = await build.legalPerson({ region: '320106' });
  record = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-10-08', fields: { legalRepresentative: '周海涛', fineAmount: '2' } });
});
afterAll(() => server.close());

describe('the history of a credit record', () => {
  it('keeps each change of an objection with who, why and the fields before and after', async () => {
    const filed = ok(await server.gql(FILE, { input: { creditRecordId: record.id, reason: '罚款金额录入有误，应为1.5万元。' } }, await as(company)), 'fileObjection');
    ok(await server.gql(DECIDE, { input: { id: filed.id, outcome: 'CORRECTED', response: '经核查，罚款金额录入有误，已予更正。', corrections: [{ key: 'fineAmount', value: '1.5' }] } },
      await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')), 'decideObjection');
    const versions = ok(await server.gql(HISTORY, { id: record.id }, await as(company)), 'creditRecordHistory');
    // The objection by its 记录编号, which stays readable for good: not its opaque id (enciphered under a key that may be rotated).
    const ground = `objection ${filed.recordNumber}`;
    expect(filed.recordNumber).toMatch(/^320106-\d{4}-Y\d{10}$/);
    expect(versions).toEqual([
      expect.objectContaining({ change: 'OBJECTION_FILED', actor: `test-subject`, ground, changes: [{ field: 'disputed', before: 'false', after: 'true', withheld: null }] }),
      // One decision, two changes (the correction, then the flag cleared): each its own version, both under the decision's note.
      expect.objectContaining({
        change: 'OBJECTION_DECIDED', actor: 'test-department', actorAgency: 'SAMR_320106', ground,
        changes: [{ field: 'payload.fineAmount', before: '"2"', after: '"1.5"', withheld: null }],
      }),
      expect.objectContaining({ change: 'OBJECTION_DECIDED', ground, changes: [{ field: 'disputed', before: 'true', after: 'false', withheld: null }] }),
    ]);
    expect(JSON.stringify(versions)).not.toContain(filed.id);
  });

  it('is the record\'s subject\'s and auditors\' only: another subject is told it does not exist, as for a record that does not', async () => {
    expect(ok(await server.gql(HISTORY, { id: record.id }, await auditor()), 'creditRecordHistory')).toHaveLength(3);
    const other = await build.legalPerson({ region: '320106' });
    const stranger = await server.gql(HISTORY, { id: record.id }, await as(other));
    const missing = await server.gql(HISTORY, { id: record.id.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }, await as(other));
    expect([codeOf(stranger), codeOf(missing)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(messageOf(stranger)).toMatch(/whose history you may read/);
    expect(codeOf(await server.gql(HISTORY, { id: record.id }, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(HISTORY, { id: record.id }))).toBe('FORBIDDEN');
    // The attempt is in the owner's access log; the auditor's read too.
    const log = ok(await server.gql('{ myAccessLog(first: 50) { edges { node { fieldPath decision reason role } } } }', {}, await as(company)), 'myAccessLog');
    const rows = log.edges.map((e: { node: Record<string, string> }) => e.node).filter((n: { fieldPath: string }) => n.fieldPath === `creditRecordHistory(${record.id})`);
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ decision: 'DENY', reason: 'NOT_YOURS', role: 'SUBJECT' }),
      expect.objectContaining({ decision: 'ALLOW', reason: 'AUDIT', role: 'AUDITOR' }),
    ]));
  });

  it('keeps a change made outside the application as UNATTRIBUTED, by the database user', async () => {
    await server.database.db.update(creditRecords).set({ severity: 'SERIOUS' }).where(eq(creditRecords.id, dbId(record.id)));
    const versions = ok(await server.gql(HISTORY, { id: record.id }, await auditor()), 'creditRecordHistory');
    expect(versions.at(-1)).toMatchObject({ change: 'UNATTRIBUTED', actorAgency: null, changes: [{ field: 'severity', before: '"GENERAL"', after: '"SERIOUS"', withheld: null }] });
    expect(versions.at(-1).actor).toMatch(/\w+/);
  });

  it('shows an auditor that a personal field changed but not its values, which the subject sees', async () => {
    const named = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-10-09', fields: { legalRepresentative: '周海涛', fineAmount: '2' } });
    const filed = ok(await server.gql(FILE, { input: { creditRecordId: named.id, reason: '法定代表人姓名录入有误。' } }, await as(company)), 'fileObjection');
    // Decided by the 记录编号 as a clerk might type it: the history keeps the number as stored.
    ok(await server.gql(DECIDE, { input: { id: ` ${filed.recordNumber.toLowerCase()}`, outcome: 'CORRECTED', response: '经核查，法定代表人姓名录入有误，已予更正。', corrections: [{ key: 'legalRepresentative', value: '周海波' }] } },
      await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')), 'decideObjection');
    const correction = (versions: Array<{ changes: Array<{ field: string }> }>) =>
      versions.flatMap((v) => v.changes).find((c) => c.field === 'payload.legalRepresentative');
    expect(correction(ok(await server.gql(HISTORY, { id: named.id }, await as(company)), 'creditRecordHistory')))
      .toEqual({ field: 'payload.legalRepresentative', before: '"周海涛"', after: '"周海波"', withheld: null });
    const audited = ok(await server.gql(HISTORY, { id: named.id }, await auditor()), 'creditRecordHistory');
    // The public sees a legal representative's name masked: an auditor learns that it changed, not from what to what.
    expect(correction(audited)).toEqual({ field: 'payload.legalRepresentative', before: null, after: null, withheld: 'PUBLISHED_MASKED' });
    expect(JSON.stringify(audited)).not.toMatch(/周海[涛波]/);
    expect(audited.filter((v: { change: string }) => v.change === 'OBJECTION_DECIDED').map((v: { ground: string }) => v.ground))
      .toEqual([`objection ${filed.recordNumber}`, `objection ${filed.recordNumber}`]);
  });

  it('cannot be changed or removed', async () => {
    const refusal = async (q: ReturnType<typeof sql>) => server.database.db.execute(q).then(() => 'ok', (e: { cause?: { message: string }; message: string }) => e.cause?.message ?? e.message);
    expect(await refusal(sql`UPDATE credit_record_versions SET actor = 'someone else'`)).toMatch(/HISTORY_APPEND_ONLY/);
    expect(await refusal(sql`DELETE FROM credit_record_versions`)).toMatch(/HISTORY_APPEND_ONLY/);
    expect(await refusal(sql`TRUNCATE credit_record_versions`)).toMatch(/HISTORY_APPEND_ONLY/);
  });
});

describe('the purge', () => {
  it('erases the personal data of records past retention and of records a repair deleted, from the record and every version, once', async () => {
    const old = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-09-01', fields: { legalRepresentative: '周海涛' } });
    await server.database.db.update(creditRecords).set({ payload: sql`${creditRecords.payload} || '{"legalRepresentative":"周海涛改"}'::jsonb` }).where(eq(creditRecords.id, dbId(old.id)));
    const service = new RecordHistoryService(databaseWork(server.database.db), server.catalog);
    // Five years and a day after the decision the item's retention (5 years) has ended for `old`, and for `record` (2026-10-08) not yet.
    const later = new Date('2031-09-02T02:00:00Z');
    const dry = await service.purge(later, { dryRun: true });
    expect(dry.pastRetention).toContain(old.id);
    expect(dry.pastRetention).not.toContain(record.id);
    expect((await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, dbId(old.id))))[0]!.personalDataErasedAt).toBeNull();

    const done = await service.purge(later, { dryRun: false });
    expect(done.pastRetention).toContain(old.id);
    const [row] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, dbId(old.id)));
    expect(row!.personalDataErasedAt).not.toBeNull();
    expect(row!.payload).not.toHaveProperty('legalRepresentative');
    expect(row).toMatchObject({ decisionDate: '2026-09-01', status: 'ACTIVE' });
    const versions = await server.database.db.select().from(creditRecordVersions).where(eq(creditRecordVersions.recordId, dbId(old.id)));
    expect(JSON.stringify(versions)).not.toContain('周海涛');
    expect(versions.at(-1)).toMatchObject({ change: 'PERSONAL_DATA_ERASED', actor: 'purge', ground: expect.stringMatching(/retention of 5 years .* erased: .*legalRepresentative/) });
    expect((await service.purge(later, { dryRun: false })).pastRetention).not.toContain(old.id);
  });

  it('erases a record a repair decided to delete (删除) at the next run, with the repair as its history', async () => {
    const fined = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-03-02', fields: { legalRepresentative: '周海涛' } });
    const applied = ok(await server.gql('mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id recordNumber } }', { input: {
      creditRecordId: fined.id, commitment: '本单位承诺所提交材料真实有效，已全面履行行政处罚决定确定的义务，如有虚假愿承担相应法律责任。',
      obligationsEvidence: '罚款已于2026年3月20日全额缴纳，违法行为已整改完毕。',
    } }, await as(company)), 'applyForCreditRepair');
    const [evidence] = await attach({ repairApplicationId: applied.id }, ['缴款凭证.pdf', RECEIPT]);
    ok(await server.gql('mutation($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { id state } }',
      { input: { id: applied.id, approve: true, treatment: 'DELETED', reason: '已履行义务并完成整改，准予删除。' } },
      await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')), 'decideCreditRepair');
    const report = await new RecordHistoryService(databaseWork(server.database.db), server.catalog).purge(clock.now(), { dryRun: false });
    expect(report.repairDeleted).toEqual([fined.id]);
    // The evidence filed with the application goes with the record's personal data.
    expect(report.attachments).toEqual([evidence!.id]);
    expect(await attachmentRow(evidence!.id)).toMatchObject({ content: null, fileName: null, sha256: evidence!.sha256, contentErasedAt: clock.now() });
    const versions = ok(await server.gql(HISTORY, { id: fined.id }, await auditor()), 'creditRecordHistory');
    expect(versions.map((v: { change: string }) => v.change)).toEqual(['REPAIR_DECIDED', 'PERSONAL_DATA_ERASED']);
    expect(versions[1].ground).toMatch(/^credit repair decided to delete the record \(删除\); erased: .*; and the content and file name of 1 attachment\(s\)/);
    expect(versions[0].ground).toBe(`credit-repair application ${applied.recordNumber}`);
    expect(applied.recordNumber).toMatch(/^\d{6}-\d{4}-X\d{10}$/);
    expect(JSON.stringify(versions)).not.toContain('周海涛');
  });

  it('erases the content and name of the files filed about a record it erases, keeping each as a tombstone: size, type and SHA-256, the receipt the subject was shown', async () => {
    const old = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-08-20', fields: { legalRepresentative: '周海涛' } });
    const kept = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-10-20', fields: { legalRepresentative: '周海涛' } });
    const { files } = await objectionWith({ creditRecordId: old.id }, ['周海涛身份证.png', SCAN], ['缴款凭证.pdf', RECEIPT]);
    const { files: [keptFile] } = await objectionWith({ creditRecordId: kept.id }, ['周海涛身份证.png', SCAN]);
    const ids = files.map((f) => f.id);
    const later = new Date('2031-09-02T02:00:00Z'); // past `old`'s retention (5 years), not `kept`'s

    const dry = await purgeService().purge(later, { dryRun: true });
    expect(dry.attachments).toEqual(expect.arrayContaining(ids));
    expect(dry.attachments).not.toContain(keptFile!.id);
    expect((await attachmentRow(ids[0]!)).content).toEqual(SCAN);

    const done = await purgeService().purge(later, { dryRun: false });
    expect(done.pastRetention).toContain(old.id);
    expect(done.attachments).toEqual(expect.arrayContaining(ids));
    expect(done.attachments).not.toContain(keptFile!.id);
    for (const [i, file] of files.entries()) {
      const row = await attachmentRow(file.id);
      // Content and name gone; what the subject was given as its receipt, and the case, stay.
      expect(row).toMatchObject({ content: null, fileName: null, contentErasedAt: later, size: file.size, contentType: file.contentType, sha256: file.sha256, uploadedAt: new Date(file.uploadedAt) });
      expect(row.objectionId).not.toBeNull();
      expect(file.sha256).toBe(createHash('sha256').update([SCAN, RECEIPT][i]!).digest('hex'));
    }
    const [erasure] = (await server.database.db.select().from(creditRecordVersions).where(eq(creditRecordVersions.recordId, dbId(old.id)))).slice(-1);
    expect(erasure).toMatchObject({ change: 'PERSONAL_DATA_ERASED', ground: expect.stringMatching(/; and the content and file name of 2 attachment\(s\) filed with objections and repair applications about it$/) });

    // The subject still sees what it filed and when, not the file; the download is gone (410).
    const shown = ok(await server.gql(`query($id: ID!) { attachment(id: $id) { ${FILE_FIELDS} } }`, { id: ids[0] }, await as(company)), 'attachment');
    expect(shown).toEqual({ ...files[0], fileName: null, erasedAt: later.toISOString() });
    const content = await server.gql(ATTACHMENT, { id: ids[0] }, await as(company));
    expect(codeOf(content)).toBe('ERASED');
    expect(messageOf(content)).toMatch(/was erased on 2031-09-02T02:00:00.000Z.*its size, type and SHA-256 remain/);
    const gone = await download(files[0]!.downloadPath);
    expect(gone.status).toBe(410);
    expect(JSON.stringify(await gone.json())).not.toContain('周海涛');
    // The other record's file is held and served as before.
    expect(await attachmentRow(keptFile!.id)).toMatchObject({ fileName: '周海涛身份证.png', content: SCAN, contentErasedAt: null });
    expect(Buffer.from(ok(await server.gql(ATTACHMENT, { id: keptFile!.id }, await as(company)), 'attachment').contentBase64, 'base64')).toEqual(SCAN);
    // Once: nothing is left to erase.
    expect((await purgeService().purge(later, { dryRun: false })).attachments).toEqual([]);
  });

  it('erases a record and its files in one transaction: when the record cannot be erased, its files stay too', async () => {
    const old = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-08-21', fields: { legalRepresentative: '周海涛' } });
    const { files: [file] } = await objectionWith({ creditRecordId: old.id }, ['周海涛身份证.png', SCAN]);
    const db = server.database.db;
    // The record's erasure fails after its files' erasure was written, inside the same transaction.
    await db.execute(sql.raw(`CREATE FUNCTION test_refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'test: erasure refused'; END $$`));
    await db.execute(sql.raw(`CREATE TRIGGER test_refuse_erasure BEFORE UPDATE OF personal_data_erased_at ON credit_records
      FOR EACH ROW WHEN (NEW.id = ${dbId(old.id)}) EXECUTE FUNCTION test_refuse_erasure()`));
    const later = new Date('2031-09-03T02:00:00Z');
    try {
      await expect(purgeService().purge(later, { dryRun: false })).rejects.toThrow();
      expect(await attachmentRow(file!.id)).toMatchObject({ content: SCAN, fileName: '周海涛身份证.png', contentErasedAt: null });
      expect((await db.select().from(creditRecords).where(eq(creditRecords.id, dbId(old.id))))[0]!.personalDataErasedAt).toBeNull();
    } finally {
      await db.execute(sql.raw('DROP TRIGGER test_refuse_erasure ON credit_records'));
      await db.execute(sql.raw('DROP FUNCTION test_refuse_erasure()'));
    }
    const done = await purgeService().purge(later, { dryRun: false });
    expect([done.pastRetention, done.attachments]).toEqual([[old.id], [file!.id]]);
  });

  it('erases, at its next run, the files still held about a record erased before (by a purge that left them, or filed after)', async () => {
    const old = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-08-22', fields: { legalRepresentative: '周海涛' } });
    const { files: [file] } = await objectionWith({ creditRecordId: old.id }, ['周海涛身份证.png', SCAN]);
    // The record's personal data erased as the purge of an earlier release did: the record and its versions only.
    await new RecordHistoryRepo(server.database.db).erase(dbId(old.id), ['legalRepresentative'], {
      change: 'PERSONAL_DATA_ERASED', actor: 'purge', agency: null, ground: 'retention ended (an earlier release)', at: new Date('2031-08-23T02:00:00Z'),
    });
    const dry = await purgeService().purge(clock.now(), { dryRun: true });
    expect(dry).toMatchObject({ repairDeleted: [], pastRetention: [], attachments: [file!.id] });
    expect((await attachmentRow(file!.id)).content).toEqual(SCAN);
    const done = await purgeService().purge(clock.now(), { dryRun: false });
    expect(done).toMatchObject({ repairDeleted: [], pastRetention: [], attachments: [file!.id], alreadyErased: 0 });
    expect(await attachmentRow(file!.id)).toMatchObject({ content: null, fileName: null, sha256: file!.sha256, contentErasedAt: clock.now() });
  });

  it('erases the files of an objection to a listing with the listing\'s record', async () => {
    const entry = await build.listing(company, { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320106', notifiedOn: '2026-10-12' });
    const { files: [file] } = await objectionWith({ listEntryId: entry.id }, ['周海涛身份证.png', SCAN]);
    // Far enough on for every item's retention to have ended.
    const done = await purgeService().purge(new Date('2070-01-01T02:00:00Z'), { dryRun: false });
    expect(done.pastRetention).toContain(entry.recordId);
    expect(done.attachments).toContain(file!.id);
    expect(await attachmentRow(file!.id)).toMatchObject({ content: null, fileName: null, sha256: file!.sha256 });
  });
});

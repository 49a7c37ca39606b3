/**
 * 我的信用 through the real server, signed in the way a browser is (embedded OpenID provider,
 * session cookie + X-CSRF-Token): a company files an objection with evidence files, the
 * recording department reads the evidence and decides, the company sees the outcome, its files
 * and the corrected record's history. The attachment limits (size, type by magic bytes, count),
 * who may read a file (the subject, the handling department, auditors — not another subject,
 * the public or a partner), how it is served (a download, never a page), and what the access
 * log shows the subject about those reads. Repair eligibility agrees with applying.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { creditRecords, objections, seriousListEntries } from '../../src/db/schema';
import { signInTestAccounts } from '../../src/seed';
import { Browser, formAction } from '../support/browser';
import { STEEL } from '../support/attacks';
import { rowId } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { embeddedSignIn } from '../support/sign-in-config';

const SIGN_IN = embeddedSignIn();
const [, AGENT] = signInTestAccounts();

// Smallest files each type is told by: the first bytes are what counts, not the name.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const HTML = Buffer.from('<!doctype html><script>fetch("/graphql")</script>');

let server: TestServer;
let origin: string;

beforeAll(async () => {
  server = await startTestServer({ subjects: 10, config: { signIn: SIGN_IN }, signInAccounts: signInTestAccounts() });
  origin = new URL(server.url).origin;
  // The seed may leave objections of the samples pending; this test starts from none.
  const db = server.database.db;
  await db.update(objections).set({ state: 'DECIDED', outcome: 'REJECTED', response: '（测试准备）', decidedAt: new Date(), decidedBy: 'SAMR_320100' })
    .where(and(inArray(objections.subjectId, [1, 2, 3]), eq(objections.state, 'PENDING')));
  await db.update(seriousListEntries).set({ state: 'NOTIFIED' }).where(and(inArray(seriousListEntries.subjectId, [1, 2, 3]), eq(seriousListEntries.state, 'OBJECTED')));
  await db.update(creditRecords).set({ disputed: false }).where(inArray(creditRecords.subjectId, [1, 2, 3]));
}, 120_000);
afterAll(() => server.close());

type Answer = { status: number; body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> } };

/** A signed-in company: its browser and the session's CSRF token. */
class Citizen {
  constructor(readonly browser: Browser, readonly csrf: string) {}

  static async signIn(login: string, password: string): Promise<Citizen> {
    const browser = new Browser(origin);
    const start = await browser.fetch('/auth/login');
    const form = await browser.navigate(start.headers.get('location')!);
    await browser.submit(formAction(form.text), { login, password });
    const session = (await (await browser.fetch('/auth/session')).json()) as { csrfToken: string };
    return new Citizen(browser, session.csrfToken);
  }

  async gql(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const res = await this.browser.fetch('/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': this.csrf }, body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  upload(objectionId: string, file: Buffer, name: string, type: string, csrf: string | null = this.csrf): Promise<Response> {
    return this.browser.fetch(`/attachments?objectionId=${encodeURIComponent(objectionId)}`, {
      method: 'POST', body: new Uint8Array(file),
      headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    });
  }
}

const data = (a: Answer, field: string) => {
  if (a.body.errors) throw new Error(`${field}: ${JSON.stringify(a.body.errors)}`);
  return a.body.data![field];
};
const code = (a: Answer) => a.body.errors?.[0]?.extensions?.code;

const PENALTIES = `query($code: String!) { subject(code: $code) { profile { penalties(first: 100) { edges { node {
  id decisionDate recordStatus disputed publicationStart publicationEnd catalogItem { code } ... on AdministrativePenalty { fineAmount } } } } } } }`;
const ATT = 'id fileName contentType size sha256 downloadPath';
const MINE = `{ myObjections(first: 20) { edges { node { id state outcome response dueOn attachments { ${ATT} } } } } }`;
const DEPT = () => authHeaders({ role: 'DEPARTMENT', agency: RECORDER }, 'CREDIT_SUPERVISION');
let RECORDER = '';

describe('我的信用: an objection with evidence, decided, seen by the company', () => {
  let company: Citizen;
  let record: { id: string; fineAmount: string };
  let objectionId: string;
  let pdf: { id: string; downloadPath: string; sha256: string };

  beforeAll(async () => {
    company = await Citizen.signIn(AGENT!.login, AGENT!.password);
    const mine = data(await company.gql(PENALTIES, { code: STEEL }), 'subject').profile.penalties.edges.map((e: any) => e.node);
    // 我的信用 starts from mySubject: the portal need not know the code (nor a person's ID number).
    const me = data(await company.gql(`{ mySubject { uscc profile { penalties(first: 100) { totalCount } } } }`), 'mySubject');
    expect(me).toEqual({ uscc: STEEL, profile: { penalties: { totalCount: mine.length } } });
    expect((await server.gql('{ mySubject { uscc } }')).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    record = mine.find((n: any) => n.catalogItem.code === '03-02-001' && n.decisionDate === '2024-03-18');
    const [row] = await server.database.db.select().from(creditRecords).where(eq(creditRecords.id, rowId(record.id)));
    RECORDER = row!.agencyCode;
  });

  it('files the objection, then its evidence as a file upload that needs the CSRF token', async () => {
    const filed = data(await company.gql('mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id state dueOn } }', {
      i: { creditRecordId: record.id, reason: '处罚决定书载明的罚款金额与实际缴纳金额不一致，附缴款凭证。' },
    }), 'fileObjection');
    expect(filed.state).toBe('PENDING');
    objectionId = filed.id;

    const forged = await company.upload(objectionId, PDF, '缴款凭证.pdf', 'application/pdf', null);
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as any).errors[0].extensions.code).toBe('CSRF_TOKEN_INVALID');

    const res = await company.upload(objectionId, PDF, '缴款凭证.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    pdf = ((await res.json()) as any).data.attachFile;
    expect(pdf).toMatchObject({ fileName: '缴款凭证.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file by its content, not its name or declared type, and by size', async () => {
    const page = await company.upload(objectionId, HTML, 'evidence.pdf', 'application/pdf');
    expect(page.status).toBe(400);
    expect(((await page.json()) as any).errors[0].message).toMatch(/only PDF, JPEG and PNG .* this file's content is none of them/);
    const mislabelled = await company.upload(objectionId, PNG, 'scan.pdf', 'application/pdf');
    expect(((await mislabelled.json()) as any).errors[0].message).toMatch(/declared application\/pdf but its content is image\/png/);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    PDF.copy(big);
    const tooBig = await company.upload(objectionId, big, 'big.pdf', 'application/pdf');
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as any).errors[0].message).toMatch(/larger than 5 MB/);
    // Exactly at the limit is accepted in the base64 form too (the mutation, when the body limit allows).
    const viaApi = await company.gql(`mutation($i: AttachFileInput!) { attachFile(input: $i) { ${ATT} } }`, {
      i: { objectionId, fileName: 'x.html', contentBase64: HTML.toString('base64') },
    });
    expect(code(viaApi)).toBe('BAD_USER_INPUT');
  });

  it('holds at most three files per case', async () => {
    expect((await company.upload(objectionId, PNG, '现场照片.png', 'image/png')).status).toBe(201);
    const jpeg = data(await company.gql(`mutation($i: AttachFileInput!) { attachFile(input: $i) { ${ATT} } }`, {
      i: { objectionId, fileName: '整改报告.jpg', declaredType: 'image/jpeg', contentBase64: JPEG.toString('base64') },
    }), 'attachFile');
    expect(jpeg.contentType).toBe('image/jpeg');
    const fourth = await company.upload(objectionId, PDF, '第四份.pdf', 'application/pdf');
    expect(fourth.status).toBe(400);
    expect(((await fourth.json()) as any).errors[0].message).toMatch(/at most 3 files/);
    const [shown] = data(await company.gql(MINE), 'myObjections').edges.filter((e: any) => e.node.id === objectionId);
    expect(shown.node.attachments.map((a: any) => a.fileName)).toEqual(['缴款凭证.pdf', '现场照片.png', '整改报告.jpg']);
  });

  it('serves the file as a download that cannot run as a page, to the subject with its token only', async () => {
    const res = await company.browser.fetch(pdf.downloadPath, { headers: { 'x-csrf-token': company.csrf } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('缴款凭证.pdf')}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('cache-control')).toBe('no-store');
    // A link alone (a forged navigation) carries the cookie but not the token.
    expect((await company.browser.fetch(pdf.downloadPath)).status).toBe(403);
  });

  it('lets the handling department and auditors read it; not another subject, the public or a partner', async () => {
    const get = (headers: Record<string, string> = {}) => fetch(`${server.url.replace(/\/graphql$/, '')}${pdf.downloadPath}`, { headers });
    const dept = await get(await DEPT());
    expect(dept.status).toBe(200);
    expect(Buffer.from(await dept.arrayBuffer())).toEqual(PDF);
    expect((await get(await authHeaders({ role: 'AUDITOR', agency: 'NDRC' }, 'AUDIT'))).status).toBe(200);
    const other = await get(await authHeaders({ role: 'SUBJECT', subject: 2 }));
    expect(other.status).toBe(404);
    expect(((await other.json()) as any).errors[0].message).toMatch(/no attachment .* that you may see/);
    expect((await get()).status).toBe(403);
    expect((await get(await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'))).status).toBe(403);
    // Nor through GraphQL, where the same policy answers.
    const q = `query($id: ID!) { attachment(id: $id) { fileName contentBase64 } }`;
    const byOther = await server.gql(q, { id: pdf.id }, await authHeaders({ role: 'SUBJECT', subject: 2 }));
    expect(byOther.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the department decides through the API; the company sees the outcome and the record\'s versions', async () => {
    const decided = await server.gql('mutation($i: DecideObjectionInput!) { decideObjection(input: $i) { state outcome } }', {
      i: { id: objectionId, outcome: 'CORRECTED', response: '经核查，罚款金额录入有误，已予更正。', corrections: [{ key: 'fineAmount', value: '3.5' }] },
    }, await DEPT());
    expect(decided.body.data?.decideObjection).toEqual({ state: 'DECIDED', outcome: 'CORRECTED' });

    const [shown] = data(await company.gql(MINE), 'myObjections').edges.filter((e: any) => e.node.id === objectionId);
    expect(shown.node).toMatchObject({ state: 'DECIDED', outcome: 'CORRECTED', response: '经核查，罚款金额录入有误，已予更正。' });
    const history = data(await company.gql(`query($r: ID!) { creditRecordHistory(recordId: $r) { change ground changes { field before after } } }`, { r: record.id }), 'creditRecordHistory');
    const changes = history.map((v: any) => v.change);
    expect(changes).toEqual(expect.arrayContaining(['OBJECTION_FILED', 'OBJECTION_DECIDED']));
    const fixed = history.find((v: any) => v.change === 'OBJECTION_DECIDED');
    expect(fixed.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'payload.fineAmount', before: '"1.55"', after: '"3.5"' })]));
    // A decided case takes no more evidence.
    const late = await company.upload(objectionId, PNG, '补充.png', 'image/png');
    expect(late.status).toBe(409);
  });

  it('shows the company who read its files, with the receipts the log provides', async () => {
    const log = data(await company.gql(`{ myAccessLog(first: 100) { edges { node { role agencyCode purpose operation itemCode fieldPath decision hash } } } }`), 'myAccessLog');
    const reads = log.edges.map((e: any) => e.node).filter((n: any) => n.itemCode === 'procedure:attachment' && /contentBase64/.test(n.fieldPath));
    expect(reads).toEqual(expect.arrayContaining([
      expect.objectContaining({ role: 'DEPARTMENT', agencyCode: RECORDER, purpose: 'CREDIT_SUPERVISION', operation: 'query AttachmentDownload', decision: 'ALLOW' }),
      expect.objectContaining({ role: 'AUDITOR', operation: 'query AttachmentDownload', decision: 'ALLOW' }),
    ]));
    expect(reads.every((n: any) => /^[0-9a-f]{64}$/.test(n.hash))).toBe(true);
    // The refused readers never got a file, so no row says they read one.
    expect(reads.filter((n: any) => n.role === 'PARTNER' || n.role === 'PUBLIC')).toEqual([]);
  });
});

describe('我的信用: credit repair is explained before applying', () => {
  it('answers eligibility with the same rule applying would, and no fee anywhere', async () => {
    const company = await Citizen.signIn(AGENT!.login, AGENT!.password);
    const mine = data(await company.gql(PENALTIES, { code: STEEL }), 'subject').profile.penalties.edges.map((e: any) => e.node)
      .filter((n: any) => n.recordStatus === 'ACTIVE');
    expect(mine.length).toBeGreaterThan(0);
    const eligible: string[] = [];
    for (const r of mine) {
      const e = data(await company.gql(`query($r: ID) { repairEligibility(creditRecordId: $r) { eligible reason eligibleFrom minimumPeriodEnds publishUntil repairable } }`, { r: r.id }), 'repairEligibility');
      expect(e.publishUntil).toBe(r.publicationEnd);
      if (e.eligible) {
        eligible.push(r.id);
        continue;
      }
      const applied = await company.gql('mutation($i: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $i) { id } }', {
        i: { creditRecordId: r.id, commitment: '本企业承诺所提交材料真实有效，如有虚假愿承担相应法律责任。', obligationsEvidence: '罚款已缴清。' },
      });
      expect(applied.body.errors?.[0]?.message).toBe(e.reason);
    }
    // An eligible one is applied for, with evidence uploaded to the application, shown back.
    expect(eligible.length).toBeGreaterThan(0);
    const applied = data(await company.gql('mutation($i: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $i) { id state dueOn } }', {
      i: { creditRecordId: eligible[0], commitment: '本企业承诺所提交材料真实有效，如有虚假愿承担相应法律责任。', obligationsEvidence: '罚款已缴清，附缴款凭证。' },
    }), 'applyForCreditRepair');
    const res = await company.browser.fetch(`/attachments?repairApplicationId=${encodeURIComponent(applied.id)}`, {
      method: 'POST', body: new Uint8Array(PDF), headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('缴款凭证.pdf'), 'x-csrf-token': company.csrf },
    });
    expect(res.status).toBe(201);
    const again = data(await company.gql(`{ myRepairApplications(first: 20) { edges { node { id state dueOn attachments { ${ATT} } } } } }`), 'myRepairApplications');
    const shown = again.edges.map((e: any) => e.node).find((a: any) => a.id === applied.id);
    expect(shown).toMatchObject({ state: 'SUBMITTED', dueOn: applied.dueOn, attachments: [expect.objectContaining({ fileName: '缴款凭证.pdf', size: PDF.length })] });
    // Only to one's own case: another subject's token cannot add to it, nor learn it exists.
    const intruder = await fetch(`${server.url.replace(/\/graphql$/, '')}/attachments?repairApplicationId=${encodeURIComponent(applied.id)}`, {
      method: 'POST', body: new Uint8Array(PDF), headers: { 'content-type': 'application/pdf', 'x-file-name': 'x.pdf', ...(await authHeaders({ role: 'SUBJECT', subject: 2 })) },
    });
    expect(intruder.status).toBe(404);
  });
});

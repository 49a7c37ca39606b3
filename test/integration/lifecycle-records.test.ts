/**
 * Recording and revoking credit information (identifying departments), and publication that
 * ends by itself at 公示截止期 — through the real server, middleware and database, with an
 * injected clock. Sample subjects: #1 南京钢铁联合有限公司, #3 王建军 (natural person).
 */
import { sql } from 'drizzle-orm';
import { makeResidentId } from '../../src/identifiers';
import { authHeaders, startTestServer, type GraphQLResponse, type TestServer } from '../support/server';
import { codeOf, messageOf } from '../support/responses';
import { builder } from '../support/builders';

let server: TestServer;
let clock = new Date('2026-11-20T04:00:00Z'); // 2026-11-20 in China: Order 36 is in force
/** A Nanjing company and a Gulou resident the records are about. */
let STEEL = '';
let WANG_ID = '';
let steelId = 0;
beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'STA', 'STA_320000', 'STA_320100',
    'MEE', 'MEE_320000', 'MEE_320100', 'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320106');
  const steel = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  [STEEL, steelId] = [steel.uscc!, steel.id];
  WANG_ID = (await build.naturalPerson({ name: '王建军', region: '320106' })).idNumber!;
});
afterAll(() => server.close());

const REP_ID = makeResidentId({ divisionCode: '320106', birthDate: '1968-03-12', sequence: 371 });
const ISSUER = '南京市鼓楼区市场监督管理局';

const RECORD = `mutation Record($input: RecordCreditInformationInput!) {
  recordCreditInformation(input: $input) {
    id decisionDate severity publicationStart publicationEnd recordStatus catalogItem { code }
    ... on AdministrativePenalty { documentNumber decidedOn publicityEndsOn penaltyCategory fineAmount legalRepIdNumber }
    ... on AdministrativeLicence { documentNumber decidedOn validUntil }
  }
}`;
const REVOKE = 'mutation($id: ID!, $reason: String!) { revokeCreditRecord(id: $id, reason: $reason) { id recordStatus } }';
const PUBLIC_PENALTIES = `query($code: String!) { subject(code: $code) { profile { penalties(first: 100) { edges { node { id } } } } } }`;

const samr = () => authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');

let serial = 0;
function penalty(extra: Record<string, unknown> = {}) {
  serial += 1;
  return {
    subjectCode: STEEL,
    itemCode: '03-02-001',
    decisionDate: '2026-10-12',
    severity: 'GENERAL',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: `宁鼓市监处罚〔2026〕T${serial}号`, issuer: ISSUER, effectiveOn: '2026-10-15', title: '行政处罚决定书' },
    penalty: {
      violationType: '未按规定公示年度报告', violationFacts: '经查，当事人未按规定期限公示2025年度报告。', penaltyBasis: '《企业信息公示暂行条例》第十八条',
      penaltyCategory: '罚款', fineAmount: '0.5000', decidingAuthority: ISSUER, legalRepIdType: '身份证', legalRepIdNumber: REP_ID,
    },
    ...extra,
  };
}

async function record(input: Record<string, unknown>, headers?: Record<string, string>) {
  return server.gql(RECORD, { input }, headers ?? (await samr()));
}

async function publicSees(id: string, code = STEEL): Promise<boolean> {
  const res = await server.gql(PUBLIC_PENALTIES, { code });
  return res.body.data!.subject.profile.penalties.edges.some((e: { node: { id: string } }) => e.node.id === id);
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await server.database.db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : result.rows!;
}

describe('recording credit information', () => {
  it('records a penalty on its document, derives 文号, decision date and 公示截止期, and returns it as the provider sees it', async () => {
    const res = await record(penalty());
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data!.recordCreditInformation;
    expect(r).toMatchObject({
      decisionDate: '2026-10-12', severity: 'GENERAL', recordStatus: 'ACTIVE', catalogItem: { code: '03-02-001' },
      // Order 36, general tier: published from the decision date for at most one year.
      publicationStart: '2026-10-12', publicationEnd: '2027-10-12',
      documentNumber: `宁鼓市监处罚〔2026〕T${serial}号`, decidedOn: '2026-10-12', publicityEndsOn: '2027-10-12',
      penaltyCategory: '罚款', fineAmount: '0.5000', legalRepIdNumber: REP_ID,
    });
    expect(await publicSees(r.id)).toBe(true);
  });

  it('stores ID numbers encrypted, never in clear', async () => {
    const res = await record(penalty());
    const [stored] = await rows<{ payload: Record<string, string> }>(
      sql`SELECT payload FROM credit_records r JOIN legal_documents d ON d.id = r.legal_document_id WHERE d.number = ${`宁鼓市监处罚〔2026〕T${serial}号`}`,
    );
    expect(res.body.data!.recordCreditInformation.legalRepIdNumber).toBe(REP_ID);
    expect(stored!.payload.legalRepIdNumber).toMatch(/^enc:/);
    expect(JSON.stringify(stored!.payload)).not.toContain(REP_ID);
  });

  it('returns the record already made when the same call is repeated, and refuses a different one on the same document', async () => {
    const input = penalty();
    const first = await record(input);
    const again = await record(input);
    expect(again.body.data!.recordCreditInformation.id).toBe(first.body.data!.recordCreditInformation.id);
    const [{ n }] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM credit_records r JOIN legal_documents d ON d.id = r.legal_document_id WHERE d.number = ${input.document.number}`,
    );
    expect(n).toBe(1);
    const differing = await record({ ...input, severity: 'SERIOUS' });
    expect(codeOf(differing)).toBe('CONFLICT');
  });

  it('makes one record when the same call arrives twice at once', async () => {
    const input = penalty();
    const [a, b] = await Promise.all([record(input), record(input)]);
    expect(a.body.errors ?? b.body.errors).toBeUndefined();
    expect(a.body.data!.recordCreditInformation.id).toBe(b.body.data!.recordCreditInformation.id);
  });

  it('reuses the document of the same issuer and number for a second subject, and refuses one that contradicts it', async () => {
    const shared = penalty();
    await record(shared);
    const second = await record({ ...shared, subjectCode: null, subjectIdNumber: WANG_ID, penalty: { ...shared.penalty, legalRepIdType: null, legalRepIdNumber: null } });
    expect(second.body.errors).toBeUndefined();
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM legal_documents WHERE number = ${shared.document.number}`);
    expect(n).toBe(1);
    const contradicting = await record({ ...shared, document: { ...shared.document, effectiveOn: '2026-10-14' } });
    expect(codeOf(contradicting)).toBe('CONFLICT');
    expect(messageOf(contradicting)).toContain('ADMINISTRATIVE_PENALTY');
  });

  it('finds a natural person by resident ID number, and refuses a malformed or unknown one', async () => {
    const ok = await record({ ...penalty(), subjectCode: null, subjectIdNumber: WANG_ID });
    expect(ok.body.data!.recordCreditInformation.catalogItem.code).toBe('03-02-001');
    expect(codeOf(await record({ ...penalty(), subjectCode: null, subjectIdNumber: `${WANG_ID.slice(0, 17)}${WANG_ID.endsWith('0') ? '1' : '0'}` }))).toBe('INVALID_ID_NUMBER');
    const stranger = makeResidentId({ divisionCode: '320106', birthDate: '1990-01-01', sequence: 999 });
    expect(codeOf(await record({ ...penalty(), subjectCode: null, subjectIdNumber: stranger }))).toBe('NOT_FOUND');
    expect(codeOf(await record({ ...penalty(), subjectIdNumber: WANG_ID }))).toBe('BAD_USER_INPUT');
  });

  it('refuses an item outside the catalog in force', async () => {
    const res = await record({ ...penalty(), itemCode: '99-99-999' });
    expect(codeOf(res)).toBe('NOT_IN_CATALOG');
  });

  it('lets only the item\'s providing system record it (一口采集), naming the provider', async () => {
    const sta = await authHeaders({ role: 'DEPARTMENT', agency: 'STA_320100' }, 'CREDIT_SUPERVISION');
    const res = await record(penalty(), sta);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(messageOf(res)).toMatch(/collected by the SAMR system only/);
  });

  it('is an action of departments only', async () => {
    const res = await record(penalty(), await authHeaders({ role: 'SUBJECT', subject: steelId }));
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('refuses to record a list item directly: only the listing procedure puts a subject on a list', async () => {
    const court = await authHeaders({ role: 'DEPARTMENT', agency: 'SPC_320106' }, 'CREDIT_SUPERVISION');
    const res = await record({ subjectCode: STEEL, itemCode: '02-01-001', decisionDate: '2026-10-12', severity: 'SERIOUS',
      document: { kind: 'JUDGMENT', number: '（2026）苏0106执1号', issuer: '南京市鼓楼区人民法院', effectiveOn: '2026-10-12' } }, court);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/listing procedure/);
  });

  it('refuses a subject kind the item does not cover', async () => {
    const mee = await authHeaders({ role: 'DEPARTMENT', agency: 'MEE_320100' }, 'CREDIT_SUPERVISION');
    const input = { ...penalty(), itemCode: '03-02-003', subjectCode: null, subjectIdNumber: WANG_ID };
    const res = await record({ ...input, document: { ...input.document, issuer: '南京市生态环境局' } }, mee);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/NATURAL_PERSON/);
  });

  it('refuses a dishonesty record without its document or severity, and a decision in the future', async () => {
    expect(messageOf(await record({ ...penalty(), document: null }))).toMatch(/legally effective document/);
    expect(codeOf(await record({ ...penalty(), severity: null }))).toBe('BAD_USER_INPUT');
    expect(messageOf(await record({ ...penalty(), decisionDate: '2026-11-21' }))).toMatch(/in the future/);
    const p = penalty();
    expect(messageOf(await record({ ...p, document: { ...p.document, effectiveOn: '2026-12-01' } }))).toMatch(/legally effective/);
  });

  it('takes exactly the field group of the item\'s record kind, naming the expected one', async () => {
    const p = penalty();
    const wrong = await record({ ...p, penalty: null, licence: { licenceCategory: '普通' } });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(messageOf(wrong)).toMatch(/`penalty`/);
    expect(codeOf(await record({ ...p, licence: { licenceCategory: '普通' } }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a value outside the field\'s list, listing the accepted ones', async () => {
    const p = penalty();
    const res = await record({ ...p, penalty: { ...p.penalty, penaltyCategory: '罚金' } });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/penalty\.penaltyCategory.*警告/);
  });

  it('computes the window under the regime in force on the decision date', async () => {
    const order58 = await record({ ...penalty(), decisionDate: '2025-06-03', document: { ...penalty().document, effectiveOn: '2025-06-05' } });
    expect(order58.body.data!.recordCreditInformation).toMatchObject({ publicationStart: '2025-06-03', publicationEnd: '2028-06-03' });
    const serious = await record({ ...penalty(), severity: 'SERIOUS' });
    expect(serious.body.data!.recordCreditInformation.publicationEnd).toBe('2029-10-12');
  });
});

/** The document establishing a ground other than a minor subject (leniency-grounds.yaml: CITED_DOCUMENT). */
const TYPHOON = { title: '关于启动台风防御应急响应的通知', issuer: '南京市人民政府', issuedOn: '2026-09-10' };

describe('leniency grounds (49号 八(十六))', () => {
  it('refuses to record at all where the item says NOT_RECORDED, and writes nothing', async () => {
    // A person of 13 on the date of the act, from the birth date in the ID number (issue 13 item 3).
    const minor = await builder(server).naturalPerson({ birthDate: '2013-03-01' });
    const input = penalty({ subjectCode: null, subjectIdNumber: minor.idNumber, leniencyGround: 'MINOR_SUBJECT', leniencyNote: '当事人行为时未满十四周岁' });
    const res = await record(input);
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM legal_documents WHERE number = ${input.document.number}`);
    expect(n).toBe(0);
  });

  it('records without publishing where the item says NOT_PUBLISHED, keeping the reason', async () => {
    const res = await record(penalty({ leniencyGround: 'FORCE_MAJEURE', leniencyNote: '受台风影响未能按期履行', leniencyDocument: TYPHOON }));
    const r = res.body.data!.recordCreditInformation;
    expect(r).toMatchObject({ publicationStart: null, publicationEnd: null, recordStatus: 'ACTIVE' });
    expect(await publicSees(r.id)).toBe(false);
    const [stored] = await rows<{ leniency_ground: string; leniency_note: string }>(
      sql`SELECT leniency_ground, leniency_note FROM credit_records ORDER BY id DESC LIMIT 1`,
    );
    expect(stored).toMatchObject({ leniency_ground: 'FORCE_MAJEURE' });
    expect(stored!.leniency_note).toContain('受台风影响未能按期履行');
  });

  it('publishes for the minimum period only where the item says SHORTENED', async () => {
    const res = await record(penalty({ leniencyGround: 'NOT_INTENTIONAL', leniencyNote: '系统故障导致，非主观故意', leniencyDocument: { ...TYPHOON, title: '系统故障情况说明及核查意见' } }));
    expect(res.body.data!.recordCreditInformation).toMatchObject({ publicationStart: '2026-10-12', publicationEnd: '2027-01-12' });
  });

  it('needs a note with the ground', async () => {
    expect(codeOf(await record(penalty({ leniencyGround: 'NOT_INTENTIONAL' })))).toBe('BAD_USER_INPUT');
  });
});

describe('recording information that is not a dishonesty finding', () => {
  const licence = (extra: Record<string, unknown> = {}) => ({
    subjectCode: STEEL, itemCode: '03-01-001', decisionDate: '2026-09-01',
    licence: { documentName: '食品经营许可决定书', documentNumber: `宁鼓市监许〔2026〕L${++serial}号`, licenceCategory: '普通', validUntil: '2031-08-31' },
    ...extra,
  });

  it('needs no document, takes no severity, and is published while the licence is valid', async () => {
    const res = await record(licence());
    expect(res.body.data!.recordCreditInformation).toMatchObject({
      severity: null, publicationStart: '2026-09-01', publicationEnd: '2031-08-31', decidedOn: '2026-09-01', validUntil: '2031-08-31',
    });
    expect(messageOf(await record(licence({ severity: 'GENERAL' })))).toMatch(/leave severity out/);
    expect(codeOf(await record(licence({ leniencyGround: 'MINOR_BREACH', leniencyNote: 'x' })))).toBe('BAD_USER_INPUT');
  });

  it('is idempotent on the licence\'s own 文书号, and keeps two licences decided the same day apart', async () => {
    const input = licence();
    const first = (await record(input)).body.data!.recordCreditInformation.id;
    expect((await record(input)).body.data!.recordCreditInformation.id).toBe(first);
    const other = await record({ ...input, licence: { ...input.licence, documentNumber: `宁鼓市监许〔2026〕L${++serial}号` } });
    expect(other.body.data!.recordCreditInformation.id).not.toBe(first);
  });
});

describe('revoking a record', () => {
  it('stops publication at once; only the providing system, only once', async () => {
    const made = (await record(penalty())).body.data!.recordCreditInformation;
    expect(await publicSees(made.id)).toBe(true);
    const sta = await authHeaders({ role: 'DEPARTMENT', agency: 'STA_320100' }, 'CREDIT_SUPERVISION');
    expect(codeOf(await server.gql(REVOKE, { id: made.id, reason: '复议撤销' }, sta))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(REVOKE, { id: made.id, reason: '  ' }, await samr()))).toBe('BAD_USER_INPUT');
    const res = await server.gql(REVOKE, { id: made.id, reason: '宁鼓市监撤〔2026〕3号决定撤销原处罚决定' }, await samr());
    expect(res.body.data!.revokeCreditRecord).toEqual({ id: made.id, recordStatus: 'REVOKED' });
    expect(await publicSees(made.id)).toBe(false);
    expect(codeOf(await server.gql(REVOKE, { id: made.id, reason: 'again' }, await samr()))).toBe('INVALID_TRANSITION');
  });

  it('takes effect exactly once when two revocations race', async () => {
    const made = (await record(penalty())).body.data!.recordCreditInformation;
    const headers = await samr();
    const results = await Promise.all([1, 2].map((n) => server.gql(REVOKE, { id: made.id, reason: `撤销 ${n}` }, headers)));
    expect(results.map(codeOf).sort()).toEqual(['INVALID_TRANSITION', undefined]);
  });

  it('answers NOT_FOUND for an id this API did not issue', async () => {
    expect(codeOf(await server.gql(REVOKE, { id: 'bm9wZQ', reason: 'x' }, await samr()))).toBe('NOT_FOUND');
  });
});

describe('expiry at 公示截止期', () => {
  it('stops publishing the day after the end of the maximum period without anyone acting; the subject still sees it', async () => {
    const p = penalty();
    const made = (await record({ ...p, decisionDate: '2026-04-10', document: { ...p.document, effectiveOn: '2026-04-14' } }))
      .body.data!.recordCreditInformation;
    expect(made.publicationEnd).toBe('2027-04-10');
    const own = await authHeaders({ role: 'SUBJECT', subject: steelId });
    const ownSees = async () => {
      const res = await server.gql(PUBLIC_PENALTIES, { code: STEEL }, own);
      return res.body.data!.subject.profile.penalties.edges.some((e: { node: { id: string } }) => e.node.id === made.id);
    };
    const saved = clock;
    try {
      clock = new Date('2027-04-09T04:00:00Z');
      expect(await publicSees(made.id)).toBe(true);
      clock = new Date('2027-04-11T04:00:00Z');
      expect(await publicSees(made.id)).toBe(false);
      expect(await ownSees()).toBe(true);
    } finally {
      clock = saved;
    }
  });
});

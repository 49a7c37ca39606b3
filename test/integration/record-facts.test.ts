/**
 * Issue 13 items 2, 3, 4 and 6 through the real server: the determining department's 公示截止期
 * kept within the regime's bounds, leniency grounds on facts (age from the ID number, a cited
 * document) and their limit on punishment, severity labels against Order 36's criteria, and
 * legal documents checked for kind and issuer against the catalog item. Subjects, records and
 * measures are built per test (test/support/builders).
 */
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-10'); // Order 36 in force
let server: TestServer;
let build: Builder;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
}, 120_000);
afterAll(() => server.close());

const SAMR = 'SAMR_320106';
const RECORD = `mutation($input: RecordCreditInformationInput!) {
  recordCreditInformation(input: $input) { id severity publicationStart publicationEnd publicationEndSource ... on AdministrativePenalty { publicityEndsOn } }
}`;
const APPLY = 'mutation($input: ApplyPunishmentMeasureInput!) { applyPunishmentMeasure(input: $input) { id } }';

let seq = 0;
/** A market-regulation penalty (03-02-001) on `subject`, with `extra` fields of the input. */
function penalty(subject: BuiltSubject, extra: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) {
  seq += 1;
  return {
    ...subject.ref, itemCode: '03-02-001', decisionDate: '2026-12-01', severity: 'GENERAL',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: `宁鼓市监处罚〔2026〕F${seq}号`, issuer: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-12-01' },
    penalty: { penaltyCategory: '罚款', fineAmount: '1.0000', violationType: '虚假宣传', ...fields },
    ...extra,
  };
}

async function record(input: Record<string, unknown>) {
  return server.gql(RECORD, { input }, await authHeaders({ role: 'DEPARTMENT', agency: SAMR }, 'CREDIT_SUPERVISION'));
}

describe('the determining department\'s 公示截止期 (49号 三(五))', () => {
  it('keeps a stated end inside the regime\'s bounds and shows it as STATED', async () => {
    const company = await build.legalPerson();
    const made = ok(await record(penalty(company, { statedPublicationEnd: '2027-04-01' })), 'recordCreditInformation');
    expect(made).toMatchObject({ publicationEnd: '2027-04-01', publicityEndsOn: '2027-04-01', publicationEndSource: 'STATED' });
  });

  it('computes the end when none is stated, and says so', async () => {
    const company = await build.legalPerson();
    const made = ok(await record(penalty(company)), 'recordCreditInformation');
    expect(made).toMatchObject({ publicationEnd: '2027-12-01', publicationEndSource: 'COMPUTED' });
  });

  it('refuses a stated end outside the bounds, naming them, and writes nothing', async () => {
    const company = await build.legalPerson();
    for (const stated of ['2027-02-15', '2028-01-01']) {
      const res = await record(penalty(company, { statedPublicationEnd: stated }));
      expect(codeOf(res)).toBe('PUBLICATION_END_OUT_OF_BOUNDS');
      expect(messageOf(res)).toContain('between 2027-03-01 (end of the minimum period) and 2027-12-01');
    }
  });
});

describe('leniency grounds on facts (49号 八(十六))', () => {
  it('refuses MINOR_SUBJECT for a person born in 1978, from the birth date in the ID number', async () => {
    const adult = await build.naturalPerson({ birthDate: '1978-06-15' });
    const res = await record(penalty(adult, { leniencyGround: 'MINOR_SUBJECT', leniencyNote: '当事人系未成年人' }));
    expect(codeOf(res)).toBe('LENIENCY_GROUND_UNSUPPORTED');
    expect(messageOf(res)).toMatch(/under 18 on the date of the act; the subject was 48 on 2026-12-01/);
  });

  it('refuses MINOR_SUBJECT for a company', async () => {
    const company = await build.legalPerson();
    const res = await record(penalty(company, { leniencyGround: 'MINOR_SUBJECT', leniencyNote: '当事人系未成年人' }));
    expect(codeOf(res)).toBe('LENIENCY_GROUND_UNSUPPORTED');
    expect(messageOf(res)).toContain('NATURAL_PERSON only; this subject is LEGAL_PERSON');
  });

  it('accepts MINOR_SUBJECT for a person under 18 on the date of the act (the item then records nothing)', async () => {
    const minor = await build.naturalPerson({ birthDate: '2009-03-01' });
    const input = penalty(minor, { leniencyGround: 'MINOR_SUBJECT', leniencyNote: '行为时未满十八周岁', actDate: '2026-11-20' });
    const res = await record(input);
    expect(codeOf(res)).toBe('NOT_ELIGIBLE'); // 03-02-001: MINOR_SUBJECT → NOT_RECORDED
    // Eighteen by the decision, but not on the act's date: the act decides.
    const grown = await build.naturalPerson({ birthDate: '2008-11-25' });
    expect(codeOf(await record(penalty(grown, { leniencyGround: 'MINOR_SUBJECT', leniencyNote: '行为时未满十八周岁', actDate: '2026-11-20' })))).toBe('NOT_ELIGIBLE');
    expect(codeOf(await record(penalty(grown, { leniencyGround: 'MINOR_SUBJECT', leniencyNote: '行为时未满十八周岁', actDate: '2026-11-28' })))).toBe('LENIENCY_GROUND_UNSUPPORTED');
  });

  it('needs a cited document for force majeure', async () => {
    const company = await build.legalPerson();
    const res = await record(penalty(company, { leniencyGround: 'FORCE_MAJEURE', leniencyNote: '受台风影响未能按期履行' }));
    expect(codeOf(res)).toBe('LENIENCY_GROUND_UNSUPPORTED');
    expect(messageOf(res)).toContain('leniencyDocument');
  });

  it('refuses measures on a record flagged force majeure, and limits them after a finding of no intent', async () => {
    const company = await build.legalPerson();
    const typhoon = { title: '关于启动台风防御Ⅰ级应急响应的通知', issuer: '南京市人民政府', issuedOn: '2026-09-10' };
    const forced = await build.penalty(company, { by: SAMR, decisionDate: '2026-12-01', input: { leniencyGround: 'FORCE_MAJEURE', leniencyNote: '受台风影响未能按期履行', leniencyDocument: typhoon } });
    const headers = await authHeaders({ role: 'DEPARTMENT', agency: SAMR }, 'JOINT_PUNISHMENT');
    const refused = await server.gql(APPLY, { input: { measureCode: 'KEY_SUPERVISION', creditRecordId: forced.id } }, headers);
    expect(codeOf(refused)).toBe('LENIENCY_LIMITS_MEASURE');
    expect(messageOf(refused)).toContain('may carry no punishment measure at all');
    const finding = { title: '行政处罚决定书（认定无主观故意部分）', issuer: '南京市鼓楼区市场监督管理局', issuedOn: '2026-12-01' };
    const unintended = await build.penalty(company, { by: SAMR, decisionDate: '2026-12-01', input: { leniencyGround: 'NOT_INTENTIONAL', leniencyNote: '系统故障所致', leniencyDocument: finding } });
    expect(ok(await server.gql(APPLY, { input: { measureCode: 'KEY_SUPERVISION', creditRecordId: unintended.id } }, headers), 'applyPunishmentMeasure').id).toBeTruthy();
  });
});

describe('severity against Order 36\'s criteria', () => {
  it('refuses a licence revocation with a 200万 fine labelled MINOR', async () => {
    const company = await build.legalPerson();
    const res = await record(penalty(company, { severity: 'MINOR' }, { penaltyCategory: '吊销许可证件', fineAmount: '200' }));
    expect(codeOf(res)).toBe('SEVERITY_INCONSISTENT');
    expect(messageOf(res)).toContain('a penalty of 吊销许可证件 is at least SERIOUS');
  });

  it('accepts the revocation as SERIOUS, and MINOR for a warning', async () => {
    const company = await build.legalPerson();
    expect(ok(await record(penalty(company, { severity: 'SERIOUS' }, { penaltyCategory: '吊销许可证件', fineAmount: '200' })), 'recordCreditInformation').severity).toBe('SERIOUS');
    expect(ok(await record(penalty(company, { severity: 'MINOR' }, { penaltyCategory: '警告', fineAmount: null })), 'recordCreditInformation').severity).toBe('MINOR');
  });
});

describe('legal documents against the catalog item (49号 二(二))', () => {
  it('refuses a market-regulation penalty resting on an arbitral award', async () => {
    const company = await build.legalPerson();
    const res = await record(penalty(company, { document: { kind: 'ARBITRAL_AWARD', number: '（2026）宁仲裁字第8号', issuer: '南京仲裁委员会', effectiveOn: '2026-12-01' } }));
    expect(codeOf(res)).toBe('DOCUMENT_NOT_ACCEPTED');
    expect(messageOf(res)).toContain('rests on ADMINISTRATIVE_PENALTY, not ARBITRAL_AWARD');
  });

  it('refuses a penalty decision issued by a court', async () => {
    const company = await build.legalPerson();
    const res = await record(penalty(company, { document: { kind: 'ADMINISTRATIVE_PENALTY', number: '（2026）苏0106行1号', issuer: '南京市鼓楼区人民法院', effectiveOn: '2026-12-01' } }));
    expect(codeOf(res)).toBe('DOCUMENT_NOT_ACCEPTED');
    expect(messageOf(res)).toContain("南京市鼓楼区人民法院 is a people's court");
  });

  it('refuses OTHER_STATUTORY with the basis 无, and without a structured reference', async () => {
    const company = await build.legalPerson();
    const doc = { kind: 'OTHER_STATUTORY', number: `宁鼓市监其他〔2026〕${(seq += 1)}号`, issuer: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-12-01' };
    const textual = await record(penalty(company, { document: { ...doc, statutoryBasis: '无' } }));
    expect(codeOf(textual)).toBe('DOCUMENT_NOT_ACCEPTED');
    expect(messageOf(textual)).toContain('needs statutoryReference');
    const none = await record(penalty(company, { document: { ...doc, statutoryReference: { level: 'LAW', title: '无' } } }));
    expect(codeOf(none)).toBe('DOCUMENT_NOT_ACCEPTED');
    expect(messageOf(none)).toContain('is not the title of an instrument');
  });
});

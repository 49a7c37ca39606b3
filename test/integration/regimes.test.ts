/**
 * Issue 13 item 8 through the real server: the 2017 notice for decisions before the 2019 notice
 * and a refusal naming 2017-07-31 before it; 特定严重失信 under the 2019 notice (three years fixed,
 * never repaired); Order 36's coming into force, which does not re-band records decided before
 * 2026-04-01 (立法法 第一百零四条); and the 国发〔2016〕33号 field of every list type.
 */
import { builder, type Builder, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-12-10');
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
  recordCreditInformation(input: $input) { id severity publicationStart publicationEnd }
}`;
const APPLY = 'mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id state } }';

let seq = 0;
function penalty(subject: BuiltSubject, decisionDate: string, extra: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) {
  seq += 1;
  return {
    ...subject.ref, itemCode: '03-02-001', decisionDate, severity: 'GENERAL',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: `宁鼓市监处罚〔${decisionDate.slice(0, 4)}〕R${seq}号`, issuer: '南京市鼓楼区市场监督管理局', effectiveOn: decisionDate },
    penalty: { penaltyCategory: '罚款', fineAmount: '1.0000', violationType: '虚假宣传', ...fields },
    ...extra,
  };
}
const record = async (input: Record<string, unknown>) =>
  server.gql(RECORD, { input }, await authHeaders({ role: 'DEPARTMENT', agency: SAMR }, 'CREDIT_SUPERVISION'));
const applyForRepair = async (subject: BuiltSubject, creditRecordId: string) => server.gql(APPLY, {
  input: {
    creditRecordId,
    commitment: '本单位承诺所提交材料真实有效，已全面履行行政处罚决定确定的义务，如有虚假愿承担相应法律责任。',
    obligationsEvidence: '罚款已全额缴纳，违法行为已整改完毕。',
  },
}, await authHeaders({ role: 'SUBJECT', subject: subject.id }));
const revocation = { penaltyCategory: '吊销许可证件', fineAmount: null, suspendedOrRevokedLicence: '食品经营许可证（编号：JY13201060001）' };

describe('decisions before the 2019 notice', () => {
  it('publishes a 2018 penalty for the fixed year of the 2017 notice, and a serious one for three years', async () => {
    const company = await build.legalPerson();
    expect(ok(await record(penalty(company, '2018-05-10')), 'recordCreditInformation')).toMatchObject({ publicationStart: '2018-05-10', publicationEnd: '2019-05-10' });
    const serious = ok(await record(penalty(company, '2019-06-30', { severity: 'SERIOUS' }, { fineAmount: '30.0000' })), 'recordCreditInformation');
    expect(serious).toMatchObject({ publicationEnd: '2022-06-30' });
  });

  it('refuses a decision before 2017-07-31, naming the earliest date covered, and writes nothing', async () => {
    const company = await build.legalPerson();
    const res = await record(penalty(company, '2017-07-30'));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toContain('decision date 2017-07-30 is before 2017-07-31, the earliest date a modelled publication regime covers (NDRC_2017_NOTICE');
    expect(ok(await record(penalty(company, '2017-07-31')), 'recordCreditInformation')).toMatchObject({ publicationEnd: '2018-07-31' });
  });
});

describe('特定严重失信 under the 2019 notice', () => {
  beforeAll(() => { clock = at('2022-01-10'); });
  afterAll(() => { clock = at('2026-12-10'); });

  it('publishes a food-licence revocation for exactly three years and refuses its repair, while an ordinary serious penalty may be repaired', async () => {
    const company = await build.legalPerson();
    const special = ok(await record(penalty(company, '2021-12-01', { severity: 'SERIOUS', sector: 'FOOD' }, revocation)), 'recordCreditInformation');
    expect(special).toMatchObject({ publicationStart: '2021-12-01', publicationEnd: '2024-12-01' });
    const ordinary = ok(await record(penalty(company, '2021-12-01', { severity: 'SERIOUS' }, { fineAmount: '30.0000' })), 'recordCreditInformation');
    clock = at('2022-07-01'); // past the 6-month minimum of an ordinary serious penalty
    const refused = await applyForRepair(company, special.id);
    expect(codeOf(refused)).toBe('NOT_ELIGIBLE');
    expect(messageOf(refused)).toContain('the record is 特定严重失信 (食品药品) under NDRC_2019_527: 发改办财金〔2019〕527号 publishes it for the full period, until 2024-12-01, and excludes repair');
    expect(ok(await applyForRepair(company, ordinary.id), 'applyForCreditRepair')).toMatchObject({ state: 'SUBMITTED' });
    clock = at('2022-01-10');
  });

  it('takes a named conduct, and refuses a 特定严重失信 penalty labelled GENERAL or a named ground on a fine', async () => {
    const company = await build.legalPerson();
    const named = ok(await record(penalty(company, '2021-11-02', { severity: 'SERIOUS', specificSeriousGround: '制售假冒伪劣产品' }, revocation)), 'recordCreditInformation');
    expect(named).toMatchObject({ publicationEnd: '2024-11-02' });
    const general = await record(penalty(company, '2021-11-03', { severity: 'GENERAL', sector: 'FOOD' }, revocation));
    expect(codeOf(general)).toBe('SEVERITY_INCONSISTENT');
    expect(messageOf(general)).toMatch(/is 特定严重失信 under NDRC_2019_527 .*label it SERIOUS, not GENERAL/);
    const fine = await record(penalty(company, '2021-11-04', { severity: 'SERIOUS', specificSeriousGround: '恶意欠薪' }, { fineAmount: '30.0000' }));
    expect(codeOf(fine)).toBe('BAD_USER_INPUT');
    expect(messageOf(fine)).toContain('特定严重失信 under NDRC_2019_527 covers only penalties of 责令停产停业、吊销许可证件; this penalty is 罚款');
  });
});

describe('Order 36 coming into force on 2026-04-01', () => {
  it('leaves a record decided on 2026-03-31 in the band of Order 58, and bands one of 2026-04-01 under Order 36', async () => {
    const company = await build.legalPerson();
    const before = ok(await record(penalty(company, '2026-03-31')), 'recordCreditInformation');
    const after = ok(await record(penalty(company, '2026-04-01')), 'recordCreditInformation');
    expect(before).toMatchObject({ publicationEnd: '2029-03-31' }); // still published after 2026-04-01, not re-banded
    expect(after).toMatchObject({ publicationEnd: '2027-04-01' });
  });
});

describe('list types and 国发〔2016〕33号', () => {
  it('names the field of serious dishonesty of every list type', async () => {
    const types = ok(await server.gql('{ seriousListTypes { code category33 category33Basis } }'), 'seriousListTypes') as Array<{ code: string; category33: string[]; category33Basis: string }>;
    expect(Object.fromEntries(types.map((t) => [t.code, t.category33]))).toEqual({
      COURT_DEFAULTER: ['DEFYING_LEGAL_OBLIGATIONS'],
      MAJOR_TAX_VIOLATION: ['MARKET_AND_SOCIAL_ORDER'],
      GOVERNMENT_PROCUREMENT_SERIOUS: ['MARKET_AND_SOCIAL_ORDER'],
      SAMR_SERIOUS_VIOLATION: ['HEALTH_AND_LIFE_SAFETY', 'MARKET_AND_SOCIAL_ORDER'],
    });
    expect(types.every((t) => t.category33Basis.startsWith('国发〔2016〕33号'))).toBe(true);
  });
});

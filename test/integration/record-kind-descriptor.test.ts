/**
 * A record kind added through its descriptor alone: COMMITMENT_FULFILMENT (信用承诺履约) is its
 * fields (record-kinds.ts), its descriptor (record-kind.descriptors.ts), its seed generator
 * (src/seed/kinds/generators.ts) and catalog item 08-02-001 — nothing in the profile, the report,
 * the portal or the input was written for it. Recorded through recordCreditInformation, it is
 * read back through the profile's 诚实守信 section, the credit report's own section and summary,
 * the printable report, and the portal's generated module.
 */
import { builder, type BuiltSubject } from '../support/builders';
import { ok } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let company: BuiltSubject;
let recordId: string;

const RECORD = 'mutation($input: RecordCreditInformationInput!) { recordCreditInformation(input: $input) { id } }';
const FULFILMENT = {
  commitmentContent: '申请食品经营许可时，以告知承诺方式承诺已具备法定条件。',
  commitmentType: '审批替代型',
  commitmentMadeOn: '2026-03-02',
  acceptingUnit: '南京市鼓楼区市场监督管理局',
  verifyingAuthority: '江苏省发展和改革委员会',
  outcome: '未履约',
  breachCircumstance: '经核查，实际经营场所与承诺内容不符',
  handling: '撤销相关许可，记入信用记录',
};

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  await builder(server).agencies('NDRC', 'NDRC_320000');
  company = await builder(server).legalPerson({ region: '320100' });
  const input = { ...company.ref, itemCode: '08-02-001', decisionDate: '2026-09-01', commitmentFulfilment: FULFILMENT };
  const headers = await authHeaders({ role: 'DEPARTMENT', agency: 'NDRC_320000' }, 'CREDIT_SUPERVISION');
  recordId = ok(await server.gql(RECORD, { input }, headers), 'recordCreditInformation').id;
});
afterAll(() => server.close());

const OWN = 'commitmentContent commitmentType commitmentMadeOn acceptingUnit verifiedOn verifyingAuthority outcome breachCircumstance handling';

describe('a record kind added by its descriptor', () => {
  it('is read back through the profile, in the section its descriptor names, with its derived date', async () => {
    const res = await server.gql(`query($code: String!) { subject(code: $code) { profile {
      honesty { totalCount edges { node { __typename id ... on CreditCommitmentFulfilment { ${OWN} } } } } } } }`, { code: company.uscc });
    const honesty = ok(res, 'subject').profile.honesty;
    expect(honesty.totalCount).toBe(1);
    expect(honesty.edges[0].node).toEqual({ __typename: 'CreditCommitmentFulfilment', id: recordId, ...FULFILMENT, verifiedOn: '2026-09-01' });
  });

  it('has its own section of the credit report, counted in the summary, under part 六 beside the commitments', async () => {
    const res = await server.gql(`query($code: String!) { creditReport(code: $code) {
      summary { commitments commitmentFulfilments total }
      commitmentFulfilments { title totalCount records { id ... on CreditCommitmentFulfilment { outcome } } } } }`, { code: company.uscc });
    const report = ok(res, 'creditReport');
    expect(report.summary).toEqual({ commitments: 0, commitmentFulfilments: 1, total: 1 });
    expect(report.commitmentFulfilments).toEqual({ title: '信用承诺履约信息', totalCount: 1, records: [{ id: recordId, outcome: '未履约' }] });
    const html = await (await fetch(`${new URL(server.url).origin}/report/${company.uscc}`)).text();
    expect(html).toContain('六、信用承诺信息');
    expect(html).toContain('（二）信用承诺履约信息');
    expect(html).toContain('经核查，实际经营场所与承诺内容不符');
  });

  it('reaches the portal: its type, title and published fields are in the generated module', async () => {
    const origin = new URL(server.url).origin;
    const page = await (await fetch(`${origin}/`)).text();
    const base = /\/portal\/[0-9a-f]{12}/.exec(page)![0];
    const res = await fetch(`${origin}${base}/js/record-kinds.js`);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await res.text();
    const kinds = JSON.parse(/export const KINDS = ([\s\S]*);\n$/.exec(source)![1]!);
    expect(kinds.CreditCommitmentFulfilment.fields.map((f: { key: string }) => f.key)).toEqual(OWN.split(' '));
    expect(kinds.CreditCommitmentFulfilment.title.fallback).toBe('信用承诺履约');
    const sections = JSON.parse(/export const SECTIONS = ([\s\S]*?);\n/.exec(source)![1]!);
    expect(sections.find((s: { key: string }) => s.key === 'honesty').kinds).toContain('CreditCommitmentFulfilment');
  });
});

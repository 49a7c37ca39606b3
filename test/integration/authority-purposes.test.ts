/**
 * Authority, not role: the purpose an agency may declare comes from its data-sharing agreements
 * in force (src/catalog/data/sharing-agreements.yaml), narrowed — never widened — by its token;
 * an item is received by sharing only where an agreement covers it; an area-limited agreement
 * covers only subjects registered in the grantee's area; a department's providing capacity
 * covers only what it or the agencies under it recorded. Through the real server, table-driven,
 * with the access log naming the agreement each shared read rested on.
 */
import { sql } from 'drizzle-orm';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let penaltyId: string;
/** The company's USCC: built for this file, registered in 320100 (南京市). */
let company: string;
const COMPANY_NAME = '南京钢铁联合有限公司';
beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'SAMR_110000', 'SAMR_110105', 'SAMR_440000', 'SAMR_440300',
    'STA', 'STA_320000', 'STA_320100', 'MOF', 'MOF_320000', 'MOF_320100');
  await build.partners('JS_PRTC', 'JL_BANK', 'NJ_HR');
  // A company registered in 320100 with a legal representative, and a penalty of it recorded by the Gulou district bureau.
  const subject = await build.legalPerson({ name: COMPANY_NAME, region: '320100' });
  company = subject.uscc!;
  penaltyId = (await build.penalty(subject, {
    by: 'SAMR_320106', decisionDate: '2026-10-08', severity: 'GENERAL',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: '宁鼓市监处罚〔2026〕A7号', issuer: '南京市鼓楼区市场监督管理局', effectiveOn: '2026-10-09' },
    fields: { penaltyCategory: '罚款', fineAmount: '3.0000', violationType: '虚假宣传' },
  })).id;
});
afterAll(() => server.close());
const PROBE = `query Probe($code: String!) { subject(code: $code) { name legalRepIdNumber } }`;

type Caller = { role: 'PARTNER' | 'DEPARTMENT'; agency: string; purposes?: string[] };

/** agency × declared purpose → admitted, or refused before execution with PURPOSE_NOT_PERMITTED. */
const DECLARATIONS: Array<[string, Caller, string, 'ADMITTED' | 'UNAUTHENTICATED' | RegExp]> = [
  ['a bank may not declare licensing review', { role: 'PARTNER', agency: 'JL_BANK' }, 'ADMIN_LICENSING_REVIEW', /JL_BANK holds no data-sharing agreement in force today for purpose ADMIN_LICENSING_REVIEW; its agreements allow: FINANCIAL_SERVICE/],
  ['a bank may not declare joint punishment', { role: 'PARTNER', agency: 'JL_BANK' }, 'JOINT_PUNISHMENT', /its agreements allow: FINANCIAL_SERVICE$/],
  ['a bank may not declare credit supervision', { role: 'PARTNER', agency: 'JL_BANK' }, 'CREDIT_SUPERVISION', /FINANCIAL_SERVICE/],
  ['a bank\'s expired screening agreement grants nothing', { role: 'PARTNER', agency: 'JL_BANK' }, 'EMPLOYMENT_SCREENING', /for purpose EMPLOYMENT_SCREENING/],
  ['a bank declares its own purpose', { role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE', 'ADMITTED'],
  ['an HR firm may not declare appointment review', { role: 'PARTNER', agency: 'NJ_HR' }, 'APPOINTMENT_REVIEW', /NJ_HR holds no data-sharing agreement .* EMPLOYMENT_SCREENING/],
  ['an HR firm declares employment screening', { role: 'PARTNER', agency: 'NJ_HR' }, 'EMPLOYMENT_SCREENING', 'ADMITTED'],
  ['the trading centre declares public resource trading', { role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING', 'ADMITTED'],
  ['the trading centre may not declare procurement review', { role: 'PARTNER', agency: 'JS_PRTC' }, 'GOVERNMENT_PROCUREMENT_REVIEW', /JS_PRTC/],
  ['a market regulator declares appointment review', { role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'APPOINTMENT_REVIEW', 'ADMITTED'],
  ['a tax bureau may not declare appointment review', { role: 'DEPARTMENT', agency: 'STA_320100' }, 'APPOINTMENT_REVIEW', /STA_320100/],
  ['a token naming an agency the registry does not know is refused outright', { role: 'PARTNER', agency: 'NO_SUCH_AGENCY' }, 'PUBLIC_RESOURCE_TRADING', 'UNAUTHENTICATED'],
  ['a token narrowed to procurement review may not declare supervision', { role: 'DEPARTMENT', agency: 'MOF_320100', purposes: ['GOVERNMENT_PROCUREMENT_REVIEW'] }, 'CREDIT_SUPERVISION', /this token is limited to purposes GOVERNMENT_PROCUREMENT_REVIEW; CREDIT_SUPERVISION is not among them/],
  ['a token cannot widen its agency\'s purposes', { role: 'DEPARTMENT', agency: 'MOF_320100', purposes: ['GOVERNMENT_PROCUREMENT_REVIEW', 'FINANCIAL_SERVICE'] }, 'FINANCIAL_SERVICE', /MOF_320100 holds no/],
  ['a narrowed token declares what it kept', { role: 'DEPARTMENT', agency: 'MOF_320100', purposes: ['GOVERNMENT_PROCUREMENT_REVIEW'] }, 'GOVERNMENT_PROCUREMENT_REVIEW', 'ADMITTED'],
];

describe('declaring a purpose', () => {
  it.each(DECLARATIONS)('%s', async (_name, caller, purpose, expected) => {
    const res = await server.gql(PROBE, { code: company }, await authHeaders(caller, purpose));
    if (expected === 'ADMITTED') {
      expect(res.status).toBe(200);
      expect(res.body.data?.subject?.name).toBe(COMPANY_NAME);
    } else if (expected === 'UNAUTHENTICATED') {
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } else {
      expect(res.status).toBe(403);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'PURPOSE_NOT_PERMITTED' }) })]);
      expect(res.body.errors![0]!.message).toMatch(expected);
    }
  });
});

const READ = `query Read($code: String!) { subject(code: $code) { legalRepIdNumber
  profile { penalties(first: 50) { edges { node { id ... on AdministrativePenalty { idNumber fineAmount legalRepIdNumber } } } } } } }`;

async function accessReasons(requestId: string): Promise<string[]> {
  const r = await server.database.db.execute(sql`SELECT reason FROM access_log WHERE client_request_id = ${requestId} ORDER BY seq`);
  return ((r as unknown as { rows?: Array<{ reason: string }> }).rows ?? (r as unknown as Array<{ reason: string }>)).map((x) => x.reason);
}

/** caller × the company's registration and the Gulou penalty → how each is seen, and the reason logged. */
const READS: Array<[string, Caller, string, { registration: string; penalty: string | null }]> = [
  // The agreement covers registration and penalties, for the province it is with.
  ['the trading centre receives both by its agreement', { role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING',
    { registration: 'SHARED:JS_PRTC_2024', penalty: 'SHARED:JS_PRTC_2024' }],
  // Registration is shared for every purpose, but the HR firm's agreement does not cover it; its
  // agreement covers penalties, but the catalog does not share them for screening. Both must hold.
  ['an HR firm is one of the public where its agreement or the catalog says no', { role: 'PARTNER', agency: 'NJ_HR' }, 'EMPLOYMENT_SCREENING',
    { registration: 'NO_AGREEMENT_COVERS_ITEM', penalty: 'PUBLISHED' }],
  // The recording bureau and the city bureau above it hold the penalty in full; registration by area-limited supervision.
  ['the recording district bureau provides its own penalty', { role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION',
    { registration: 'OUTSIDE_AGREEMENT_AREA', penalty: 'PROVIDER' }],
  ['the city bureau above it provides it too', { role: 'DEPARTMENT', agency: 'SAMR_320100' }, 'CREDIT_SUPERVISION',
    { registration: 'SHARED:GOV_CREDIT_SUPERVISION', penalty: 'PROVIDER' }],
  // A peer bureau elsewhere: neither providing capacity nor supervision of a Nanjing company.
  ['a Shenzhen bureau supervising sees a Nanjing company as the public does', { role: 'DEPARTMENT', agency: 'SAMR_440300' }, 'CREDIT_SUPERVISION',
    { registration: 'OUTSIDE_AGREEMENT_AREA', penalty: 'PUBLISHED' }],
  ['a Beijing district bureau supervising sees it as the public does', { role: 'DEPARTMENT', agency: 'SAMR_110105' }, 'CREDIT_SUPERVISION',
    { registration: 'OUTSIDE_AGREEMENT_AREA', penalty: 'PUBLISHED' }],
  // Licensing review follows the applicant anywhere (nationwide agreement).
  ['a Shenzhen bureau reviewing a licence receives both', { role: 'DEPARTMENT', agency: 'SAMR_440300' }, 'ADMIN_LICENSING_REVIEW',
    { registration: 'SHARED:GOV_PLATFORM_SHARING', penalty: 'SHARED:GOV_PLATFORM_SHARING' }],
];

describe('reading under an agreement, an area and a jurisdiction', () => {
  it.each(READS)('%s', async (_name, caller, purpose, expected) => {
    const requestId = `authority-read-${caller.agency}-${purpose}`;
    const res = await server.gql(READ, { code: company }, { ...(await authHeaders(caller, purpose)), 'x-request-id': requestId });
    expect(res.status).toBe(200);
    const subject = res.body.data!.subject;
    const regError = res.body.errors?.find((e) => e.path?.join('.') === 'subject.legalRepIdNumber');
    if (expected.registration.startsWith('SHARED')) expect(regError).toBeUndefined();
    else expect(regError?.extensions?.reason).toBe(expected.registration);
    const edges = subject.profile.penalties.edges as Array<{ node: { id: string; idNumber: string | null; legalRepIdNumber: string | null } }>;
    const i = edges.findIndex((e) => e.node.id === penaltyId);
    expect(i).toBeGreaterThanOrEqual(0);
    const repIdError = res.body.errors?.find((e) => e.path?.join('.') === `subject.profile.penalties.edges.${i}.node.legalRepIdNumber`);
    if (expected.penalty === 'PUBLISHED') {
      // What the public sees: the representative's ID number is never published.
      expect(repIdError?.extensions?.code).toBeDefined();
      expect(edges[i]!.node.legalRepIdNumber).toBeNull();
    } else {
      expect(repIdError).toBeUndefined();
    }
    const reasons = await accessReasons(requestId);
    expect(reasons).toContain(expected.penalty === 'PUBLISHED' ? 'PUBLISHED' : expected.penalty === 'PROVIDER' ? 'PROVIDING_DEPARTMENT' : expected.penalty);
  });
});

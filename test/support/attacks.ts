/**
 * Shared by the attack tests in test/security: each attack is followed by a normal request,
 * to show that the server still answers as it should.
 */
import { builder, type BuiltSubject } from './builders';
import type { GraphQLResponse, TestServer } from './server';

/** The demo seed's steel company, for the tests that still run on the demo seed. */
export const STEEL = '91320100748204660Q';
const SEEDED_STEEL = { uscc: STEEL, name: '南京钢铁联合有限公司' };

/** A portal's ordinary lookup of `company` (by default the seeded one), answered with data. */
export async function expectStillServing(server: TestServer, company: { uscc?: string; name: string } = SEEDED_STEEL): Promise<void> {
  const res = await server.gql(`query($code: String!) { subject(code: $code) { name uscc } }`, { code: company.uscc });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ data: { subject: { name: company.name, uscc: company.uscc } } });
}

/**
 * The state most attack tests need, on a server started with `seed: false`: the partner
 * JS_PRTC, the Gulou market regulator (and those above it, NDRC the auditor), and a company
 * named as the portal's example one, with a penalty of 2025. Returns the company.
 */
export async function buildPortalCompany(server: TestServer): Promise<BuiltSubject> {
  const build = builder(server);
  await build.agencies('NDRC', 'SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  const company = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100', legalRepresentative: '陈立平' });
  await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2025-06-10' });
  return company;
}

/** Every error's code, in order. */
export const codesOf = (res: GraphQLResponse): unknown[] => (res.body.errors ?? []).map((e) => e.extensions?.code);

/** A raw HTTP exchange with the server: status and parsed JSON (or the text, when it is not JSON). */
export async function send(url: string, init: RequestInit): Promise<{ status: number; body: any; contentType: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, contentType: res.headers.get('content-type') ?? '' };
}

/**
 * Tokens that never end, tokens from the future, tokens without a signature or for a
 * subject that does not exist — each refused with HTTP 401 UNAUTHENTICATED and its own
 * reason, through the real server. Asymmetric tokens from a province's identity service are
 * accepted: an ES256 PEM key (JWT_PUBLIC_KEY) and a JWKS (JWT_JWKS_URL) served here on
 * 127.0.0.1 with keys generated in the test, rotated by `kid`. No network beyond loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { issueToken, publicKeyFromPem } from '../../src/auth/tokens';
import { codeOf, messageOf } from '../support/responses';
import { builder, type BuiltSubject } from '../support/builders';
import { TEST_KEYS, authHeaders, startTestServer, type TestServer } from '../support/server';

const IDP = 'https://idp.js.gov.cn';
const AUD = 'public-credit-api';
const PROBE = '{ myConsents(first: 1) { totalCount } }';
const PARTNER_PROBE = 'query($code: String!) { subject(code: $code) { name } }';
/** The company partners read, and the person the SUBJECT tokens name (a subject that exists). */
let company: BuiltSubject;
let person: BuiltSubject;

let server: TestServer;
let jwks: Server;
let jwksFetches = 0;
const published: JWK[] = [];
let rsa1: { privateKey: KeyLike; publicKey: KeyLike };
let rsa2: { privateKey: KeyLike; publicKey: KeyLike };
let ec: { privateKey: KeyLike; publicKey: KeyLike };

beforeAll(async () => {
  rsa1 = await generateKeyPair('RS256', { extractable: true });
  rsa2 = await generateKeyPair('RS256', { extractable: true });
  ec = await generateKeyPair('ES256', { extractable: true });
  published.push({ ...(await exportJWK(rsa1.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' });
  jwks = createServer((_req, res) => {
    jwksFetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUrl = new URL(`http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`);
  server = await startTestServer({
    seed: false,
    config: {
      keys: {
        ...TEST_KEYS,
        tokens: {
          secret: TEST_KEYS.jwtSecret,
          publicKey: publicKeyFromPem(await exportSPKI(ec.publicKey)),
          jwksUrl,
          jwksCooldownMs: 0,
          issuer: IDP,
          audience: AUD,
        },
      },
    },
  });
  const build = builder(server);
  await build.agency({ code: 'JS_PRTC', system: 'PRTC', level: 'PROVINCE', region: '320000', kind: 'PARTNER' });
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  company = await build.legalPerson({ name: '南京钢铁联合有限公司', region: '320100' });
  person = await build.naturalPerson();
}, 120_000);
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => jwks.close(resolve));
});

const now = () => Math.floor(Date.now() / 1000);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
// JS_PRTC's agreement grants this purpose; a partner must declare one.
const PURPOSE = { 'x-purpose': 'PUBLIC_RESOURCE_TRADING' };
const partnerRead = (token: string) => server.gql(PARTNER_PROBE, { code: company.uscc }, { ...bearer(token), ...PURPOSE });

/** An HS256 token signed with the server's own key, with claims set by hand. */
function own(times: { iat?: number; exp?: number; nbf?: number }, claims: Record<string, unknown> = { role: 'SUBJECT', subject: person.id }) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('attacker')
    .setIssuer('public-credit-api').setAudience('public-credit-api');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  if (times.nbf !== undefined) jwt.setNotBefore(times.nbf);
  return jwt.sign(TEST_KEYS.jwtSecret);
}

/** A token of the identity provider, signed with `key` under `alg` (and `kid`). */
function idp(alg: 'RS256' | 'ES256', key: KeyLike, kid?: string, claims: Record<string, unknown> = { role: 'PARTNER', agency: 'JS_PRTC' }, issuer = IDP) {
  return new SignJWT(claims).setProtectedHeader({ alg, ...(kid ? { kid } : {}) }).setSubject('prtc-client-7')
    .setIssuer(issuer).setAudience(AUD).setIssuedAt().setExpirationTime('1h').sign(key);
}

async function expectRefused(token: string, reason: RegExp, query = PROBE) {
  const res = await server.gql(query, query === PARTNER_PROBE ? { code: company.uscc } : undefined, { ...bearer(token), ...(query === PARTNER_PROBE ? PURPOSE : {}) });
  expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  expect(messageOf(res)).toMatch(reason);
  expect(res.body.data).toBeUndefined();
}

describe('tokens end', () => {
  it('accepts a subject token of ordinary lifetime (the control)', async () => {
    const res = await server.gql(PROBE, undefined, bearer(await own({ iat: now(), exp: now() + 3600 })));
    expect(res.status).toBe(200);
    expect(res.body.data?.myConsents).toBeDefined();
  });

  it('refuses a token without exp', async () => {
    await expectRefused(await own({ iat: now() }), /token has no expiry \(exp\); every token must end/);
  });

  it('refuses a token expiring in the year 3000, with or without iat', async () => {
    const y3000 = Date.UTC(3000, 0, 1) / 1000;
    await expectRefused(await own({ iat: now(), exp: y3000 }), /token lifetime of \d+ s exceeds the 28800 s a SUBJECT token may have/);
    await expectRefused(await own({ exp: y3000 }), /token expires \d+ s from now, beyond the 28800 s a SUBJECT token may have/);
  });

  it('refuses a lifetime one hour over the role\'s limit and accepts one at it', async () => {
    const partner = { role: 'PARTNER', agency: 'JS_PRTC' };
    const t = now();
    await expectRefused(await own({ iat: t, exp: t + 13 * 3600 }, partner), /exceeds the 43200 s a PARTNER token may have/, PARTNER_PROBE);
    const atLimit = await partnerRead(await own({ iat: t, exp: t + 12 * 3600 }, partner));
    expect(atLimit.status).toBe(200);
  });

  it('refuses iat a year ahead, and nbf beyond the clock skew; tolerates 30 s of skew', async () => {
    const t = now();
    await expectRefused(await own({ iat: t + 365 * 86400, exp: t + 365 * 86400 + 3600 }), /token issued in the future \(iat is more than 60 s ahead\)/);
    await expectRefused(await own({ iat: t + 600, exp: t + 3600 }), /token issued in the future/);
    await expectRefused(await own({ iat: t, nbf: t + 600, exp: t + 3600 }), /token is not valid yet \(nbf is more than 60 s ahead\)/);
    const skewed = await server.gql(PROBE, undefined, bearer(await own({ iat: t + 30, nbf: t + 30, exp: t + 3600 })));
    expect(skewed.status).toBe(200);
  });

  it('refuses an expired token', async () => {
    await expectRefused(await own({ iat: now() - 7200, exp: now() - 3600 }), /token expired/);
  });
});

describe('algorithms', () => {
  it('refuses alg: none', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'AUDITOR', agency: 'NDRC', sub: 'x', iss: 'public-credit-api', aud: 'public-credit-api', exp: now() + 600 })}.`;
    await expectRefused(unsigned, /token algorithm none is not accepted \(accepted: HS256, ES256, RS256\)/);
  });

  it('refuses an algorithm no key is configured for (HS512)', async () => {
    const hs512 = await new SignJWT({ role: 'SUBJECT', subject: person.id }).setProtectedHeader({ alg: 'HS512' }).setSubject('x')
      .setIssuer('public-credit-api').setAudience('public-credit-api').setIssuedAt().setExpirationTime('1h')
      .sign(Buffer.concat([TEST_KEYS.jwtSecret, TEST_KEYS.jwtSecret]));
    await expectRefused(hs512, /token algorithm HS512 is not accepted/);
  });

  it('refuses an HS256 token keyed with the identity provider\'s public key (algorithm confusion)', async () => {
    const pem = await exportSPKI(ec.publicKey);
    const forged = await new SignJWT({ role: 'AUDITOR', agency: 'NDRC' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x')
      .setIssuer(IDP).setAudience(AUD).setIssuedAt().setExpirationTime('1h').sign(Buffer.from(pem));
    await expectRefused(forged, /token signature is not valid for this server/);
  });
});

describe('an identity provider\'s tokens', () => {
  it('accepts ES256 verified with JWT_PUBLIC_KEY', async () => {
    const res = await partnerRead(await idp('ES256', ec.privateKey));
    expect(res.status).toBe(200);
    expect(res.body.data?.subject.name).toBe('南京钢铁联合有限公司');
  });

  it('accepts RS256 from the JWKS by kid, follows a key rotation, and refuses an unknown kid', async () => {
    const first = await partnerRead(await idp('RS256', rsa1.privateKey, 'k1'));
    expect(first.status).toBe(200);
    const before = jwksFetches;
    // The provider rotates: k2 published, k1 withdrawn.
    published.splice(0, published.length, { ...(await exportJWK(rsa2.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' });
    const rotated = await partnerRead(await idp('RS256', rsa2.privateKey, 'k2'));
    expect(rotated.status).toBe(200);
    expect(jwksFetches).toBeGreaterThan(before);
    await expectRefused(await idp('RS256', rsa1.privateKey, 'k1'), /kid\) is not among the identity provider's keys/, PARTNER_PROBE);
    await expectRefused(await idp('RS256', rsa2.privateKey, 'k9'), /kid\) is not among the identity provider's keys/, PARTNER_PROBE);
  });

  it('refuses a provider-signed token naming another issuer, and a token signed by a key not published', async () => {
    await expectRefused(await idp('ES256', ec.privateKey, undefined, undefined, 'https://evil.example'), /token claim "iss" is not valid/, PARTNER_PROBE);
    const stranger = await generateKeyPair('ES256');
    await expectRefused(await idp('ES256', stranger.privateKey), /token signature is not valid/, PARTNER_PROBE);
  });

  it('holds provider tokens to the same lifetime rule', async () => {
    const long = await new SignJWT({ role: 'PARTNER', agency: 'JS_PRTC' }).setProtectedHeader({ alg: 'ES256' }).setSubject('c')
      .setIssuer(IDP).setAudience(AUD).setIssuedAt().setExpirationTime('30d').sign(ec.privateKey);
    await expectRefused(long, /exceeds the 43200 s a PARTNER token may have/, PARTNER_PROBE);
  });
});

describe('a SUBJECT token must name a subject that exists', () => {
  const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id state } }`;
  const input = {
    agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'],
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), channel: '手机银行', evidence: '授权书 0f3a9c',
  };

  it('refuses grantConsent with a token for subject #999999 as 401, not an internal error', async () => {
    const ghost = await issueToken(TEST_KEYS.jwtSecret, { role: 'SUBJECT', sub: 'ghost', subject: 999_999 });
    const res = await server.gql(GRANT, { input }, bearer(ghost));
    expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(messageOf(res)).toBe('token names subject #999999, which does not exist here');
  });

  it('lets an existing subject grant (the control)', async () => {
    const res = await server.gql(GRANT, { input }, await authHeaders({ role: 'SUBJECT', subject: person.id }));
    expect(res.status).toBe(200);
    expect(res.body.data?.grantConsent.state).toBe('ACTIVE');
  });
});

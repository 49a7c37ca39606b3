/**
 * Sign-in with OpenID Connect against the embedded provider, through the real server with a
 * browser that follows redirects and keeps cookies: login → provider's form → callback →
 * GraphQL as SUBJECT with the session cookie and its CSRF token → logout → the cookie is dead.
 * Then expiry, CSRF refusals, tampering with state, nonce and PKCE, and production without it.
 */
import pino from 'pino';
import { signInTestAccounts } from '../../src/seed';
import { Browser, formAction, type Page } from '../support/browser';
import { codesOf, STEEL } from '../support/attacks';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { embeddedSignIn } from '../support/sign-in-config';

const SIGN_IN = embeddedSignIn();
const SESSION = 'credit-session';
const STATE = 'credit-sign-in';

let server: TestServer;
let origin: string;
let prod: TestServer;
/** Moved forward by the expiry tests; the server's clock is the wall clock plus this. */
let offsetMs = 0;
/** What the sign-in server logged (no redaction on this logger: what the code writes is what is seen). */
const logLines: string[] = [];

beforeAll(async () => {
  [server, prod] = await Promise.all([
    startTestServer({
      subjects: 10, config: { signIn: SIGN_IN }, signInAccounts: signInTestAccounts(), now: () => new Date(Date.now() + offsetMs),
      logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
    }),
    startTestServer({ subjects: 10, config: { env: 'production' } }),
  ]);
  origin = new URL(server.url).origin;
}, 120_000);
afterAll(() => Promise.all([server.close(), prod.close()]));
afterEach(() => { offsetMs = 0; });

/** From /auth/login to the provider's login form (the authorization URL may be altered on the way). */
async function toLoginForm(browser: Browser, alter?: (authorize: URL) => void): Promise<Page> {
  const start = await browser.fetch('/auth/login');
  expect(start.status).toBe(303);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.origin + authorize.pathname).toBe(`${origin}/oidc/auth`);
  alter?.(authorize);
  const form = await browser.navigate(authorize.href);
  expect(form.status).toBe(200);
  expect(form.text).toMatch(/Embedded test identity service/);
  return form;
}

/** The whole flow as a browser runs it; returns the page it ends on. */
async function signIn(browser: Browser, login: string, password: string, alter?: (authorize: URL) => void): Promise<Page> {
  const form = await toLoginForm(browser, alter);
  return browser.submit(formAction(form.text), { login, password });
}

async function sessionOf(browser: Browser): Promise<Record<string, any>> {
  const res = await browser.fetch('/auth/session');
  expect(res.status).toBe(200);
  return res.json() as Promise<Record<string, any>>;
}

/** A GraphQL POST from the browser: its cookies, and the CSRF token when given. */
async function gql(browser: Browser, query: string, csrf?: string, variables?: Record<string, unknown>) {
  const res = await browser.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> } };
}

const [PERSON, AGENT, NEWCOMER] = signInTestAccounts();
const MY_CONSENTS = '{ myConsents { totalCount } }';
const PENALTIES = `{ subject(code: "${STEEL}") { profile { penalties { totalCount } } } }`;

describe('the code flow with the embedded provider', () => {
  it('signs a person in, answers GraphQL as that SUBJECT with the cookie and token, and signs out for good', async () => {
    const browser = new Browser(origin);
    const landed = await signIn(browser, PERSON!.login, PERSON!.password);
    expect(landed.hops.some((h) => h.startsWith(`${origin}/auth/callback?code=`))).toBe(true);
    expect(landed.url).toBe(`${origin}/`);
    expect(landed.status).toBe(200);
    expect(browser.cookie(STATE)).toBeUndefined();
    const cookie = browser.cookie(SESSION)!;
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const session = await sessionOf(browser);
    expect(session).toMatchObject({ signedIn: true, kind: 'PERSON', recordsHeld: true, csrfToken: expect.any(String) });
    // Nothing in what the browser is told names the person's ID number.
    expect(JSON.stringify(session)).not.toContain(PERSON!.idNumber);

    // Own data: what the subject's bearer token sees, and the public does not.
    const mine = await gql(browser, MY_CONSENTS, session.csrfToken);
    const byToken = await server.gql(MY_CONSENTS, undefined, await authHeaders({ role: 'SUBJECT', subject: 3 }));
    expect(mine).toEqual({ status: 200, body: byToken.body });
    expect(mine.body.data.myConsents.totalCount).toBeGreaterThan(0);
    expect(codesOf(await server.gql(MY_CONSENTS) as never)).toEqual(['FORBIDDEN']);

    // Sign-out needs the token too; then the session is gone on the server, not only in the browser.
    const refused = await browser.fetch('/auth/logout', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=wrong' });
    expect(refused.status).toBe(403);
    expect((await gql(browser, MY_CONSENTS, session.csrfToken)).status).toBe(200);
    const out = await browser.fetch('/auth/logout', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${session.csrfToken}` });
    expect(out.status).toBe(303);
    expect(browser.cookie(SESSION)).toBeUndefined();
    expect(await sessionOf(browser)).toEqual({ signedIn: false, login: '/auth/login' });

    browser.setCookie(SESSION, cookie);
    const replayed = await gql(browser, MY_CONSENTS, session.csrfToken);
    expect(replayed.status).toBe(401);
    expect(codesOf(replayed as never)).toEqual(['UNAUTHENTICATED']);
    expect(replayed.body.errors![0]!.message).toMatch(/session has ended/);
  });

  it('signs a company\'s agent in as the company (by its USCC), not as the agent in person', async () => {
    const browser = new Browser(origin);
    await signIn(browser, AGENT!.login, AGENT!.password);
    const session = await sessionOf(browser);
    expect(session).toMatchObject({ signedIn: true, kind: 'COMPANY', recordsHeld: true });
    const own = await gql(browser, PENALTIES, session.csrfToken);
    const byToken = await server.gql(PENALTIES, undefined, await authHeaders({ role: 'SUBJECT', subject: 1 }));
    const pub = await server.gql(PENALTIES);
    expect(own.body).toEqual(byToken.body);
    // The long-expired 2019 penalty: the company sees it, the public does not.
    expect(own.body.data.subject.profile.penalties.totalCount).toBeGreaterThan(pub.body.data!.subject.profile.penalties.totalCount);
  });

  it('shows the company its own credit report by the cookie alone (a link cannot send a header; the page only reads)', async () => {
    const browser = new Browser(origin);
    await signIn(browser, AGENT!.login, AGENT!.password);
    const own = await browser.navigate(`/report/${STEEL}`);
    const pub = await fetch(new URL(`/report/${STEEL}`, origin));
    expect(own.status).toBe(200);
    expect(pub.status).toBe(200);
    // The long-expired 2019 penalty is in the company's own report only.
    expect(own.text).toContain('2019-09-16');
    expect(await pub.text()).not.toContain('2019-09-16');
  });

  it('signs in someone of whom nothing is held, with the public view and nothing more', async () => {
    const browser = new Browser(origin);
    await signIn(browser, NEWCOMER!.login, NEWCOMER!.password);
    const session = await sessionOf(browser);
    expect(session).toMatchObject({ signedIn: true, kind: 'PERSON', recordsHeld: false });
    const res = await gql(browser, MY_CONSENTS, session.csrfToken);
    expect(codesOf(res as never)).toEqual(['FORBIDDEN']);
    expect((await gql(browser, `{ subject(code: "${STEEL}") { name } }`, session.csrfToken)).body).toEqual({ data: { subject: { name: '南京钢铁联合有限公司' } } });
  });

  it('refuses a wrong password at the provider, and no session starts', async () => {
    const browser = new Browser(origin);
    const page = await signIn(browser, PERSON!.login, 'not-the-password');
    expect(page.status).toBe(401);
    expect(page.text).toMatch(/wrong password/);
    expect(browser.cookie(SESSION)).toBeUndefined();
  });
});

describe('cross-site request forgery with a session cookie', () => {
  let browser: Browser;
  let csrf: string;
  beforeAll(async () => {
    browser = new Browser(origin);
    await signIn(browser, PERSON!.login, PERSON!.password);
    csrf = (await sessionOf(browser)).csrfToken;
  });

  it.each([['no token', undefined], ['another token', 'x'.repeat(32)], ['an empty token', ''], ['a word instead of the token', 'exempt']])(
    'refuses a cookie-authenticated POST with %s: 403 CSRF_TOKEN_INVALID', async (_, token) => {
      const res = await gql(browser, MY_CONSENTS, token);
      expect(res.status).toBe(403);
      expect(codesOf(res as never)).toEqual(['CSRF_TOKEN_INVALID']);
      expect(res.body.data).toBeUndefined();
    },
  );

  it.each(['text/plain', 'application/x-www-form-urlencoded'])('refuses a cross-site form post (%s) carrying the cookie', async (type) => {
    const res = await browser.fetch('/graphql', { method: 'POST', headers: { 'content-type': type }, body: `query=${encodeURIComponent(MY_CONSENTS)}` });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('refuses a cookie-authenticated mutation without the token before it runs', async () => {
    const res = await gql(browser, 'mutation { revokeConsent(id: "1") { id } }');
    expect(res.status).toBe(403);
    expect(codesOf(res as never)).toEqual(['CSRF_TOKEN_INVALID']);
  });

  it('refuses a GET with the cookie and the preflight header but no token', async () => {
    const res = await browser.fetch(`/graphql?query=${encodeURIComponent(MY_CONSENTS)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(403);
  });

  it('answers a bearer token as before, not looking at the cookie', async () => {
    const res = await browser.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders({ role: 'SUBJECT', subject: 1 })) },
      body: JSON.stringify({ query: PENALTIES }),
    });
    expect(res.status).toBe(200);
  });

  it('answers with the token', async () => {
    expect((await gql(browser, MY_CONSENTS, csrf)).status).toBe(200);
  });
});

describe('session expiry', () => {
  it('ends a session idle for longer than its idle limit', async () => {
    const browser = new Browser(origin);
    await signIn(browser, PERSON!.login, PERSON!.password);
    const { csrfToken } = await sessionOf(browser);
    offsetMs = (SIGN_IN.idleSeconds - 60) * 1000;
    expect((await gql(browser, MY_CONSENTS, csrfToken)).status).toBe(200);
    // Idle from the request just made: another idle limit later it is dead.
    offsetMs += (SIGN_IN.idleSeconds + 1) * 1000;
    const res = await gql(browser, MY_CONSENTS, csrfToken);
    expect(res.status).toBe(401);
    expect(codesOf(res as never)).toEqual(['UNAUTHENTICATED']);
    // The session endpoint drops the dead cookie: the page is public again.
    expect(await sessionOf(browser)).toMatchObject({ signedIn: false });
    expect(browser.cookie(SESSION)).toBeUndefined();
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const browser = new Browser(origin);
    await signIn(browser, PERSON!.login, PERSON!.password);
    const { csrfToken } = await sessionOf(browser);
    const statuses: number[] = [];
    for (let t = 0; t <= SIGN_IN.maxSeconds + SIGN_IN.idleSeconds; t += SIGN_IN.idleSeconds / 2) {
      offsetMs = t * 1000;
      statuses.push((await gql(browser, MY_CONSENTS, csrfToken)).status);
    }
    const steps = statuses.length;
    const alive = Math.ceil(SIGN_IN.maxSeconds / (SIGN_IN.idleSeconds / 2));
    expect(statuses).toEqual([...Array(alive).fill(200), ...Array(steps - alive).fill(401)]);
  });
});

describe('tampering with the flow', () => {
  const hasNoSession = (browser: Browser) => expect(browser.cookie(SESSION)).toBeUndefined();

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const browser = new Browser(origin);
    const page = await signIn(browser, PERSON!.login, PERSON!.password, (u) => u.searchParams.set('state', 'forged-state-value'));
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/Sign-in failed/);
    expect(page.text).toMatch(/state/);
    hasNoSession(browser);
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const browser = new Browser(origin);
    const page = await signIn(browser, PERSON!.login, PERSON!.password, (u) => u.searchParams.set('nonce', 'forged-nonce-value'));
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/nonce/);
    hasNoSession(browser);
  });

  it('refuses a code issued for another PKCE challenge', async () => {
    const browser = new Browser(origin);
    const page = await signIn(browser, PERSON!.login, PERSON!.password, (u) => u.searchParams.set('code_challenge', 'A'.repeat(43)));
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/invalid_grant/);
    hasNoSession(browser);
  });

  it('refuses a code injected into another sign-in (the victim\'s state cookie, the attacker\'s code)', async () => {
    const victim = new Browser(origin);
    const start = await victim.fetch('/auth/login');
    const victimState = new URL(start.headers.get('location')!).searchParams.get('state')!;
    // The attacker completes a sign-in of their own up to the callback, and keeps its code.
    const attacker = new Browser(origin);
    const form = await toLoginForm(attacker);
    const posted = await attacker.fetch(formAction(form.text), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: AGENT!.login, password: AGENT!.password }).toString(),
    });
    const resumed = await attacker.fetch(posted.headers.get('location')!);
    const injected = new URL(resumed.headers.get('location')!);
    expect(injected.pathname).toBe('/auth/callback');
    expect(injected.searchParams.get('code')).toEqual(expect.any(String));
    injected.searchParams.set('state', victimState);
    const page = await victim.navigate(injected.href);
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/invalid_grant/);
    hasNoSession(victim);
  });

  it('refuses a callback in a browser that never started a sign-in', async () => {
    const browser = new Browser(origin);
    const res = await browser.navigate('/auth/callback?code=abc&state=def');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/not started in this browser/);
  });

  it('returns only to a path on this server', async () => {
    const browser = new Browser(origin);
    await browser.fetch('/auth/login?return=//evil.example/x');
    const form = await browser.navigate((await browser.fetch('/auth/login?return=https://evil.example/')).headers.get('location')!);
    const page = await browser.submit(formAction(form.text), { login: PERSON!.login, password: PERSON!.password });
    expect(page.url).toBe(`${origin}/`);
  });
});

describe('in production', () => {
  it.each(['/oidc/.well-known/openid-configuration', '/oidc/auth', '/auth/login', '/auth/callback?code=a&state=b', '/auth/session'])(
    'there is no sign-in without a configured identity service, and no embedded provider: %s is 404', async (path) => {
      const res = await fetch(new URL(path, prod.url));
      expect(res.status).toBe(404);
    },
  );

  it('a session cookie means nothing there: the request is public', async () => {
    const res = await prod.gql('{ __typename }', undefined, { cookie: `${SESSION}=${'a'.repeat(43)}` });
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('what is logged', () => {
  it('records each sign-in by its pseudonym and never an ID number, in or out of the identity claims', async () => {
    const signedIn = logLines.filter((l) => l.includes('"msg":"signed in"'));
    expect(signedIn.length).toBeGreaterThan(5);
    for (const line of signedIn) expect(JSON.parse(line)).toMatchObject({ principal: expect.stringMatching(/^oidc:[0-9a-f]{24}$/), kind: expect.any(String) });
    expect(logLines.some((l) => l.includes('"msg":"sign-in refused"'))).toBe(true);
    for (const account of signInTestAccounts()) expect(logLines.join('\n')).not.toContain(account.idNumber!);
  });
});

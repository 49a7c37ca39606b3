/**
 * The GraphQL-over-HTTP specification's server audit (graphql-http's `serverAudits`) against the
 * real server, for both response media types: every MUST and every SHOULD passes, no warning.
 * Clients (Apollo Client, urql, graphql-request, code generators) rely on the SHOULDs too.
 */
import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The MAYs the server declines, each for a reason. A GET without a preflight header
 * (`apollo-require-preflight`, `x-apollo-operation-name`) is refused as a possible cross-site
 * request (Apollo's CSRF prevention, test/security/leaks-and-csrf.test.ts); the audit's GETs
 * send none. Any other notice fails: it is a behaviour nobody chose.
 */
const DECLINED: Record<string, RegExp> = {
  '5A70': /Cross-Site Request Forgery/,
  D6D5: /Cross-Site Request Forgery/,
  '6A70': /Cross-Site Request Forgery/,
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ subjects: 5 });
}, 240_000);
afterAll(() => server?.close());

describe('GraphQL over HTTP (graphql-http server audit)', () => {
  // jest needs the test names before beforeAll has a URL: list the audits against a
  // placeholder, run each one built for the real URL.
  for (const audit of serverAudits({ url: 'http://placeholder/graphql' })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const real = serverAudits({ url: server.url }).find((a) => a.id === audit.id)!;
      const result = await real.fn();
      if (result.status === 'ok') return;
      const body = await result.response.text().catch(() => '(no body)');
      const declined = result.status === 'notice' && DECLINED[audit.id]?.test(body);
      expect({ status: result.status, reason: result.reason, body, declined }).toMatchObject({ declined: true });
    });
  }

  it('declines only the MAYs listed, each for its reason', async () => {
    const notices = [];
    for (const audit of serverAudits({ url: server.url })) {
      const result = await audit.fn();
      if (result.status !== 'ok') notices.push(audit.id);
    }
    expect(notices.sort()).toEqual(Object.keys(DECLINED).sort());
  });
});

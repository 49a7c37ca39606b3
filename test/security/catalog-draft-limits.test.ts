/**
 * A catalog draft is parsed YAML from an administrator's request: an alias bomb or an
 * oversized document is refused as BAD_USER_INPUT naming the problem, before anything is
 * expanded — never an INTERNAL_SERVER_ERROR, and nothing is stored.
 */
import { YAML_LIMITS } from '../../src/catalog/catalog.source';
import { codeOf, messageOf } from '../support/responses';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const CREATE = 'mutation($input: CatalogDraftInput!) { createCatalogDraft(input: $input) { id status } }';
const VERSIONS = '{ catalogVersions { id status } }';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  await builder(server).agencies('NDRC');
});
afterAll(() => server.close());

const draft = async (source: string) => server.gql(CREATE, { input: { source, fileName: 'draft.yaml' } }, await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC' }));

describe('catalog drafts', () => {
  it('refuses a YAML alias bomb by its alias count, naming the line, and stores nothing', async () => {
    const before = (await server.gql(VERSIONS, {}, await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC' }))).body.data;
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefgh') {
      const prev = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(15).fill(`*${prev}`).join(', ')}]`);
    }
    const res = await draft(`kind: CATALOG\nid: bomb\n${levels.join('\n')}\n`);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/draft\.yaml:4: the document uses \d+ YAML aliases \(\*name\); at most 100 are allowed/);
    expect((await server.gql(VERSIONS, {}, await authHeaders({ role: 'CATALOG_ADMIN', agency: 'NDRC' }))).body.data).toEqual(before);
  });

  it('refuses nested aliases that stay under the count but expand too far', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefghij') levels.push(`${name}: &${name} [*${String.fromCharCode(name.charCodeAt(0) - 1)}, *${String.fromCharCode(name.charCodeAt(0) - 1)}]`);
    const res = await draft(`kind: CATALOG\nid: deep\n${levels.join('\n')}\n`);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(messageOf(res)).toMatch(/aliases expand too far|YAML aliases/);
  });

  it('refuses a document over the size limit with the limit named', async () => {
    const res = await draft(`kind: CATALOG\nid: big\nnote: "${'x'.repeat(YAML_LIMITS.bytes)}"\n`);
    expect(res.status).toBeLessThan(500);
    // The HTTP body limit (LIMIT_BODY_BYTES) answers first; the parser refuses oversized files too.
    expect(codeOf(res)).toMatch(/BAD_USER_INPUT|BODY_LIMIT/);
  });
});

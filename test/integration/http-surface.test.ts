/** The HTTP surface as a client meets it: GraphiQL offline, health, readiness, errors. */
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ subjects: 20 });
});
afterAll(() => server.close());

const base = () => server.url.replace(/\/graphql$/, '');

describe('the HTTP surface', () => {
  it('answers the seeded steelworks by its unified social credit code', async () => {
    const res = await server.gql('{ subject(code: "91320100748204660Q") { name uscc subjectKind } }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { subject: { name: '南京钢铁联合有限公司', uscc: '91320100748204660Q', subjectKind: 'LEGAL_PERSON' } } });
  });

  it('serves GraphiQL to a browser with every script inline (no CDN)', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html');
    expect(html).toContain('公共信用信息 GraphQL API');
    const external = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)=["'](https?:)?\/\/[^"']+/g)].map((m) => m[0]);
    expect(external).toEqual([]);
  });

  it('sends GraphiQL (9 MB of inlined scripts) compressed to a client that accepts it', async () => {
    const fetchRaw = (encoding?: string) => new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet(server.url, { headers: { accept: 'text/html', ...(encoding ? { 'accept-encoding': encoding } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) })).on('error', reject);
      }).on('error', reject);
    });
    const plain = await fetchRaw();
    const br = await fetchRaw('gzip, br');
    const gz = await fetchRaw('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    for (const r of [plain, br, gz]) expect(r.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.length).toBeGreaterThan(5_000_000);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('answers GET queries too', async () => {
    const q = encodeURIComponent('{ subject(code: "91320100748204660Q") { name } }');
    const res = await fetch(`${server.url}?query=${q}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await res.json()).toEqual({ data: { subject: { name: '南京钢铁联合有限公司' } } });
  });

  it('reports health and readiness', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body).toMatchObject({ status: 'ready' });
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.expected).toBeGreaterThanOrEqual(3);
  });

  it('rejects a malformed code with INVALID_USCC naming the expected check character', async () => {
    const res = await server.gql('{ subject(code: "91330000MA27U0F35B") { name } }');
    expect(res.body.errors?.[0]).toMatchObject({
      extensions: { code: 'INVALID_USCC', reason: 'CHECK_CHARACTER' },
      message: expect.stringContaining('expected E'),
    });
    expect(res.body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });

  it('says which argument is out of range instead of a generic validation error', async () => {
    const res = await server.gql('{ searchSubjects(keyword: "南京", first: 99999999) { totalCount } }');
    expect(res.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^first: .*100/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers null for a valid code nobody holds', async () => {
    const res = await server.gql('{ subject(code: "91110108551385082Q") { name } }');
    expect(res.body).toEqual({ data: { subject: null } });
  });

  it('says what is wrong with a body that is not JSON', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toMatch(/not valid JSON/);
  });

  it('points unknown paths at /graphql', async () => {
    const res = await fetch(`${base()}/nothing-here`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toContain('/graphql');
  });
});

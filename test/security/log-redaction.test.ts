/**
 * What the server logs about a request that carries a bearer token and a resident ID number
 * and fails inside: the failure is logged (with the request id), and the token, the ID number
 * and the person's name are not.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/logger';
import { makeResidentId } from '../../src/identifiers';
import { loggedPath, redactText } from '../../src/observability/redact';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

// A resident ID number and a name that requests and log calls carry: text to keep out of the
// log. No such person need exist (the lookups fail before they would find one).
const WANG_ID = makeResidentId({ divisionCode: '320106', birthDate: '1978-06-15', sequence: 123 });
const WANG_NAME = '王建军';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: false, logger: createLogger('debug', sink) });
  await builder(server).agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
});
afterAll(() => server.close());

describe('log redaction', () => {
  it('logs an internal error under its request id without the token, the ID number or the name the request carried', async () => {
    const headers: Record<string, string> = { ...(await authHeaders({ role: 'PARTNER', agency: 'JL_BANK' }, 'FINANCIAL_SERVICE')), 'x-request-id': 'req-redaction' };
    const token = headers.authorization.replace(/^Bearer /, '');
    // An internal failure mid-request: the table the lookups read is gone for the moment.
    await server.database.db.execute(sql`ALTER TABLE subjects RENAME TO subjects_away`);
    let res;
    try {
      res = await server.gql(
        `query($id: String!, $kw: String!) { naturalPerson(idNumber: $id) { name }
           search: searchSubjects(keyword: $kw) { totalCount }
           inline: naturalPerson(idNumber: "${WANG_ID}") { name } }`,
        { id: WANG_ID, kw: WANG_NAME },
        headers,
      );
    } finally {
      await server.database.db.execute(sql`ALTER TABLE subjects_away RENAME TO subjects`);
    }
    expect(res.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const log = lines.join('\n');
    // The server's id for the request, from its access line (which carries the client's id beside it).
    // Written when the response has finished, which can be a moment after the client has read it.
    let serverId: string | undefined;
    for (let tries = 0; tries < 40 && !serverId; tries++) {
      serverId = lines.map((l) => JSON.parse(l)).find((l) => l.clientRequestId === 'req-redaction' && l.msg === 'request')?.requestId;
      if (!serverId) await new Promise((r) => setTimeout(r, 50));
    }
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    const errorLines = lines.filter((l) => l.includes(serverId!) && JSON.parse(l).level >= 50);
    expect(errorLines.length).toBeGreaterThan(0);
    expect(log).toContain('subjects');
    // Nor the ID number's HMAC (a stable pseudonym that links a person across requests).
    expect(log).not.toMatch(/[0-9a-f]{64}/);
    for (const secret of [token, token.split('.')[2], WANG_ID, WANG_ID.slice(0, 14), WANG_NAME]) expect(log).not.toContain(secret);
  });

  it('censors tokens and ID numbers wherever a log call names them', () => {
    const captured: string[] = [];
    const logger = createLogger('info', new Writable({ write(c, _e, d) { captured.push(String(c)); d(); } }));
    logger.info({ req: { headers: { authorization: 'Bearer abc.def.ghi' } }, token: 'tok-1', subject: { idNumber: WANG_ID }, variables: { kw: WANG_NAME } }, 'x');
    const out = captured.join('');
    expect(out).toContain('[redacted]');
    for (const secret of ['abc.def.ghi', 'tok-1', WANG_ID, WANG_NAME]) expect(out).not.toContain(secret);
  });

  it('redacts every form of an ID number, phones and tokens in any text, and leaves ordinary numbers alone', () => {
    const legacy = WANG_ID.slice(0, 6) + WANG_ID.slice(8, 17);
    const forms = [
      WANG_ID, `${WANG_ID.slice(0, 17)}X`, `${WANG_ID.slice(0, 17)}x`, legacy,
      `${WANG_ID.slice(0, 6)}-${WANG_ID.slice(6, 14)}-${WANG_ID.slice(14)}`, `${WANG_ID.slice(0, 6)} ${WANG_ID.slice(6, 14)} ${WANG_ID.slice(14)}`,
      `${WANG_ID.slice(0, 6)} ${WANG_ID.slice(6, 10)} ${WANG_ID.slice(10, 14)} ${WANG_ID.slice(14)}`,
      `${legacy.slice(0, 6)}-${legacy.slice(6, 12)}-${legacy.slice(12)}`,
      [...WANG_ID].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
      [...WANG_ID].map((c) => `%25${c.charCodeAt(0).toString(16)}`).join(''),
      '13812345678', '138-1234-5678', '138 1234 5678', '+86 138 1234 5678', '+8613812345678', '025-83456789', '(025)83456789',
      'Bearer abc.def.ghi', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
    ];
    for (const form of forms) {
      const out = redactText(`{"path":"/x/${form}/y","requestId":"Lookup${form}"}`);
      expect({ form, out }).toEqual({ form, out: expect.not.stringMatching(/\d{7,}|abc\.def|eyJ/) });
      expect(out).toContain('[redacted]');
    }
    const ordinary = '{"level":30,"time":1765012345678,"pid":4242,"status":200,"ms":41.3,"date":"2026-12-06","uscc":"91320100748204660Q","statements":4}';
    expect(redactText(ordinary)).toBe(ordinary);
  });

  it('leaves the system\'s own UUIDs whole, and still redacts a number written beside one', () => {
    // Each of these holds a hyphenated digit run the number patterns would read as an ID or phone.
    for (const id of ['10f83153-6515-4761-8721-3b4f654eafe2', '12345678-1234-4123-8123-13812345678a', '00000000-0000-4000-8000-000000000000']) {
      const line = `{"requestId":"${id}","subject":"${id.toUpperCase()}","msg":"x ${id}"}`;
      expect(redactText(line)).toBe(line);
      const beside = redactText(`{"requestId":"${id}","note":"${WANG_ID} 13812345678 ${id}"}`);
      expect(beside).toBe(`{"requestId":"${id}","note":"[redacted] [redacted] ${id}"}`);
    }
    // Not a UUID: glued to more hex or digits, or grouped otherwise. The numbers in them still go.
    for (const text of ['a10f83153-6515-4761-8721-3b4f654eafe2', '10f83153-6515-4761-8721-3b4f654eafe2-1', `${WANG_ID.slice(0, 6)}-${WANG_ID.slice(6, 14)}-${WANG_ID.slice(14)}`]) {
      expect(redactText(text)).toContain('[redacted]');
    }
  });

  it('logs a path percent-decoded, without ID numbers or anything not ASCII', () => {
    const encoded = [...WANG_ID].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    expect(loggedPath(`/report/${encoded}`)).toBe('/report/[redacted]');
    expect(loggedPath(`/report/${encoded}.pdf`)).toBe('/report/[redacted].pdf');
    expect(loggedPath(`/report/${encodeURIComponent(WANG_NAME)}`)).toBe('/report/[redacted]');
    expect(loggedPath('/report/%E7%8E')).toBe('/report/[redacted]');
    expect(loggedPath('/report/91320100748204660Q')).toBe('/report/91320100748204660Q');
  });
});

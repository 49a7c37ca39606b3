/**
 * 记录编号: every credit record, list entry, objection and repair application gets a readable
 * number in the database at insert; the API shows it, finds a record by it only for a caller
 * who may see that record (a hidden record answers as a number that does not exist), and takes
 * it wherever it takes the opaque id.
 */
import { sql } from 'drizzle-orm';
import { STEEL_USCC } from '../../src/seed/samples';
import { opaque } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ subjects: 10 });
});
afterAll(() => server.close());

const NUMBER = /^\d{6}-\d{4}-R\d{10}$/;
const BY_NUMBER = 'query($n: String!) { creditRecordByNumber(recordNumber: $n) { id recordNumber decisionDate } }';

async function query<T>(text: string): Promise<T[]> {
  const r = (await server.database.db.execute(sql.raw(text))) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[];
}

describe('记录编号', () => {
  it('is shown on every record the public reads, and finds that record', async () => {
    const res = await server.gql(`{ subject(code: "${STEEL_USCC}") { creditRecords(first: 50) { edges { node { id recordNumber decisionDate } } } } }`);
    expect(res.body.errors).toBeUndefined();
    const nodes = (res.body.data!.subject.creditRecords.edges as Array<{ node: { id: string; recordNumber: string; decisionDate: string } }>).map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect(n.recordNumber).toMatch(NUMBER);
    expect(new Set(nodes.map((n) => n.recordNumber)).size).toBe(nodes.length);
    const found = await server.gql(BY_NUMBER, { n: nodes[0]!.recordNumber.toLowerCase() });
    expect(found.body.data!.creditRecordByNumber).toEqual(nodes[0]);
    // The printed report lists them too.
    const page = await (await fetch(`${server.url.replace(/\/graphql$/, '')}/report/${STEEL_USCC}`)).text();
    expect(page).toContain('<th scope="row">记录编号</th>');
    expect(nodes.filter((n) => page.includes(n.recordNumber)).length).toBeGreaterThan(0);
  });

  it('finds a record only for a caller who may see it: hidden and non-existent numbers answer alike', async () => {
    // A record whose publication has ended: the public may not see it, its subject may.
    const [hidden] = await query<{ record_number: string; subject_id: string }>(
      `SELECT record_number, subject_id FROM credit_records WHERE publish_until < '2026-01-01' ORDER BY id LIMIT 1`);
    expect(hidden).toBeDefined();
    const missing = hidden!.record_number.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const [taken] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_records WHERE record_number = '${missing}'`);
    expect(Number(taken!.n)).toBe(0);
    const a = await server.gql(BY_NUMBER, { n: hidden!.record_number });
    const b = await server.gql(BY_NUMBER, { n: missing });
    expect(a.body).toEqual({ data: { creditRecordByNumber: null } });
    expect(b.body).toEqual(a.body);
    const own = await server.gql(BY_NUMBER, { n: hidden!.record_number }, await authHeaders({ role: 'SUBJECT', subject: Number(hidden!.subject_id) }));
    expect(own.body.data!.creditRecordByNumber.recordNumber).toBe(hidden!.record_number);
  });

  it('is taken wherever a record id is: the history by number is the history by id', async () => {
    const [row] = await query<{ record_number: string; subject_id: string; id: string }>(`SELECT id, record_number, subject_id FROM credit_records ORDER BY id LIMIT 1`);
    const headers = await authHeaders({ role: 'SUBJECT', subject: Number(row!.subject_id) });
    const HISTORY = 'query($id: ID!) { creditRecordHistory(recordId: $id) { changedAt change } }';
    const byId = await server.gql(HISTORY, { id: opaque('CreditRecord', Number(row!.id)) }, headers);
    const byNumber = await server.gql(HISTORY, { id: row!.record_number }, headers);
    expect(byId.body.errors).toBeUndefined();
    expect(byNumber.body).toEqual(byId.body);
    // Another subject gets the same NOT_FOUND for the number as for a number nobody has.
    const other = await authHeaders({ role: 'SUBJECT', subject: Number(row!.subject_id) === 1 ? 2 : 1 });
    const notYours = await server.gql(HISTORY, { id: row!.record_number }, other);
    expect(notYours.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('files and decides an objection by 记录编号, and gives the objection its own', async () => {
    const headers = await authHeaders({ role: 'SUBJECT', subject: 1 });
    const mine = await server.gql(`{ subject(code: "${STEEL_USCC}") { profile { penalties(first: 20) { edges { node { id recordNumber recordStatus disputed } } } } } }`, undefined, headers);
    const target = (mine.body.data!.subject.profile.penalties.edges as Array<{ node: { id: string; recordNumber: string; recordStatus: string; disputed: boolean } }>)
      .map((e) => e.node).find((n) => n.recordStatus === 'ACTIVE' && !n.disputed);
    expect(target).toBeDefined();
    const filed = await server.gql('mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id recordNumber creditRecordId state } }',
      { input: { creditRecordId: target!.recordNumber, reason: '处罚决定书载明的罚款金额与实际缴纳金额不一致。' } }, headers);
    expect(filed.body.errors).toBeUndefined();
    const objection = filed.body.data!.fileObjection;
    expect(objection).toMatchObject({ creditRecordId: target!.id, state: 'PENDING' });
    expect(objection.recordNumber).toMatch(/^\d{6}-\d{4}-Y\d{10}$/);
    const [row] = await query<{ agency_code: string }>(`SELECT agency_code FROM credit_records WHERE record_number = '${target!.recordNumber}'`);
    const decided = await server.gql('mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { id state outcome } }',
      { input: { id: objection.recordNumber, outcome: 'REJECTED', response: '经核查，异议不成立。' } },
      await authHeaders({ role: 'DEPARTMENT', agency: row!.agency_code }, 'CREDIT_SUPERVISION'));
    expect(decided.body.errors).toBeUndefined();
    expect(decided.body.data!.decideObjection).toEqual({ id: objection.id, state: 'DECIDED', outcome: 'REJECTED' });
  });

  it('refuses a malformed number and a number of another kind, naming the field', async () => {
    const bad = await server.gql(BY_NUMBER, { n: '320106-2026-L0123456789' });
    expect(bad.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('recordNumber') });
  });

  it('is never changed once assigned', async () => {
    const [row] = await query<{ id: string; record_number: string }>(`SELECT id, record_number FROM credit_records ORDER BY id LIMIT 1`);
    await expect(query(`UPDATE credit_records SET record_number = '110000-2026-R0000000001' WHERE id = ${row!.id}`)).rejects.toMatchObject({ cause: expect.objectContaining({ message: expect.stringMatching(/never changed/) }) });
    // Another column may change; the number stays.
    await query(`UPDATE credit_records SET disputed = disputed WHERE id = ${row!.id}`);
    const [after] = await query<{ record_number: string }>(`SELECT record_number FROM credit_records WHERE id = ${row!.id}`);
    expect(after!.record_number).toBe(row!.record_number);
  });
});

/**
 * Opaque ids through the real server: issued under a key derived from the deployment's
 * ID_HMAC_KEY (src/graphql/opaque-id.ts), so a client can neither read a row id out of one nor
 * make the id of a row it was never shown. An earlier release's id (`<Type>:<row id>` in
 * base64url), a guessed one, or one of another type is answered exactly as any string the API
 * never issued, whether or not a row of that number exists: ids test nothing about existence.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { consents, creditRecords, measureApplications, objections } from '../../src/db/schema';
import { useOpaqueIdSecret } from '../../src/graphql/opaque-id';
import { builder, type BuiltEntry, type BuiltRecord, type BuiltSubject } from '../support/builders';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';
import { authHeaders, startTestServer, TEST_KEYS, type GraphQLResponse, type TestServer } from '../support/server';

let clock = new Date('2026-12-01T10:00:00+08:00');
let server: TestServer;
let steel: BuiltSubject;
let shop: BuiltSubject;
let penalty: BuiltRecord;
let entry: BuiltEntry;
let consentId: string;
let measureId: string;

beforeAll(async () => {
  // A key of this process only, as before any server: the server must replace it with the deployment's.
  useOpaqueIdSecret(randomBytes(32));
  server = await startTestServer({ seed: false, now: () => clock });
  const build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
  await build.agency({ code: 'JL_BANK', system: 'BANK', level: 'PREFECTURE', region: '320100', kind: 'PARTNER' });
  steel = await build.legalPerson({ region: '320100' });
  shop = await build.individualBusiness({ region: '320106' });
  penalty = await build.penalty(steel, { by: 'SAMR_320106', decisionDate: '2026-03-18' });
  await build.penalty(shop, { by: 'SAMR_320106', decisionDate: '2026-03-19' });
  entry = await build.listing(steel, { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320100', notifiedOn: '2026-11-02' });
  measureId = (await build.measure({ by: 'SAMR_320100', measureCode: 'NO_NOTIFICATION_COMMITMENT', listEntryId: entry.id })).id;
  consentId = (await build.consent(await build.naturalPerson(), { agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: ['03-02-001'] })).id;
}, 120_000);
afterAll(() => server.close());

const subject = (id: number) => authHeaders({ role: 'SUBJECT', subject: id });
const legacy = (text: string) => Buffer.from(text).toString('base64url');
/** Everything a client sees of an answer, but the id it gave, which a message may quote. */
const answer = (res: GraphQLResponse, id?: string) => ({ status: res.status, body: JSON.parse(JSON.stringify(res.body).replaceAll(id ?? '\0', '<id>')) as unknown });
const HISTORY = 'query($id: ID!) { creditRecordHistory(recordId: $id) { change } }';
const FILE = 'mutation($id: ID!) { fileObjection(input: { creditRecordId: $id, reason: "处罚决定书载明的罚款金额有误，附缴款凭证。" }) { id } }';
const REVOKE = 'mutation($id: ID!) { revokeConsent(id: $id) { id } }';
const LIFT = 'mutation($id: ID!) { liftPunishmentMeasure(input: { id: $id, reason: "处罚决定已被撤销。" }) { id } }';
const rowsOf = async (table: typeof objections) => (await server.database.db.select({ n: count() }).from(table))[0]!.n;

it('issues ids enciphered under the key derived from ID_HMAC_KEY, with nothing of the row id in them', async () => {
  const [row] = await server.database.db.select({ id: creditRecords.id }).from(creditRecords).where(eq(creditRecords.subjectId, steel.id));
  const key = Buffer.from(hkdfSync('sha256', TEST_KEYS.idHmac, Buffer.alloc(0), 'graphql opaque id v1', 32));
  const block = Buffer.alloc(16);
  block[0] = 1; // CreditRecord
  block.writeBigUInt64BE(BigInt(row!.id), 1);
  expect(penalty.id).toBe(createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(block).toString('base64url'));
  expect(Buffer.from(penalty.id, 'base64url').toString('latin1')).not.toMatch(/CreditRecord|:\d/);
  expect(rowId(penalty.id)).toBe(row!.id);
});

it('answers an earlier release\'s id, a guessed one and one of another type as a string it never issued, whether or not the row exists', async () => {
  const owner = await subject(steel.id);
  const ownRow = rowId(penalty.id);
  expect(ok(await server.gql(HISTORY, { id: penalty.id }, owner), 'creditRecordHistory')).toEqual(expect.any(Array));

  // The history answers anything that names no record of the caller's as NOT_FOUND, quoting it.
  const garbage = await server.gql(HISTORY, { id: 'not an id' }, owner);
  expect(codeOf(garbage)).toBe('NOT_FOUND');
  expect(messageOf(garbage)).toBe('no credit record not an id whose history you may read');
  const never = answer(garbage, 'not an id');
  for (const id of [
    legacy(`CreditRecord:${ownRow}`), // the caller's own record, as the earlier release named it
    legacy(`CreditRecord:${ownRow + 1}`), // the next row, someone else's
    legacy('CreditRecord:999999'), // no row
    randomBytes(16).toString('base64url'), // a guess of the right shape
    opaque('SeriousListEntry', rowId(entry.id)), // an existing row of another type
  ]) {
    expect(answer(await server.gql(HISTORY, { id }, owner), id)).toEqual(never);
  }
});

it('writes nothing for an earlier release\'s id of the caller\'s own record, and answers it as one of no record', async () => {
  const owner = await subject(steel.id);
  const before = await rowsOf(objections);
  const own = await server.gql(FILE, { id: legacy(`CreditRecord:${rowId(penalty.id)}`) }, owner);
  expect(codeOf(own)).toBe('BAD_USER_INPUT');
  expect(messageOf(own)).toMatch(/^creditRecordId: not a CreditRecord id this API issued nor its 记录编号/);
  expect(answer(await server.gql(FILE, { id: legacy('CreditRecord:999999') }, owner))).toEqual(answer(own));
  expect(answer(await server.gql(FILE, { id: randomBytes(16).toString('base64url') }, owner))).toEqual(answer(own));
  expect(await rowsOf(objections)).toBe(before);
  const [record] = await server.database.db.select({ disputed: creditRecords.disputed }).from(creditRecords).where(eq(creditRecords.id, rowId(penalty.id)));
  expect(record!.disputed).toBe(false);
});

it('keeps the specific message where only an opaque id is taken, for a measure that exists and one that does not', async () => {
  const lifter = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320100' }, 'JOINT_PUNISHMENT');
  const existing = await server.gql(LIFT, { id: legacy(`MeasureApplication:${rowId(measureId)}`) }, lifter);
  expect(codeOf(existing)).toBe('BAD_USER_INPUT');
  expect(messageOf(existing)).toBe('id: not a MeasureApplication id this API issued (use the id field of a MeasureApplication)');
  for (const id of [legacy('MeasureApplication:999999'), randomBytes(16).toString('base64url'), opaque('SeriousListEntry', rowId(entry.id))]) {
    expect(answer(await server.gql(LIFT, { id }, lifter))).toEqual(answer(existing));
  }
  const [row] = await server.database.db.select({ liftedAt: measureApplications.liftedAt }).from(measureApplications).where(eq(measureApplications.id, rowId(measureId)));
  expect(row!.liftedAt).toBeNull();
});

it('answers an earlier release\'s id of the caller\'s own consent as one of no consent, and revokes nothing', async () => {
  const [consent] = await server.database.db.select().from(consents).where(eq(consents.id, rowId(consentId)));
  const holder = await subject(consent!.subjectId);
  const given = legacy(`Consent:${consent!.id}`);
  const existing = await server.gql(REVOKE, { id: given }, holder);
  expect(codeOf(existing)).toBe('NOT_FOUND');
  for (const id of [legacy('Consent:999999'), randomBytes(16).toString('base64url'), opaque('Consent', 10 ** 12)]) {
    expect(answer(await server.gql(REVOKE, { id }, holder), id)).toEqual(answer(existing, given));
  }
  const [after] = await server.database.db.select({ revokedAt: consents.revokedAt }).from(consents).where(eq(consents.id, consent!.id));
  expect(after!.revokedAt).toBeNull();
});

it('answers a valid id of a record the caller may not see as one of a record that does not exist', async () => {
  const other = await subject(shop.id);
  const notYours = await server.gql(HISTORY, { id: penalty.id }, other);
  expect(codeOf(notYours)).toBe('NOT_FOUND');
  const none = opaque('CreditRecord', 10 ** 12);
  expect(answer(await server.gql(HISTORY, { id: none }, other), none)).toEqual(answer(notYours, penalty.id));
});

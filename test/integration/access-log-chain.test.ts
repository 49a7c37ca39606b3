/**
 * The access log's chains: written by the database function and the writer streams, verified
 * by independent code. Tampering by someone who can bypass the append-only trigger (a database
 * owner or administrator) is detected and the first row affected named — unless they also hold
 * ACCESS_LOG_KEY, and even then not before a signed checkpoint kept outside the database.
 */
import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { asc, sql } from 'drizzle-orm';
import { appendAccessLog } from '../../src/audit/access-writer';
import type { AccessEntry } from '../../src/audit/access-entry';
import type { Checkpoint } from '../../src/audit/checkpoint';
import { AccessLogCheckpointer } from '../../src/audit/checkpointer';
import { statementCounter, type StatementUnit } from '../../src/db/database';
import { GENESIS, rowHash, storedCanonical, type ChainedRow } from '../../src/audit/hash-chain';
import { accessLogKeys, generateAccessLogKeys, type AccessLogKeys } from '../../src/audit/log-keys';
import { LogStream } from '../../src/audit/log-stream';
import { verifyAccessLogChain, type VerifyOptions } from '../../src/audit/verify-chain';
import { accessLog } from '../../src/db/schema';
import { openTestDatabase, type TestDatabase } from '../support/db';

const entry = (i: number, overrides: Partial<AccessEntry> = {}): AccessEntry => ({
  at: new Date(Date.UTC(2026, 10, 29, 2, 0, 0, i)).toISOString(),
  requestId: `req-${Math.floor(i / 3)}`,
  clientRequestId: i % 3 ? `client-${i}` : null,
  principal: 'partner-client',
  role: 'PARTNER',
  agencyCode: 'JS-PRTC',
  purpose: i % 2 ? 'PUBLIC_RESOURCE_TRADING' : null,
  operation: 'query Batch',
  subjectId: i % 5 ? i : null,
  itemCode: '03-02-001',
  fieldPath: `subjectsByCodes.${i}.profile.penalties.edges.0.node{fineAmount,legalRepresentative}`,
  decision: i % 4 ? 'ALLOW' : 'MASK',
  reason: 'SHARED:sharing-agreements-2025',
  ...overrides,
});

let database: TestDatabase;
let keys: AccessLogKeys;
const verify = (extra: VerifyOptions = {}) =>
  verifyAccessLogChain(database.db, { macKeys: keys.mac, verifyingKey: keys.verifying, batchSize: 7, ...extra });
const checkpointer = () =>
  new AccessLogCheckpointer(() => database.db, { signing: keys.signing!, verifying: keys.verifying! }, { file: undefined, intervalMs: 60_000, rows: 1_000 }, pino({ level: 'silent' }));

/** Four batches of five from one writer stream: seq 1–20, writer_seq 1–20. */
async function fill(stream = new LogStream(keys.mac[0]!)): Promise<LogStream> {
  for (let batch = 0; batch < 4; batch++) {
    await appendAccessLog(database.db, Array.from({ length: 5 }, (_, i) => entry(batch * 5 + i)), stream);
  }
  return stream;
}

/** What someone with owner rights can do: switch the guard off, run the statement, switch it on. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE access_log ENABLE TRIGGER access_log_no_update_delete`);
  });
}

/** The attacker's best effort without the MAC key: recompute every row's public chain hash. */
async function rechain(): Promise<void> {
  const rows = await database.db
    .select({ row: accessLog, micros: sql<string>`(extract(microseconds from ${accessLog.at})::bigint % 1000000)::text` })
    .from(accessLog).orderBy(asc(accessLog.seq));
  let prev = GENESIS;
  for (const { row, micros } of rows) {
    const hash = rowHash(prev, storedCanonical(row as ChainedRow, Number(micros)), row.mac!);
    await tamper(sql`UPDATE access_log SET prev_hash = ${prev}, hash = ${hash} WHERE seq = ${row.seq}`);
    prev = hash;
  }
}

beforeEach(async () => {
  database = await openTestDatabase();
  keys = generateAccessLogKeys();
});
afterEach(() => database.destroy());

describe('the access log chains', () => {
  it('verifies rows written through the append function, as Node recomputes them: chain, MACs, stream', async () => {
    await fill();
    await expect(verify()).resolves.toEqual({ ok: true, checked: 20, firstBroken: null, checkpointsMatched: 0, warnings: [] });
  });

  it('keeps concurrent writers apart as streams of their own, all on one chain', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) =>
      appendAccessLog(database.db, [entry(100 + i), entry(200 + i)], new LogStream(keys.mac[0]!))));
    const writers = await database.db.execute(sql`SELECT count(DISTINCT writer)::int AS n FROM access_log`);
    expect(JSON.stringify(writers)).toContain('"n":6');
    await expect(verify()).resolves.toMatchObject({ ok: true, checked: 12 });
  });

  it('refuses an unsealed entry outright: nothing of the batch is written', async () => {
    const unsealed = [{ ...entry(1), writer: 'w1', writerSeq: 1, keyId: 'k' }];
    await expect(database.db.execute(sql`SELECT append_access_log(${JSON.stringify(unsealed)}::jsonb)`)).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/AUDIT_UNSEALED/) }),
    });
    expect((await database.db.select().from(accessLog)).length).toBe(0);
  });

  // The shape checks say "64 characters, none outside 0-9a-f" (drizzle/0020): these are the
  // near misses that test must still refuse, in the function and in the table.
  const nearMisses = [
    ['upper-case hex', 'A'.repeat(64)],
    ['63 digits', 'a'.repeat(63)],
    ['65 digits', 'a'.repeat(65)],
    ['a non-hex letter', `${'a'.repeat(63)}g`],
    ['a trailing newline', `${'a'.repeat(63)}\n`],
    ['64 digits and a newline', `${'a'.repeat(64)}\n`],
  ] as const;

  it.each(nearMisses)('refuses a MAC of %s at the append: nothing of the batch is written', async (_, mac) => {
    const batch = [{ ...entry(1), writer: 'w1', writerSeq: 1, keyId: 'k', mac }];
    await expect(database.db.execute(sql`SELECT append_access_log(${JSON.stringify(batch)}::jsonb)`)).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/AUDIT_UNSEALED/) }),
    });
    expect((await database.db.select().from(accessLog)).length).toBe(0);
  });

  it.each(nearMisses)('keeps a hash or MAC of %s out of the table, whoever writes it', async (_, bad) => {
    await fill();
    const good = 'b'.repeat(64);
    for (const [hash, prev, mac] of [[bad, good, good], [good, bad, good], [good, good, bad]]) {
      await expect(database.db.execute(sql`INSERT INTO access_log (at, request_id, principal, role, operation, field_path, decision, reason,
          writer, writer_seq, key_id, mac, prev_hash, hash)
        VALUES (now(), 'r', 'p', 'PARTNER', 'query Q', 'f', 'ALLOW', 'x', 'w1', 1, 'k', ${mac}, ${prev}, ${hash})`)).rejects.toMatchObject({
        cause: expect.objectContaining({ message: expect.stringMatching(/access_log_(hash|seal)_shape/) }),
      });
    }
    expect((await database.db.select().from(accessLog)).length).toBe(20);
  });

  it('names a forged row appended through the function with a made-up MAC (a back-dated auditor read)', async () => {
    await fill();
    const forged = [{
      ...entry(0, { at: '2025-01-01T00:00:00.000Z', role: 'AUDITOR', principal: 'auditor', purpose: 'AUDIT' }),
      writer: 'wforged', writerSeq: 1, keyId: keys.mac[0]!.id, mac: 'ab'.repeat(32),
    }];
    await database.db.execute(sql`SELECT append_access_log(${JSON.stringify(forged)}::jsonb)`);
    await expect(verify()).resolves.toMatchObject({ ok: false, checked: 20, firstBroken: { seq: 21, problem: expect.stringContaining('MAC does not match') } });
    // Without the key the forgery cannot be seen: say so rather than claim it intact silently.
    const keyless = await verify({ macKeys: [] });
    expect(keyless.ok).toBe(true);
    expect(keyless.warnings.join()).toMatch(/MACs were not checked/);
  });

  it('names an altered row, even with the public chain recomputed after it', async () => {
    await fill();
    await tamper(sql`UPDATE access_log SET decision = 'ALLOW', purpose = 'AUDIT' WHERE seq = 5`);
    await expect(verify()).resolves.toMatchObject({ firstBroken: { seq: 5, problem: expect.stringContaining('altered') } });
    await rechain();
    await expect(verify()).resolves.toMatchObject({ ok: false, firstBroken: { seq: 5, problem: expect.stringContaining('MAC does not match') } });
  });

  it('names the row after a gap in the middle, even with the public chain recomputed', async () => {
    await fill();
    await tamper(sql`DELETE FROM access_log WHERE seq IN (10, 11)`);
    await expect(verify()).resolves.toMatchObject({ firstBroken: { seq: 12, problem: expect.stringContaining('removed') } });
    await rechain();
    await expect(verify()).resolves.toMatchObject({ ok: false, checked: 9, firstBroken: { seq: 12, problem: expect.stringContaining('skips from writer_seq 9 to 12') } });
  });

  it('names a copied row', async () => {
    await fill();
    await tamper(sql`INSERT INTO access_log (at, request_id, client_request_id, principal, role, agency_code, purpose, operation, subject_id, item_code, field_path, decision, reason, writer, writer_seq, key_id, mac, prev_hash, hash)
      OVERRIDING SYSTEM VALUE SELECT at, request_id, client_request_id, principal, role, agency_code, purpose, operation, subject_id, item_code, field_path, decision, reason, writer, writer_seq, key_id, mac, prev_hash, hash FROM access_log WHERE seq = 3`);
    await rechain();
    await expect(verify()).resolves.toMatchObject({ ok: false, firstBroken: { seq: 21, problem: expect.stringContaining('repeats writer_seq 3') } });
  });

  it('names a tail removed after a checkpoint was signed, and a checkpoint whose rows were re-linked', async () => {
    const stream = await fill();
    const signed = (await checkpointer().checkpoint())!;
    expect(signed).toMatchObject({ lastSeq: 20, rowCount: 20 });
    await appendAccessLog(database.db, [entry(30)], stream);
    await expect(verify()).resolves.toMatchObject({ ok: true, checked: 21, checkpointsMatched: 1 });

    // The administrator removes the last rows, and the checkpoint from the database too; the
    // copy kept outside (the JSON Lines file, the shipped log) still names what was there.
    await tamper(sql`DELETE FROM access_log WHERE seq >= 18`);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE access_log_checkpoints DISABLE TRIGGER access_log_checkpoints_no_update_delete`);
      await tx.execute(sql`DELETE FROM access_log_checkpoints`);
      await tx.execute(sql`ALTER TABLE access_log_checkpoints ENABLE TRIGGER access_log_checkpoints_no_update_delete`);
    });
    await expect(verify()).resolves.toMatchObject({ ok: true, checked: 17 });
    await expect(verify({ checkpoints: [signed] })).resolves.toMatchObject({
      ok: false, firstBroken: { seq: 18, problem: expect.stringContaining('its tail was removed') },
    });
  });

  it('counts each checkpoint on from the last one it signed, and every one matches the log', async () => {
    const stream = await fill();
    const signer = checkpointer();
    const first = (await signer.checkpoint())!;
    await appendAccessLog(database.db, [entry(50), entry(51), entry(52)], stream);
    expect(await signer.checkpoint()).toMatchObject({ lastSeq: 23, rowCount: 23 });
    expect(await signer.checkpoint()).toBeUndefined(); // nothing new since
    expect(first).toMatchObject({ lastSeq: 20, rowCount: 20 });
    await expect(verify()).resolves.toMatchObject({ ok: true, checked: 23, checkpointsMatched: 2 });
  });

  it('signs a checkpoint a request set off as its own work: not the request\'s statements, not under its deadline', async () => {
    await fill();
    const signer = new AccessLogCheckpointer(() => database.db, { signing: keys.signing!, verifying: keys.verifying! }, { file: undefined, intervalMs: 60_000, rows: 20 }, pino({ level: 'silent' }));
    // The request whose append reached the threshold has run past its execution deadline.
    const unit: StatementUnit = { count: 0, deadline: Date.now() - 1 };
    const signed = await statementCounter.run(unit, async () => {
      signer.noteAppended(20);
      return signer.checkpoint(); // the one noteAppended started
    });
    expect(signed).toMatchObject({ lastSeq: 20, rowCount: 20 });
    expect(unit).toEqual({ count: 0, deadline: unit.deadline });
    await expect(verify()).resolves.toMatchObject({ ok: true, checkpointsMatched: 1 });
  });

  it('refuses a checkpoint not signed with the log\'s key', async () => {
    await fill();
    const genuine = (await checkpointer().checkpoint())!;
    const other = accessLogKeys([keys.mac[0]!.secret], generateKeyPairSync('ed25519').privateKey);
    const forged: Checkpoint = { ...genuine, rowCount: 3 };
    await expect(verify({ checkpoints: [forged] })).resolves.toMatchObject({ ok: false, firstBroken: { problem: expect.stringContaining('valid signature') } });
    await expect(verify({ verifyingKey: other.verifying })).resolves.toMatchObject({ ok: false });
  });

  it('verifies rows written under a rotated key with the previous keys given, and names the key otherwise', async () => {
    await fill();
    const rotated = accessLogKeys([Buffer.alloc(32, 9), keys.mac[0]!.secret], keys.signing);
    await appendAccessLog(database.db, [entry(40), entry(41)], new LogStream(rotated.mac[0]!));
    await expect(verify({ macKeys: rotated.mac })).resolves.toMatchObject({ ok: true, checked: 22 });
    await expect(verify({ macKeys: rotated.mac.slice(0, 1) })).resolves.toMatchObject({
      ok: false, firstBroken: { seq: 1, problem: expect.stringContaining(`key ${keys.mac[0]!.id}`) },
    });
  });

  it('refuses rows without a MAC after the declared boundary of an upgraded log', async () => {
    await fill();
    await tamper(sql`UPDATE access_log SET mac = NULL, writer = NULL, writer_seq = NULL, key_id = NULL WHERE seq = 4`);
    await expect(verify()).resolves.toMatchObject({ firstBroken: { seq: 4, problem: expect.stringContaining('carries no MAC') } });
  });
});

/**
 * Bulk ingestion (归集) of 双公示 files: `npm run import`'s run over CSV and JSON Lines, and the
 * importCreditRecords mutation — the same checks and writer — against the real server and
 * database, with an injected clock. Fixtures: test/fixtures/import/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { runImport, type RunOptions, type RunTotals } from '../../src/ingest/import-run';
import { defaultReportPath } from '../../src/ingest/reject-report';
import type { AgencyRow } from '../../src/modules/agency/agency.repo';
import { builder } from '../support/builders';
import { authHeaders, startTestServer, type TestServer } from '../support/server';
import { codeOf } from '../support/responses';
import { makeResidentId, makeUscc } from '../../src/identifiers';

let server: TestServer;
/** The steel company's subject id, for a SUBJECT token. */
let steelId = 0;
const clock = new Date('2026-11-20T04:00:00Z'); // 2026-11-20 in China: Order 36 is in force
const FIXTURES = path.join(__dirname, '../fixtures/import');
let work: string;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  // What the fixture files (test/fixtures/import/) name: the subjects by USCC, the deciding
  // departments by name and USCC.
  const build = builder(server);
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_440000', 'SAMR_440300', 'MEE', 'MEE_320000', 'MPS_320100', 'NDRC_320000', 'NDRC_440300');
  // Named as agencies-register.csv names it, so that its row is found unchanged.
  await build.agency({ code: 'SAMR_320100', name: '南京市市场监督管理局', system: 'SAMR', level: 'PREFECTURE', region: '320100' });
  await build.agency({ code: 'SAMR_320106', name: '南京市鼓楼区市场监督管理局', uscc: '11320106009905447P', system: 'SAMR', level: 'COUNTY', region: '320106' });
  await build.agency({ code: 'MEE_320100', name: '南京市生态环境局', uscc: '113201000058766269', system: 'MEE', level: 'PREFECTURE', region: '320100' });
  await build.partners('JS_PRTC');
  steelId = (await build.legalPerson({ name: '南京钢铁联合有限公司', uscc: '91320100748204660Q', region: '320100' })).id;
  await build.individualBusiness({ name: '南京市鼓楼区李记小吃店', uscc: '92320106MA1N7R2K8D', region: '320106' });
  await build.legalPerson({ name: '南京恒泰建筑工程有限公司', uscc: '91320100MA1Q8T3L6E', region: '320100' });
  await build.legalPerson({ name: '深圳市前海顺达物流有限公司', uscc: '91440300MA5G3K8N0E', region: '440300' });
  work = mkdtempSync(path.join(tmpdir(), 'import-test-'));
});
afterAll(() => server.close());

const samr = (): AgencyRow => server.app.services.agencies.get('SAMR_320106')!;

/** A copy of a fixture (or the given text) in the scratch folder, so reports land there too. */
function fileOf(name: string, text?: string): string {
  const target = path.join(work, name);
  writeFileSync(target, text ?? readFileSync(path.join(FIXTURES, name)));
  return target;
}

function run(file: string, opts: Partial<RunOptions> = {}): Promise<RunTotals> {
  return runImport(server.app.services.imports, {
    file, format: file.endsWith('.jsonl') ? 'jsonl' : 'csv', recorder: samr(), now: clock, batchSize: 1000, official: 'cli:test',
    reportPath: defaultReportPath(file), ...opts,
  });
}

/** The report's rows as [行号, 字段, 错误代码], each checked to carry a Chinese reason and a detail. */
function reportRows(file: string): string[][] {
  const [header, ...lines] = readFileSync(defaultReportPath(file), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  expect(header).toBe('行号,字段,错误代码,原因,说明');
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    expect(cells[3]).toMatch(/[\u4e00-\u9fff]/);
    expect(cells[4]!.length).toBeGreaterThan(10);
    return cells.slice(0, 3);
  });
}

const count = async (query: ReturnType<typeof sql>) => {
  const result = (await server.database.db.execute(query)) as unknown as { rows?: Array<{ n: number }> } | Array<{ n: number }>;
  return Number((Array.isArray(result) ? result : result.rows!)[0]!.n);
};
const recordsOn = (number: string) => count(sql`SELECT count(*)::int AS n FROM credit_records r JOIN legal_documents d ON d.id = r.legal_document_id WHERE d.number = ${number}`);
const documentsNumbered = (number: string) => count(sql`SELECT count(*)::int AS n FROM legal_documents WHERE number = ${number}`);

const PUBLIC_PENALTIES = `query($code: String!) { subject(code: $code) { profile { penalties(first: 100) {
  edges { node { publicationEnd ... on AdministrativePenalty { documentNumber fineAmount penaltyCategory decidingAuthority } } } } } } }`;

describe('npm run import: a 双公示 CSV with Chinese headers', () => {
  let file: string;
  beforeAll(() => { file = fileOf('penalties-mixed.csv'); });

  it('writes the good rows, reports each bad one with its column, code and a Chinese reason, and counts', async () => {
    const totals = await run(file);
    expect(totals).toMatchObject({ kind: 'penalty', read: 10, written: 2, unchanged: 1, rejected: 7 });
    expect(totals.failure).toBeUndefined();
    expect(reportRows(file)).toEqual([
      ['4', '行政相对人代码_1（统一社会信用代码）', 'INVALID_USCC'], // bad check character
      ['5', '目录项编码', 'NOT_IN_CATALOG'], // unknown item
      ['6', '行政处罚决定书文号', 'BAD_USER_INPUT'], // no legal document
      ['7', '处罚决定日期', 'BAD_USER_INPUT'], // 2026-02-30
      ['8', '罚款金额（万元）', 'BAD_USER_INPUT'], // negative amount
      ['9', '处罚机关统一社会信用代码', 'FORBIDDEN'], // another department's decision
      ['10', '公示截止期', 'PUBLICATION_END_OUT_OF_BOUNDS'], // beyond the catalog's maximum period
    ]);
    // Row 11 repeats row 2 in the same file: one record, reported as already present.
    expect(await recordsOn('宁鼓市监处罚〔2026〕901号')).toBe(1);
    expect(await recordsOn('宁鼓市监处罚〔2026〕907号')).toBe(0);
  });

  it('shows an imported penalty to the public, with its window from the catalog', async () => {
    const res = await server.gql(PUBLIC_PENALTIES, { code: '91320100748204660Q' });
    const nodes = res.body.data!.subject.profile.penalties.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toContainEqual({
      documentNumber: '宁鼓市监处罚〔2026〕901号', fineAmount: '0.5', penaltyCategory: '罚款', decidingAuthority: '南京市鼓楼区市场监督管理局',
      publicationEnd: '2027-06-01',
    });
  });

  it('writes nothing on a second run: every good row is already present', async () => {
    const totals = await run(file);
    expect(totals).toMatchObject({ read: 10, written: 0, unchanged: 3, rejected: 7 });
    expect(await recordsOn('宁鼓市监处罚〔2026〕901号')).toBe(1);
  });

  it('reports the same key with different content as a conflict and keeps the record as it was', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const changed = fileOf('penalties-changed.csv', `${lines[0]}\n${lines[1]!.replace(',0.5,', ',0.8,')}\n`);
    const totals = await run(changed);
    expect(totals).toMatchObject({ read: 1, written: 0, unchanged: 0, rejected: 1 });
    expect(reportRows(changed)).toEqual([['2', '罚款金额（万元）', 'CONFLICT']]);
    const res = await server.gql(PUBLIC_PENALTIES, { code: '91320100748204660Q' });
    const amounts = res.body.data!.subject.profile.penalties.edges
      .filter((e: { node: { documentNumber?: string } }) => e.node.documentNumber === '宁鼓市监处罚〔2026〕901号')
      .map((e: { node: { fineAmount: string } }) => e.node.fineAmount);
    expect(amounts).toEqual(['0.5']);
  });

  it('checks everything and writes nothing on a dry run', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const fresh = fileOf('penalties-dry.csv', `${lines[0]}\n${lines[2]!.replace('〔2026〕902号', '〔2026〕950号')}\n${lines[4]}\n`);
    const totals = await run(fresh, { dryRun: true });
    expect(totals).toMatchObject({ read: 2, written: 1, rejected: 1 });
    expect(await documentsNumbered('宁鼓市监处罚〔2026〕950号')).toBe(0);
  });

  it('refuses a file with a column the standard does not have, before reading any row', async () => {
    const bad = fileOf('penalties-typo.csv', '行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚决定日期,罚没金额\nA,91320100748204660Q,X1,2026-06-01,1\n');
    await expect(run(bad)).rejects.toThrow(/罚没金额/);
  });
});

describe('npm run import: JSON Lines with Credit China names, and licences', () => {
  it('reads cf_* names, dates as exports write them, and reports unreadable lines and unknown names', async () => {
    const file = fileOf('penalties-creditchina.jsonl');
    const totals = await run(file, { kind: 'penalty', severity: 'GENERAL' });
    expect(totals).toMatchObject({ read: 5, written: 2, unchanged: 0, rejected: 3 });
    expect(reportRows(file)).toEqual([
      ['3', 'cf_xdr_shxym', 'INVALID_USCC'],
      ['4', '（整行）', 'BAD_USER_INPUT'],
      ['5', '处罚金额', 'BAD_USER_INPUT'],
    ]);
    const res = await server.gql(PUBLIC_PENALTIES, { code: '91320100MA1Q8T3L6E' });
    expect(res.body.data!.subject.profile.penalties.edges.map((e: { node: Record<string, unknown> }) => e.node)).toContainEqual({
      documentNumber: '宁鼓市监处罚〔2026〕921号', fineAmount: '3', penaltyCategory: '罚款', decidingAuthority: '南京市鼓楼区市场监督管理局',
      publicationEnd: '2027-08-01',
    });
  });

  it('detects licences from the headers and records them under the agency\'s own licence item', async () => {
    const file = fileOf('licences.csv');
    const totals = await run(file, { recorder: undefined });
    expect(totals).toMatchObject({ kind: 'licence', read: 3, written: 2, rejected: 1 });
    expect(reportRows(file)).toEqual([['4', '许可类别', 'BAD_USER_INPUT']]);
    expect(await run(file, { recorder: undefined })).toMatchObject({ written: 0, unchanged: 2, rejected: 1 });
    const items = await count(sql`SELECT count(*)::int AS n FROM credit_records r JOIN catalog_items i ON i.id = r.catalog_item_id
      WHERE i.code = '03-01-001' AND r.payload->>'documentNumber' IN ('宁鼓市监许〔2026〕31号', '宁鼓市监许〔2026〕32号')`);
    expect(items).toBe(2);
  });
});

describe('batches', () => {
  const header = '行政相对人名称,行政相对人代码_1（统一社会信用代码）,行政处罚决定书文号,处罚类别,处罚决定日期,备注';
  const line = (n: number, remark = '') => `南京恒泰建筑工程有限公司,91320100MA1Q8T3L6E,宁鼓市监处罚〔2026〕B${n}号,警告,2026-07-0${n},${remark}`;

  it('rolls a failing batch back whole, keeps the batches before it, and a re-run completes the file', async () => {
    await server.database.exec(`
      CREATE FUNCTION import_test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.payload->>'remarks' = 'BOOM' THEN RAISE EXCEPTION 'forced failure for the test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER import_test_boom BEFORE INSERT ON credit_records FOR EACH ROW EXECUTE FUNCTION import_test_boom();`);
    const file = fileOf('batches.csv', [header, line(1), line(2), line(3), line(4, 'BOOM'), line(5)].join('\n'));
    const totals = await run(file, { batchSize: 2, severity: 'MINOR' });
    expect(totals.failure).toMatchObject({ fromRow: 4, toRow: 5 });
    expect(totals.failure!.message).toMatch(/forced failure/);
    expect(totals).toMatchObject({ written: 2, rejected: 0 });
    expect(await recordsOn('宁鼓市监处罚〔2026〕B1号')).toBe(1);
    expect(await recordsOn('宁鼓市监处罚〔2026〕B2号')).toBe(1);
    // Row 4 came before the failing row 5 in its batch: neither it nor its document is written.
    expect(await documentsNumbered('宁鼓市监处罚〔2026〕B3号')).toBe(0);
    expect(await documentsNumbered('宁鼓市监处罚〔2026〕B4号')).toBe(0);
    expect(await documentsNumbered('宁鼓市监处罚〔2026〕B5号')).toBe(0);

    await server.database.exec('DROP TRIGGER import_test_boom ON credit_records; DROP FUNCTION import_test_boom();');
    expect(await run(file, { batchSize: 2, severity: 'MINOR' })).toMatchObject({ written: 3, unchanged: 2, rejected: 0 });
  });
});

const IMPORT = `mutation($input: ImportCreditRecordsInput!) { importCreditRecords(input: $input) {
  written unchanged rejected rows { row status field code reason recordId } } }`;

const row = (n: number, extra: Record<string, string> = {}) => ({
  行政相对人名称: '南京钢铁联合有限公司', 统一社会信用代码: '91320100748204660Q', 行政处罚决定书文号: `宁鼓市监处罚〔2026〕G${n}号`,
  处罚类别: '罚款', '罚款金额（万元）': '1.25', 处罚决定日期: '2026-09-10', 失信严重程度: '一般', ...extra,
});

describe('importCreditRecords', () => {
  it('is for departments only', async () => {
    const input = { kind: 'PENALTY', rows: [row(1)] };
    expect(codeOf(await server.gql(IMPORT, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(IMPORT, { input }, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING')))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(IMPORT, { input }, await authHeaders({ role: 'SUBJECT', subject: steelId })))).toBe('FORBIDDEN');
  });

  it('answers per row, writes once, and finds the records again on a repeat', async () => {
    const headers = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    const input = { kind: 'PENALTY', rows: [row(1), row(2, { 统一社会信用代码: '91320100748204660X' }), row(3, { '罚款金额（万元）': '-2' })] };
    const first = await server.gql(IMPORT, { input }, headers);
    const result = first.body.data!.importCreditRecords;
    expect(result).toMatchObject({ written: 1, unchanged: 0, rejected: 2 });
    expect(result.rows.map((r: Record<string, unknown>) => [r.row, r.status, r.field, r.code])).toEqual([
      [0, 'WRITTEN', null, null],
      [1, 'REJECTED', '统一社会信用代码', 'INVALID_USCC'],
      [2, 'REJECTED', '罚款金额（万元）', 'BAD_USER_INPUT'],
    ]);
    const again = (await server.gql(IMPORT, { input }, headers)).body.data!.importCreditRecords;
    expect(again.rows[0]).toMatchObject({ status: 'UNCHANGED', recordId: result.rows[0].recordId });
    expect(await recordsOn('宁鼓市监处罚〔2026〕G1号')).toBe(1);
  });

  it('refuses rows of an item another system collects (一口采集), row by row', async () => {
    const headers = await authHeaders({ role: 'DEPARTMENT', agency: 'MEE_320100' }, 'CREDIT_SUPERVISION');
    const res = await server.gql(IMPORT, { input: { kind: 'PENALTY', itemCode: '03-02-001', rows: [row(9)] } }, headers);
    expect(res.body.data!.importCreditRecords.rows[0]).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    expect(await documentsNumbered('宁鼓市监处罚〔2026〕G9号')).toBe(0);
  });

  it('bounds the batch', async () => {
    const headers = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    const rows = Array.from({ length: 1001 }, (_, i) => row(100 + i));
    expect(codeOf(await server.gql(IMPORT, { input: { kind: 'PENALTY', rows } }, headers))).toBe('BAD_USER_INPUT');
  });

  it('opens serious-list notices with their objection window, once, only for subjects inside the department\'s area', async () => {
    const rows = [{ 名单类型: 'SAMR_SERIOUS_VIOLATION', 统一社会信用代码: '91440300MA5G3K8N0E', 列入事由: '提供虚假材料骗取登记，情节严重' }];
    // A Nanjing district bureau may not list a Shenzhen company, in bulk no more than one by one.
    const outside = (await server.gql(IMPORT, { input: { kind: 'LIST', rows } }, await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION')))
      .body.data!.importCreditRecords;
    expect(outside).toMatchObject({ written: 0 });
    expect(outside.rows[0]).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    const headers = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_440300' }, 'CREDIT_SUPERVISION');
    const first = (await server.gql(IMPORT, { input: { kind: 'LIST', rows } }, headers)).body.data!.importCreditRecords;
    expect(first).toMatchObject({ written: 1 });
    const again = (await server.gql(IMPORT, { input: { kind: 'LIST', rows } }, headers)).body.data!.importCreditRecords;
    expect(again.rows[0]).toMatchObject({ status: 'UNCHANGED', recordId: first.rows[0].recordId });
    const other = [{ ...rows[0], 列入事由: '另一事由' }];
    expect((await server.gql(IMPORT, { input: { kind: 'LIST', rows: other } }, headers)).body.data!.importCreditRecords.rows[0])
      .toMatchObject({ status: 'REJECTED', code: 'CONFLICT', field: '列入事由' });
  });
});

/** The ten bad rows of penalties-unregistered.csv: line, column as the file names it, code. */
const UNREGISTERED_REJECTS = [
  ['202', '行政相对人名称', 'BAD_USER_INPUT'], // no 行政相对人名称: the standard requires it
  ['203', '行政相对人代码_1（统一社会信用代码）', 'INVALID_USCC'], // bad check character
  ['204', '证件号码', 'INVALID_ID_NUMBER'], // bad check digit
  ['205', '处罚类别', 'BAD_USER_INPUT'], // 警告;打板子: one value is not a 处罚类别
  ['206', '行政处罚决定书文号', 'BAD_USER_INPUT'], // no document number
  ['207', '处罚决定日期', 'BAD_USER_INPUT'], // 2026-02-30
  ['208', '罚款金额（万元）', 'BAD_USER_INPUT'], // negative
  ['209', '公示截止期', 'PUBLICATION_END_OUT_OF_BOUNDS'], // beyond the maximum period
  ['210', '处罚机关统一社会信用代码', 'NOT_FOUND'], // an agency not registered
  ['211', '行政相对人类别', 'BAD_USER_INPUT'], // 个体工商户 with a 91… code
];

const payloadOf = async (number: string) => {
  const result = (await server.database.db.execute(sql`SELECT r.payload->>'penaltyCategory' AS category, r.severity::text AS severity, r.publish_until::text AS "end",
    r.publish_until_source::text AS source FROM credit_records r JOIN legal_documents d ON d.id = r.legal_document_id WHERE d.number = ${number}`)) as unknown as { rows?: unknown[] } | unknown[];
  return (Array.isArray(result) ? result : result.rows!)[0] as { category: string; severity: string; end: string | null; source: string };
};

describe('a department\'s export as it comes: unregistered respondents, several 处罚类别, no 失信严重程度', () => {
  let file: string;
  beforeAll(() => { file = fileOf('penalties-unregistered.csv'); });

  it('without --register-subjects finds no respondent and writes nothing', async () => {
    const totals = await run(file, { recorder: undefined, dryRun: true });
    expect(totals).toMatchObject({ read: 210, written: 0 });
    expect(totals.rejectedBy.NOT_FOUND).toBeGreaterThanOrEqual(200);
  });

  it('with it registers the respondents from the file\'s columns and rejects only the bad rows, each with its reason', async () => {
    const totals = await run(file, { recorder: undefined, registerSubjects: true });
    expect(totals).toMatchObject({ kind: 'penalty', read: 210, written: 200, unchanged: 0, rejected: 10 });
    expect(reportRows(file)).toEqual(UNREGISTERED_REJECTS);
    // 190 distinct respondents; the ten named twice are registered by their first row only.
    expect(totals.registeredRows).toHaveLength(190);
    expect(totals.registeredRows.slice(0, 3)).toEqual([2, 3, 4]);
    // No severity column: every dishonesty row's severity is derived, and counted.
    expect(Object.values(totals.derivedSeverity).reduce((a, b) => a + b, 0)).toBe(200);
    expect(Object.keys(totals.derivedSeverity).sort()).toEqual(['GENERAL', 'MINOR', 'SERIOUS']);
  });

  it('keeps several categories in one field, derives severity from them, and keeps the file\'s 公示截止期', async () => {
    expect(await payloadOf('宁鼓市监处罚〔2026〕R1号')).toEqual({ category: '罚款', severity: 'GENERAL', end: '2027-04-02', source: 'STATED' }); // 0.5 万元 > 0.3
    expect(await payloadOf('宁鼓市监处罚〔2026〕R2号')).toMatchObject({ category: '警告、罚款', severity: 'MINOR' }); // 警告;罚款 0.1 万元
    expect(await payloadOf('宁鼓市监处罚〔2026〕R4号')).toMatchObject({ category: '罚款、没收违法所得', severity: 'GENERAL' }); // full-width comma
    expect(await payloadOf('宁鼓市监处罚〔2026〕R8号')).toMatchObject({ category: '吊销许可证件', severity: 'SERIOUS' });
    // The stated end differs from the computed one (GENERAL: 3 to 12 months) and is the record's.
    expect(await payloadOf('宁鼓市监处罚〔2026〕R3号')).toMatchObject({ end: '2026-10-16', source: 'STATED' });
    expect(await payloadOf('宁鼓市监处罚〔2026〕R2号')).toMatchObject({ source: 'COMPUTED' }); // none stated
    const res = await server.gql(PUBLIC_PENALTIES, { code: '91320106MABYWX8N12' });
    expect(res.body.data!.subject.profile.penalties.edges.map((e: { node: Record<string, unknown> }) => e.node)).toContainEqual(
      expect.objectContaining({ documentNumber: '宁鼓市监处罚〔2026〕R1号', publicationEnd: '2027-04-02' }),
    );
  });

  it('registers natural persons through the vault: the number is nowhere in clear', async () => {
    const number = readFileSync(path.join(FIXTURES, 'penalties-unregistered.csv'), 'utf8').split('\n')[171]!.split(',')[5]!;
    expect(number).toMatch(/^\d{17}[\dX]$/);
    expect(await count(sql`SELECT count(*)::int AS n FROM subjects WHERE kind = 'NATURAL_PERSON' AND id_number_hash IS NOT NULL
      AND region_code = '320106' AND name IN ('王军', '李军')`)).toBeGreaterThan(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM subjects s WHERE s::text LIKE ${`%${number}%`}`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM credit_records r WHERE r.payload::text LIKE ${`%${number}%`}`)).toBe(0);
  });

  it('writes nothing more on a second run', async () => {
    const totals = await run(file, { recorder: undefined, registerSubjects: true });
    expect(totals).toMatchObject({ written: 0, unchanged: 200, rejected: 10, registeredRows: [] });
  });
});

describe('registers', () => {
  it('enters subjects from the market-regulation and person registers, idempotently, updating their register facts', async () => {
    const file = fileOf('subjects-register.csv');
    const totals = await run(file, { recorder: undefined });
    expect(totals).toMatchObject({ kind: 'subject', read: 6, written: 4, unchanged: 0, rejected: 2 });
    expect(reportRows(file)).toEqual([['6', '统一社会信用代码', 'INVALID_USCC'], ['7', '名称', 'BAD_USER_INPUT']]);
    expect(await count(sql`SELECT count(*)::int AS n FROM subjects WHERE uscc = '92320106MA7QWE3481' AND kind = 'INDIVIDUAL_BUSINESS'
      AND established_on = '2021-05-06' AND legal_representative = '陈二'`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM subjects WHERE uscc = '91320106MA7QWE129R' AND registered_capital = 100`)).toBe(1);
    expect(await run(file, { recorder: undefined })).toMatchObject({ written: 0, unchanged: 4, rejected: 2 });
    const changed = fileOf('subjects-changed.csv', readFileSync(file, 'utf8').split('\n').slice(0, 2).join('\n').replace(',存续,', ',注销,'));
    expect(await run(changed, { recorder: undefined })).toMatchObject({ written: 1, unchanged: 0 });
    expect(await count(sql`SELECT count(*)::int AS n FROM subjects WHERE uscc = '91320106MA7QWE129R' AND status = '注销'`)).toBe(1);
  });

  it('enters agencies checked against the systems the policy knows and GB/T 2260 codes', async () => {
    const file = fileOf('agencies-register.csv');
    const totals = await run(file, { recorder: undefined });
    expect(totals).toMatchObject({ kind: 'agency', read: 5, written: 1, unchanged: 2, rejected: 2 }); // SAMR_320106, SAMR_320100 as registered above
    expect(reportRows(file)).toEqual([['5', '系统', 'BAD_USER_INPUT'], ['6', '行政区划代码', 'BAD_USER_INPUT']]);
    expect(await count(sql`SELECT count(*)::int AS n FROM agencies WHERE code = 'SAMR_320116' AND level = 'COUNTY'`)).toBe(1);
    await expect(run(file, { recorder: undefined, registerSubjects: true })).rejects.toThrow(/--register-subjects registers the respondents of penalty and licence rows/);
  });
});

const REGISTER = `mutation($input: ImportRegisterInput!) { importRegister(input: $input) {
  written unchanged rejected rows { row status field code reason } } }`;

describe('importRegister and registerSubjects over GraphQL', () => {
  const subject = (uscc: string, name: string) => ({ 统一社会信用代码: uscc, 名称: name, 类型: '有限责任公司', 登记状态: '存续' });

  it('lets the registration item\'s provider register subjects within its area only', async () => {
    const samrGulou = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    const code = makeUscc({ authority: '9', category: '1', divisionCode: '320106', orgBody8: 'MA7QWH11' });
    const rows = [subject(code, '南京接口注册有限公司')];
    const full = [{ ...rows[0], 住所: '南京市鼓楼区北京西路2号', 法定代表人: '周八' }];
    const res = (await server.gql(REGISTER, { input: { kind: 'SUBJECT', rows: [...full, subject('91440300MA7QWE5671', '深圳登记测试贸易有限公司')] } }, samrGulou))
      .body.data!.importRegister;
    expect(res.rows.map((r: { status: string; code: string | null }) => [r.status, r.code])).toEqual([['WRITTEN', null], ['REJECTED', 'FORBIDDEN']]);
    // The same subject without 住所 and 法定代表人: nothing to change, and what it leaves out is kept.
    expect((await server.gql(REGISTER, { input: { kind: 'SUBJECT', rows } }, samrGulou)).body.data!.importRegister).toMatchObject({ unchanged: 1 });
    expect(await count(sql`SELECT count(*)::int AS n FROM subjects WHERE uscc = ${code} AND address = '南京市鼓楼区北京西路2号' AND legal_representative = '周八'`)).toBe(1);
    const mee = await authHeaders({ role: 'DEPARTMENT', agency: 'MEE_320100' }, 'CREDIT_SUPERVISION');
    const refused = (await server.gql(REGISTER, { input: { kind: 'SUBJECT', rows } }, mee)).body.data!.importRegister;
    expect(refused.rows[0]).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    expect(codeOf(await server.gql(REGISTER, { input: { kind: 'SUBJECT', rows } }, await authHeaders({ role: 'PARTNER', agency: 'JS_PRTC' }, 'PUBLIC_RESOURCE_TRADING'))))
      .toBe('FORBIDDEN');
  });

  it('lets public security register natural persons from the person register, the number sealed', async () => {
    const number = makeResidentId({ divisionCode: '320106', birthDate: '1990-03-04', sequence: 77 });
    const rows = [{ 公民身份号码: number, 姓名: '陈七', 性别: '男', 住址: '南京市鼓楼区某路1号' }];
    const samr = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    expect((await server.gql(REGISTER, { input: { kind: 'SUBJECT', rows } }, samr)).body.data!.importRegister.rows[0])
      .toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN', field: '公民身份号码' });
    const police = await authHeaders({ role: 'DEPARTMENT', agency: 'MPS_320100' }, 'CREDIT_SUPERVISION');
    expect((await server.gql(REGISTER, { input: { kind: 'SUBJECT', rows } }, police)).body.data!.importRegister).toMatchObject({ written: 1 });
    expect(await count(sql`SELECT count(*)::int AS n FROM subjects s WHERE s.name = '陈七' AND s.kind = 'NATURAL_PERSON' AND s.address IS NULL
      AND s.id_number_hash IS NOT NULL AND s::text NOT LIKE ${`%${number}%`}`)).toBe(1);
  });

  it('lets the platform of an area register its agencies, which can record at once', async () => {
    const row = { 机关代码: 'SAMR_320104', 机关名称: '南京市秦淮区市场监督管理局', 层级: '县级', 类别: '部门', 系统: 'SAMR', 行政区划代码: '320104' };
    const samr = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    expect((await server.gql(REGISTER, { input: { kind: 'AGENCY', rows: [row] } }, samr)).body.data!.importRegister.rows[0])
      .toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    const shenzhen = await authHeaders({ role: 'DEPARTMENT', agency: 'NDRC_440300' }, 'CREDIT_SUPERVISION');
    expect((await server.gql(REGISTER, { input: { kind: 'AGENCY', rows: [row] } }, shenzhen)).body.data!.importRegister.rows[0])
      .toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    const jiangsu = await authHeaders({ role: 'DEPARTMENT', agency: 'NDRC_320000' }, 'CREDIT_SUPERVISION');
    expect((await server.gql(REGISTER, { input: { kind: 'AGENCY', rows: [row] } }, jiangsu)).body.data!.importRegister).toMatchObject({ written: 1 });
    expect(server.app.services.agencies.get('SAMR_320104')?.name).toBe('南京市秦淮区市场监督管理局');
  });

  it('registers respondents with their records when asked, and reports the derived severity', async () => {
    const headers = await authHeaders({ role: 'DEPARTMENT', agency: 'SAMR_320106' }, 'CREDIT_SUPERVISION');
    const rows = [{
      行政相对人名称: '南京接口登记有限公司', 行政相对人类别: '法人及非法人组织',
      统一社会信用代码: makeUscc({ authority: '9', category: '1', divisionCode: '320106', orgBody8: 'MA7QWG55' }),
      行政处罚决定书文号: '宁鼓市监处罚〔2026〕Q1号', 处罚类别: '警告;罚款', '罚款金额（万元）': '0.1', 处罚决定日期: '2026-09-10',
    }];
    const mutation = `mutation($input: ImportCreditRecordsInput!) { importCreditRecords(input: $input) {
      written rows { status code detail registeredSubject derivedSeverity derivedSeverityBasis } } }`;
    const without = (await server.gql(mutation, { input: { kind: 'PENALTY', rows } }, headers)).body.data!.importCreditRecords;
    expect(without.rows[0]).toMatchObject({ status: 'REJECTED', code: 'NOT_FOUND', registeredSubject: false });
    const first = (await server.gql(mutation, { input: { kind: 'PENALTY', rows, registerSubjects: true } }, headers)).body.data!.importCreditRecords;
    expect(first.rows[0]).toMatchObject({ status: 'WRITTEN', registeredSubject: true, derivedSeverity: 'MINOR' });
    expect(first.rows[0].derivedSeverityBasis).toMatch(/警告、罚款/);
    const again = (await server.gql(mutation, { input: { kind: 'PENALTY', rows, registerSubjects: true } }, headers)).body.data!.importCreditRecords;
    expect(again.rows[0]).toMatchObject({ status: 'UNCHANGED', registeredSubject: false });
  });
});

describe('the npm run import command', () => {
  const cli = (args: string[], dir: string) => spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/import.ts', ...args], {
    cwd: path.join(__dirname, '../..'),
    encoding: 'utf8',
    // Its own embedded database: the command opens what the configuration names, as `npm start` does.
    env: { ...withoutDatabaseUrl(), PGLITE_DIR: path.join(dir, 'pglite'), DEV_KEYS_FILE: path.join(dir, 'keys.json'), NODE_OPTIONS: '' },
  });
  const withoutDatabaseUrl = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'ID_HMAC_KEY', 'ID_ENCRYPTION_KEY', 'JWT_SECRET'].includes(k)));

  it('says what is wrong with its arguments (exit 2), and exits 3 naming the report when rows are rejected', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    const usage = cli([fileOf('penalties-mixed.csv'), '--batch', '0'], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--batch must be a whole number from 1 to 10000/);
    // An empty database knows no agency, so the rows (naming none but 处罚机关统一社会信用代码) are rejected.
    const file = fileOf('cli.csv', readFileSync(path.join(FIXTURES, 'penalties-mixed.csv'), 'utf8').split('\n').slice(0, 3).join('\n'));
    const run = cli([file], dir);
    expect(run.status).toBe(3);
    expect(run.stdout).toMatch(/read 2, written 0, unchanged \(already present\) 0, rejected 2/);
    expect(run.stdout).toContain(defaultReportPath(file));
    expect(reportRows(file).map((r) => r[2])).toEqual(['NOT_FOUND', 'BAD_USER_INPUT']);
  });

  it('loads an agency register into an empty database, then a department export registering its respondents', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    const agencies = cli([fileOf('cli-agencies.csv', readFileSync(path.join(FIXTURES, 'agencies-register.csv'), 'utf8'))], dir);
    expect(agencies.stdout).toMatch(/agency import of .*: read 5, written 3, unchanged \(already present\) 0, rejected 2/);
    expect(agencies.status).toBe(3);
    const file = fileOf('cli-unregistered.csv', readFileSync(path.join(FIXTURES, 'penalties-unregistered.csv'), 'utf8'));
    const run = cli([file, '--register-subjects'], dir);
    expect(run.stdout).toMatch(/penalty import of .*: read 210, written 200, unchanged \(already present\) 0, rejected 10/);
    expect(run.stdout).toMatch(/失信严重程度 derived from the regime's criteria \(处罚类别, 罚款金额\) for 200 rows: /);
    expect(run.stdout).toMatch(/subjects registered from the file's own columns: 190 \(rows 2, 3, 4,/);
    expect(run.status).toBe(3);
    expect(reportRows(file)).toEqual(UNREGISTERED_REJECTS);
  });
});

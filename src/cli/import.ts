/**
 * `npm run import -- <file> [--department <agency>] [--kind penalty|licence|list|subject|agency] [--item <code>]
 * [--register-subjects] [--dry-run] [--batch <n>] [--report <path>] [--format csv|jsonl] [--progress-every <s>]`
 *
 * Bulk ingestion (归集) of 双公示 penalty and licence files, of serious-list notices, and of the
 * registers they rest on (subjects from the market-regulation and person registers; agencies) into the
 * configured database (DATABASE_URL, or the PGlite directory PGLITE_DIR as `npm start` uses).
 * Every row is checked by the same rules as recordCreditInformation; valid rows are written in
 * one transaction per batch; rejected rows go to the report. Exit status: 0 every row written or
 * already present; 3 some rows rejected (see the report); 1 a batch failed (rolled back, run
 * stopped) or the database could not be used; 2 bad usage or a file the run refuses.
 */
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadCatalogBundle } from '../catalog/catalog.loader';
import { syncCatalog } from '../modules/catalog/catalog.sync';
import { configOrExit, failWithUsage, type Fail } from './cli-exit';
import { loadWorkingCalendar } from '../time/working-calendar.loader';
import { openDatabase } from '../db/database';
import { DataDirInUseError } from '../db/pglite-lock';
import { migrate } from '../db/migrate';
import { createIdNumberVault } from '../identifiers';
import { IMPORT_KINDS, type ImportKind } from '../ingest/header-table';
import { REGISTER_KINDS, type RegisterKind } from '../ingest/register-columns';
import { ImportRefused, runImport, type RunTotals } from '../ingest/import-run';
import { ImportService } from '../ingest/import-service';
import { ListImporter } from '../ingest/list-import';
import { ProgressLine } from '../ingest/progress';
import { defaultReportPath } from '../ingest/reject-report';
import { formatOf } from '../ingest/row-source';
import { parseSeverity } from '../ingest/row-mapping';
import type { Severity } from '../catalog/catalog.schema';
import { AgencyDirectory } from '../modules/agency/agency.directory';
import { AgencyRepo } from '../modules/agency/agency.repo';

const USAGE = 'usage: npm run import -- <file.csv|file.jsonl> [options]\n'
  + '  --department <code>  agency recording the rows (e.g. SAMR_320106); else each row names it by 处罚机关/许可机关统一社会信用代码\n'
  + '  --kind <k>           penalty, licence, list, or a register: subject, agency (default: detected from a CSV file\'s headers)\n'
  + '  --register-subjects  register respondents not yet registered from the row\'s own columns (行政相对人名称, 类别, 代码/证件号码, 法定代表人)\n'
  + '  --item <code>        catalog item of rows without 目录项编码 (default: the one item of the kind the agency\'s system provides)\n'
  + '  --severity <s>       失信严重程度 of penalty rows that state none: 轻微|一般|严重 or MINOR|GENERAL|SERIOUS (the 双公示 standard has no such column;\n'
  + '                       without it the regime\'s criteria derive it from 处罚类别 and 罚款金额, and the summary counts the rows)\n'
  + '  --dry-run            check every row against the database, write nothing\n'
  + '  --batch <n>          rows per transaction (default 1000, 1..10000)\n'
  + '  --parallel <n>       batches written at once on PostgreSQL (default 2; 1 = strictly in file order; PGlite: always 1)\n'
  + '  --report <path>      rejected rows, CSV (default: <file>.rejected.csv beside the input)\n'
  + '  --format csv|jsonl   default: from the file name\n'
  + '  --progress-every <s> seconds between progress lines when stderr is not a terminal (default 10)';

const fail: Fail = failWithUsage(USAGE);

interface Args {
  file: string; department?: string; kind?: ImportKind | RegisterKind; item?: string; severity?: Severity; dryRun: boolean; batch: number; parallel: number;
  registerSubjects: boolean;
  report?: string; format?: string; progressEvery: number;
}

function parse(): Args {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      strict: true,
      options: {
        department: { type: 'string' }, kind: { type: 'string' }, item: { type: 'string' }, severity: { type: 'string' },
        'dry-run': { type: 'boolean', default: false }, 'register-subjects': { type: 'boolean', default: false },
        batch: { type: 'string' }, parallel: { type: 'string' }, report: { type: 'string' }, format: { type: 'string' }, 'progress-every': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    fail((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals.length !== 1) fail(positionals.length ? `give one file, got ${positionals.join(' ')}` : 'give the file to import');
  const kinds: readonly string[] = [...IMPORT_KINDS, ...REGISTER_KINDS];
  if (values.kind !== undefined && !kinds.includes(values.kind)) fail(`--kind must be one of ${kinds.join(', ')}, got ${values.kind}`);
  const batch = values.batch === undefined ? 1000 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) fail(`--batch must be a whole number from 1 to 10000, got ${values.batch}`);
  const severity = values.severity === undefined ? undefined : parseSeverity(values.severity);
  if (values.severity !== undefined && !severity) fail(`--severity must be 轻微, 一般 or 严重 (MINOR, GENERAL, SERIOUS), got ${values.severity}`);
  const parallel = values.parallel === undefined ? 2 : Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 8) fail(`--parallel must be a whole number from 1 to 8, got ${values.parallel}`);
  const progressEvery = values['progress-every'] === undefined ? 10 : Number(values['progress-every']);
  if (!(progressEvery > 0)) fail(`--progress-every must be a number of seconds above 0, got ${values['progress-every']}`);
  return {
    file: positionals[0]!, department: values.department, kind: values.kind as ImportKind | RegisterKind | undefined, item: values.item, severity,
    registerSubjects: values['register-subjects'],
    dryRun: values['dry-run'], batch, parallel, report: values.report, format: values.format, progressEvery,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function summary(t: RunTotals, args: Args, reportPath: string): string {
  const rate = t.seconds > 0 ? t.read / t.seconds : 0;
  const verb = args.dryRun ? 'would be written' : 'written';
  const lines = [
    `${args.dryRun ? 'dry run, nothing written: ' : ''}${t.kind} import of ${args.file}: read ${fmt(t.read)}, ${verb} ${fmt(t.written)}, ` +
      `unchanged (already present) ${fmt(t.unchanged)}, rejected ${fmt(t.rejected)} in ${t.seconds.toFixed(1)} s (${fmt(rate)} rows/s)`,
  ];
  const derived = Object.entries(t.derivedSeverity);
  if (derived.length) {
    lines.push(`  失信严重程度 derived from the regime's criteria (处罚类别, 罚款金额) for ${fmt(derived.reduce((n, [, c]) => n + c, 0))} rows: ` +
      `${derived.map(([s, n]) => `${s} ${fmt(n)}`).join(', ')}`);
  }
  if (t.registeredRows.length) {
    const shown = t.registeredRows.slice(0, 20).join(', ');
    lines.push(`  subjects registered from the file's own columns: ${fmt(t.registeredRows.length)} (rows ${shown}${t.registeredRows.length > 20 ? ', …' : ''})`);
  }
  if (t.rejected) {
    const by = Object.entries(t.rejectedBy).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${fmt(n)}`).join(', ');
    lines.push(`  rejected rows (${by}) are listed in ${reportPath}`);
  }
  if (t.failure) {
    lines.push(`  STOPPED: the batch of rows ${t.failure.fromRow}–${t.failure.toRow} failed and was rolled back (${t.failure.message}); ` +
      'every other batch counted above is written in full, no later one was started. Fix the cause and run the same file again: ' +
      'rows already written come back unchanged.');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parse();
  const config = configOrExit(fail);
  if (config.database.kind === 'pglite' && !config.database.dataDir) {
    fail('PGLITE_DIR=memory:// would import into a database that vanishes when this command exits; set PGLITE_DIR or DATABASE_URL', 1);
  }
  let format;
  try {
    format = formatOf(args.file, args.format);
  } catch (err) {
    fail((err as Error).message);
  }
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
    const catalog = await syncCatalog(database.db, loadCatalogBundle());
    const vault = createIdNumberVault({ hmacKey: config.keys.idHmac, encryptionKey: config.keys.idEncryption });
    const agencies = new AgencyDirectory(new AgencyRepo(database.db));
    await agencies.reload();
    const recorder = args.department === undefined ? undefined : agencies.get(args.department);
    if (args.department !== undefined && !recorder) fail(`--department ${args.department} is not a known agency code (e.g. SAMR_320106)`, 2);
    const lists = new ListImporter(database.db, catalog, vault, loadWorkingCalendar());
    const service = new ImportService(database.db, catalog, vault, agencies, lists);
    const reportPath = args.report ?? defaultReportPath(args.file);
    const progress = new ProgressLine(process.stderr, args.progressEvery);
    let totals: RunTotals;
    try {
      totals = await runImport(service, {
        file: args.file, format, kind: args.kind, recorder, itemCode: args.item, severity: args.severity, now: new Date(), dryRun: args.dryRun, official: `cli:${userInfo().username}`,
        registerSubjects: args.registerSubjects,
        batchSize: args.batch, parallel: database.kind === 'postgres' ? Math.min(args.parallel, config.database.kind === 'postgres' ? config.database.poolSize : 1) : 1, reportPath, onProgress: (p) => progress.update(p),
      });
    } catch (err) {
      if (err instanceof ImportRefused) fail(err.message, 2);
      throw err;
    } finally {
      progress.done();
    }
    process.stdout.write(`${summary(totals, args, reportPath)}\n`);
    process.exitCode = totals.failure ? 1 : totals.rejected ? 3 : 0;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  // A refusal that says what to do needs no stack trace.
  fail(`import failed: ${err instanceof DataDirInUseError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err)}`, 1);
});

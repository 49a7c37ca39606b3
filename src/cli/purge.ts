/**
 * `npm run purge [-- --dry-run]`: erases the personal data of credit records a repair decided
 * to delete (删除) and of records past their item's retention period, keeping the minimum trace
 * (src/modules/credit-record/record-history.service.ts), and the content and file names of the
 * files filed with objections and repair applications about them (their size, type and SHA-256
 * stay). Prints a JSON report: which records, on which ground, and which attachments. Run it
 * daily (cron, a Kubernetes CronJob); a second run finds nothing.
 * Exit 0 when done, 2 when it could not run.
 */
import 'reflect-metadata';
import { loadCatalogBundle } from '../catalog/catalog.loader';
import { syncCatalog } from '../modules/catalog/catalog.sync';
import { RecordHistoryService } from '../modules/credit-record/record-history.service';
import { databaseWork } from '../modules/database-work';
import { runDatabaseCli } from './database-cli';

runDatabaseCli(async (database) => {
  const dryRun = process.argv.includes('--dry-run');
  const catalog = await syncCatalog(database.db, loadCatalogBundle());
  const report = await new RecordHistoryService(databaseWork(database.db), catalog).purge(new Date(), { dryRun });
  process.stdout.write(`${JSON.stringify({
    ...report,
    summary: `${dryRun ? 'would erase' : 'erased'} the personal data of ${report.repairDeleted.length} record(s) deleted by repair and ${report.pastRetention.length} past retention, and the content of ${report.attachments.length} attachment(s) of their objections and repair applications`,
  }, null, 2)}\n`);
  return 0;
});

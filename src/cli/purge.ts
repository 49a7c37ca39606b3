/**
 * `npm run purge [-- --dry-run]`: erases the personal data of credit records a repair decided
 * to delete (删除) and of records past their item's retention period, keeping the minimum trace
 * (src/modules/credit-record/record-history.service.ts). Prints a JSON report: which records,
 * on which ground. Run it daily (cron, a Kubernetes CronJob); a second run finds nothing.
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
    summary: `${dryRun ? 'would erase' : 'erased'} the personal data of ${report.repairDeleted.length} record(s) deleted by repair and ${report.pastRetention.length} past retention`,
  }, null, 2)}\n`);
  return 0;
});

/** The register of issued reports (src/db/schema/reports.ts): written once per report, read by number. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { issuedReports } from '../../db/schema';

export type IssuedReportRow = typeof issuedReports.$inferSelect;

export class ReportRegisterRepo {
  constructor(private readonly db: Db) {}

  async insert(row: IssuedReportRow): Promise<void> {
    await this.db.insert(issuedReports).values(row);
  }

  async find(reportNumber: string): Promise<IssuedReportRow | undefined> {
    const [row] = await this.db.select().from(issuedReports).where(eq(issuedReports.reportNumber, reportNumber)).limit(1);
    return row;
  }
}

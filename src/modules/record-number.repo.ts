/** The row that carries a 记录编号 (src/modules/record-ids.ts says which forms of id a caller may give). */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/database';
import { creditRecords, objections, repairApplications, seriousListEntries } from '../db/schema';
import type { NumberedType, RecordNumberLookup } from './record-ids';

const TABLES = {
  CreditRecord: creditRecords,
  SeriousListEntry: seriousListEntries,
  Objection: objections,
  CreditRepairApplication: repairApplications,
} as const;

export class RecordNumberRepo implements RecordNumberLookup {
  constructor(private readonly db: Queryable) {}

  async idByNumber(type: NumberedType, recordNumber: string): Promise<number | undefined> {
    const table = TABLES[type];
    const [row] = await this.db.select({ id: table.id }).from(table).where(eq(table.recordNumber, recordNumber)).limit(1);
    return row?.id;
  }
}

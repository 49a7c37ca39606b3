/**
 * ImportService: the one entry point of bulk ingestion, for the CLI (npm run import) and the
 * importCreditRecords mutation alike. A batch is checked, then committed in one transaction;
 * the two steps are separate so a run can check the next batch while this one is written.
 */
import type { CatalogIndex } from '../catalog/catalog.index';
import type { Db } from '../db/database';
import type { IdNumberVault } from '../identifiers';
import type { ListImporter } from './list-import';
import { RecordImporter, type AgencyLookup, type BatchOptions } from './record-import';
import { REGISTER_KINDS, type RegisterKind } from './register-columns';
import { RegisterImporter, type RegisterBatchOptions } from './register-import';
import type { RowOutcome } from './row-outcome';
import type { RawRow } from './row-source';

/** A checked batch, ready to commit. */
export interface PendingBatch {
  commit(): Promise<RowOutcome[]>;
}

export class ImportService {
  readonly records: RecordImporter;
  readonly registers: RegisterImporter;

  constructor(db: Db, catalog: CatalogIndex, vault: IdNumberVault, agencies: AgencyLookup, private readonly lists: ListImporter) {
    this.registers = new RegisterImporter(db, catalog, vault, () => agencies.all().map((a) => a.system));
    this.records = new RecordImporter(db, catalog, vault, agencies, this.registers);
  }

  async check(rows: readonly RawRow[], opts: BatchOptions | RegisterBatchOptions): Promise<PendingBatch> {
    if (isRegister(opts)) return this.registers.check(rows, opts);
    if (opts.kind === 'list') {
      const checked = await this.lists.check(rows, opts);
      return { commit: () => this.lists.commit(checked) };
    }
    const checked = await this.records.check(rows, { ...opts, kind: opts.kind });
    return { commit: () => this.records.commit(checked) };
  }

  /** Checks and writes one batch; outcomes in the order of `rows`. */
  async importBatch(rows: readonly RawRow[], opts: BatchOptions | RegisterBatchOptions): Promise<RowOutcome[]> {
    return (await this.check(rows, opts)).commit();
  }
}

const isRegister = (opts: BatchOptions | RegisterBatchOptions): opts is RegisterBatchOptions => (REGISTER_KINDS as readonly string[]).includes(opts.kind as RegisterKind);

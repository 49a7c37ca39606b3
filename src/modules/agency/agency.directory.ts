/**
 * AgencyDirectory: agencies by code, held in memory. The table is small and changes only
 * with deployments' reference data, so the request path never queries it; `reload()` is
 * called after seeding or an administrative change.
 */
import type { AgencyRepo, AgencyRow } from './agency.repo';

export class AgencyDirectory {
  private byCode = new Map<string, AgencyRow>();

  constructor(private readonly repo: AgencyRepo) {}

  async reload(): Promise<void> {
    this.byCode = new Map((await this.repo.all()).map((a) => [a.code, a]));
  }

  get(code: string): AgencyRow | undefined {
    return this.byCode.get(code);
  }

  all(): AgencyRow[] {
    return [...this.byCode.values()];
  }
}

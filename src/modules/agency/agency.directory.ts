/**
 * AgencyDirectory: agencies by code, held in memory. The table is small and changes only
 * with deployments' reference data, so the request path never queries it; `reload()` is
 * called after seeding or an administrative change.
 *
 * It also answers the jurisdiction questions of src/policy/jurisdiction.ts over the whole
 * registry: each agency's parent and the codes of the agencies within it, computed once per
 * reload, so a request's authority is a lookup.
 */
import type { Principal } from '../../auth/principal';
import type { Agreement } from '../../catalog/agreements.schema';
import { NO_AUTHORITY, resolveAuthority, type CallerAuthority } from '../../policy/authority';
import { isWithin, parentOf } from '../../policy/jurisdiction';
import type { AgencyRepo, AgencyRow } from './agency.repo';

export class AgencyDirectory {
  private byCode = new Map<string, AgencyRow>();
  private within = new Map<string, readonly string[]>();
  private parents = new Map<string, string | undefined>();

  /** Only `all()` is read, so a unit test can hand it a fixed registry. */
  constructor(private readonly repo: Pick<AgencyRepo, 'all'>) {}

  async reload(): Promise<void> {
    this.byCode = new Map((await this.repo.all()).map((a) => [a.code, a]));
    this.within = new Map();
    this.parents = new Map();
  }

  get(code: string): AgencyRow | undefined {
    return this.byCode.get(code);
  }

  all(): AgencyRow[] {
    return [...this.byCode.values()];
  }

  /** The agency's nearest superior in its department system, if the registry has one. */
  parent(code: string): AgencyRow | undefined {
    if (!this.parents.has(code)) {
      const agency = this.byCode.get(code);
      this.parents.set(code, agency ? parentOf(agency, this.all())?.code : undefined);
    }
    const parent = this.parents.get(code);
    return parent === undefined ? undefined : this.byCode.get(parent);
  }

  /** Codes of the agency itself and every agency under it (sorted); empty for an unknown code. */
  jurisdiction(code: string): readonly string[] {
    let codes = this.within.get(code);
    if (!codes) {
      const agency = this.byCode.get(code);
      codes = agency ? Object.freeze(this.all().filter((o) => isWithin(agency, o)).map((o) => o.code).sort()) : [];
      this.within.set(code, codes);
    }
    return codes;
  }

  /** Is `other` the agency `actor` or one under it? Unknown codes are outside everything. */
  isWithin(actor: string, other: string): boolean {
    const a = this.byCode.get(actor);
    const o = this.byCode.get(other);
    return a !== undefined && o !== undefined && isWithin(a, o);
  }

  /**
   * The caller's authority for one request: its agency as registered, the agreements with it in
   * force `today` (narrowed by the token's purposes), its jurisdiction. A token naming an agency
   * the registry does not know has none.
   */
  authorityOf(principal: Principal, agreements: readonly Agreement[], today: string): CallerAuthority {
    const agency = principal.agencyCode ? this.byCode.get(principal.agencyCode) : undefined;
    if (!agency) return NO_AUTHORITY;
    return resolveAuthority({ agency, agreements, jurisdiction: this.jurisdiction(agency.code), today, tokenPurposes: principal.purposes });
  }
}

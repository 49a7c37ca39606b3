/**
 * AccountabilityService: the report auditors use to hold units to account (49号 九 强化追责问责:
 * recording outside the catalog, punishing outside the list or without the power, listing
 * without standard or procedure, repair not handled in time, reading without a grant, deciding
 * outside jurisdiction).
 *
 * The findings about authority are judged by the same policy functions that refuse the acts
 * today (src/policy: mayImplementMeasure, resolveAuthority, isWithin), over the agency registry
 * and the catalog's data as they stand now: a row the report names is one the API would refuse
 * now — written before the check existed, or around the API (imports, SQL).
 *
 * Catalog and measures-list versions are judged by publicationRefusals, the function the
 * publishing service refuses with (power, level of legal basis, approval and consultation).
 * The versions synced from the files shipped with the code (their stored definition names its
 * `sourceFile`) are not judged: they predate these records and were published by the State
 * Council and NDRC documents they cite, outside this API.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import { resolveAuthority } from '../../policy/authority';
import { publicationRefusals } from '../../policy/catalog-governance';
import { mayImplementMeasure } from '../../policy/powers';
import { legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import type {
  DecidedProcedure, FindingRows, FindingSample, MeasureApplier, ReadGroup, SqlFindingName,
} from './accountability.repo';
import type { AccountabilityFinding, AccountabilityReport, AccountabilitySample } from './accountability.type';
import type { UnitOfWork } from '../unit-of-work';

export const MAX_SAMPLE = 100;

/** Findings judged in code by the policy functions, over rows the repo groups. */
type JudgedFindingName =
  | 'measuresByNonImplementers'
  | 'readsOutsideAgreements'
  | 'objectionsDecidedOutsideJurisdiction'
  | 'repairsDecidedOutsideJurisdiction'
  | 'versionsPublishedWithoutGovernance';

export type FindingName = SqlFindingName | JudgedFindingName;

const SQL_FINDINGS: readonly SqlFindingName[] = [
  'recordsOutsideCatalog', 'measuresOutsideList', 'overdueObjections', 'overdueRepairs', 'objectionsDecidedLate', 'repairsDecidedLate',
  'listingsWithoutDecisionDocument', 'listingsWithoutPublishedStandard', 'dishonestyRecordsWithoutDocument',
];

const RULES: Record<FindingName, { table: string; rule: string }> = {
  recordsOutsideCatalog: {
    table: 'credit_records',
    rule: 'nothing outside a published public credit information catalog is recorded (49号 二(一))',
  },
  measuresOutsideList: {
    table: 'measure_applications',
    rule: 'punishment measures are applied only from the published measures list, and lifted when it leaves force (49号 五(九) 清单制)',
  },
  overdueObjections: { table: 'objections', rule: 'an objection is verified and answered within the time limit (49号 四(八))' },
  overdueRepairs: { table: 'repair_applications', rule: 'a credit-repair application is completed within the time limit (49号 六(十二) 在规定时限内办结)' },
  objectionsDecidedLate: { table: 'objections', rule: 'an objection is answered within the time limit, not after it (49号 四(八) 在规定时限内反馈结果)' },
  repairsDecidedLate: { table: 'repair_applications', rule: 'a credit-repair application is decided within the time limit, not after it (49号 六(十二) 在规定时限内办结)' },
  listingsWithoutDecisionDocument: {
    table: 'serious_list_entries',
    rule: 'a listing rests on a written decision stating reasons, basis, measures, removal conditions and remedies (49号 四(八))',
  },
  listingsWithoutPublishedStandard: {
    table: 'serious_list_entries',
    rule: 'subjects are listed only under a standard published beforehand (49号 四(七))',
  },
  dishonestyRecordsWithoutDocument: {
    table: 'credit_records',
    rule: 'a dishonesty finding rests on a legally effective document (49号 二(二))',
  },
  measuresByNonImplementers: {
    table: 'measure_applications',
    rule: 'a punishment measure is applied only by an agency of a department system named as its implementer; a measure organisations decide themselves is only recommended, by a public body (49号 五(九) 依法依规实施)',
  },
  readsOutsideAgreements: {
    table: 'access_log',
    rule: 'an agency obtains shared credit information only for a purpose a data-sharing agreement in force on the day of the read grants it (49号 三(三), 七(十三) 查询使用登记和审查)',
  },
  objectionsDecidedOutsideJurisdiction: {
    table: 'objections',
    rule: 'an objection is decided by the agency that recorded the record or notified the listing, or one above it in its department system (49号 四(八); 管辖)',
  },
  versionsPublishedWithoutGovernance: {
    table: 'catalog_versions',
    rule: 'a catalog or measures-list version is published by the agency whose power covers it, on a legal basis of the level required, after a public consultation of at least 30 days and its approval (49号 二(一), 三(四), 五(九), 四(七))',
  },
  repairsDecidedOutsideJurisdiction: {
    table: 'repair_applications',
    rule: 'a credit-repair application is decided by the agency that recorded the record or notified the listing, or one above it in its department system (49号 六(十二); 管辖)',
  },
};

export class AccountabilityService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly agencies: AgencyDirectory,
  ) {}

  async report(ctx: Caller, sampleSize: number): Promise<AccountabilityReport> {
    if (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > MAX_SAMPLE) {
      throw appError('BAD_USER_INPUT', `sampleSize: 1 to ${MAX_SAMPLE}`);
    }
    const judged: Record<JudgedFindingName, Promise<FindingRows>> = {
      measuresByNonImplementers: this.measuresByNonImplementers(sampleSize),
      readsOutsideAgreements: this.readsOutsideAgreements(sampleSize),
      objectionsDecidedOutsideJurisdiction: this.decidedOutsideJurisdiction('objections', sampleSize),
      repairsDecidedOutsideJurisdiction: this.decidedOutsideJurisdiction('repair_applications', sampleSize),
      versionsPublishedWithoutGovernance: this.versionsPublishedWithoutGovernance(sampleSize),
    };
    const pending: Array<[FindingName, Promise<FindingRows>]> = [
      ...SQL_FINDINGS.map((n): [FindingName, Promise<FindingRows>] => [n, this.work.repos.accountability.finding(n, ctx.now, sampleSize)]),
      ...(Object.entries(judged) as Array<[JudgedFindingName, Promise<FindingRows>]>),
    ];
    const found = await Promise.all(pending.map(([, p]) => p));
    const findings = Object.fromEntries(
      pending.map(([n], i): [FindingName, AccountabilityFinding] => [n, { ...RULES[n], count: found[i]!.count, sampleIds: found[i]!.ids, samples: found[i]!.samples.map(toSample) }]),
    ) as Record<FindingName, AccountabilityFinding>;
    return { asOf: ctx.now, ...findings };
  }

  /**
   * Applications by an agency mayImplementMeasure refuses for that measure today: not of an
   * implementing system (agency-powers.yaml), a measure with no implementers named, an agency
   * the registry does not know, or a non-public body "recommending" a third-party measure.
   */
  private async measuresByNonImplementers(sample: number): Promise<FindingRows> {
    const appliers = await this.work.repos.accountability.measureAppliers();
    const offending = appliers.filter((a: MeasureApplier) => {
      const agency = this.agencies.get(a.agencyCode);
      if (!agency) return true;
      const measure = { code: a.measureCode, category: a.category };
      return !mayImplementMeasure(agency, measure, this.catalog.implementersOf(a.measureCode)).ok;
    });
    return this.work.repos.accountability.measureApplicationsBy(offending, sample);
  }

  /**
   * Agency reads under a purpose no agreement in force on the read's legal date granted the
   * agency (resolveAuthority, as the request path decides it, without a token's narrowing).
   * A subject's or an auditor's row under its own purpose (declaredBy its role: SELF_ACCESS,
   * AUDIT) is not an agency read. Samples: the first row (seq) of each offending group, newest
   * groups first.
   */
  private async readsOutsideAgreements(sample: number): Promise<FindingRows> {
    const groups = await this.work.repos.accountability.readGroups();
    const agreements = this.catalog.agreementsEverInForce();
    const granted = new Map<string, ReadonlySet<string>>();
    const purposesOf = (agencyCode: string, day: string): ReadonlySet<string> => {
      const key = `${agencyCode}\u0000${day}`;
      let purposes = granted.get(key);
      if (!purposes) {
        const agency = this.agencies.get(agencyCode);
        purposes = resolveAuthority({ agency, agreements, jurisdiction: [], today: day }).purposes;
        granted.set(key, purposes);
      }
      return purposes;
    };
    const offending = groups.filter((g: ReadGroup) => {
      const purpose = this.catalog.purpose(g.purpose);
      if (purpose && (purpose.declaredBy as readonly string[]).includes(g.role)) return false;
      return !purposesOf(g.agencyCode, g.day).has(g.purpose);
    });
    const ids = offending.map((g) => BigInt(g.firstSeq)).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, sample).map(String);
    return {
      count: offending.reduce((n, g) => n + g.rows, 0),
      ids,
      samples: await this.work.repos.accountability.readersOf(ids),
    };
  }

  /**
   * Versions in force or retired that the publishing service would refuse to publish today
   * (publicationRefusals): no publisher recorded or one without the power, a basis below the
   * level required, approval or consultation missing or out of order. Shipped versions are
   * legacy (see the file's comment). Samples: version ids, newest publication first.
   */
  private async versionsPublishedWithoutGovernance(sample: number): Promise<FindingRows> {
    const registry = this.agencies.all();
    const offending = (await this.work.repos.accountability.publishedVersions())
      .filter((v) => !isShipped(v.definition))
      .filter((v) => publicationRefusals({
        version: v,
        publisher: v.publishedBy ? this.agencies.get(v.publishedBy) : undefined,
        publisherCode: v.publishedBy,
        document: v.definition,
        records: { approval: v.approval, consultation: v.consultation },
        publishedOn: legalDate(v.publishedAt ?? new Date(0)),
      }, registry).length > 0)
      .sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || b.id.localeCompare(a.id));
    const sampled = offending.slice(0, sample);
    return {
      count: offending.length,
      ids: sampled.map((v) => v.id),
      samples: sampled.map((v) => ({ id: v.id, agency: v.publishedBy, official: v.publishedByOfficial })),
    };
  }

  /** Decided by an agency that is neither the recorder nor above it (isWithin over the registry). */
  private async decidedOutsideJurisdiction(table: DecidedProcedure, sample: number): Promise<FindingRows> {
    const pairs = await this.work.repos.accountability.deciders(table);
    const offending = pairs.filter((p) => p.recordedBy === null || !this.agencies.isWithin(p.decidedBy, p.recordedBy));
    return this.work.repos.accountability.decidedBy(table, offending, sample);
  }
}

function toSample(s: FindingSample): AccountabilitySample {
  return { id: s.id, responsibleAgency: s.agency, actingOfficial: s.official };
}

/** A version synced from a file shipped with the code (catalog.sync.ts stores the file's name with it). */
function isShipped(definition: unknown): boolean {
  return typeof definition === 'object' && definition !== null && 'sourceFile' in definition;
}

/**
 * Powers (职权): what an agency may do because the law gives it that power, whatever role its
 * token carries. Pure decisions over the agency's facts (src/policy/jurisdiction.ts) and the
 * data that grants the power — the measures' implementers (agency-powers.yaml), a catalog
 * version's scope — so that the data, never a code path per measure or per catalog, decides.
 *
 * - Measures (49号 五(九)): a measure is applied only by the department systems agency-powers.yaml
 *   names as its implementers (what the measures list's `implementer` wording means). Joint punishment (联合惩戒) means the implementing bodies act nationwide on
 *   the list the recording department decided, so being an implementer is the whole test: a
 *   court anywhere may restrict a court-list debtor's consumption, a market regulator may not.
 *   A measure organisations outside government decide themselves (THIRD_PARTY_VOLUNTARY) is
 *   never imposed: a public body may only recommend it, and the organisation decides.
 * - Catalog and measures-list versions (49号 二(一), 五(九), 九): the national base catalog and
 *   the national measures list are made by the national lead of the social-credit system (the
 *   部际联席会议牵头单位, a NATIONAL PLATFORM agency); a supplementary catalog by the social-credit
 *   lead (PLATFORM) of a region containing the catalog's region (各地区可依据地方性法规制定补充目录).
 */
import type { CATALOG_KINDS } from '../db/schema/enums';
import { areaPrefix } from '../catalog/agreements.schema';
import { regionCovers, type AgencyFacts } from './jurisdiction';

export type PowerDecision = { readonly ok: true } | { readonly ok: false; readonly code: 'FORBIDDEN'; readonly reason: string };

const ALLOWED: PowerDecision = Object.freeze({ ok: true });
const forbidden = (reason: string): PowerDecision => ({ ok: false, code: 'FORBIDDEN', reason });

/** What the decision reads of a measure of the published list. */
export interface MeasureFacts {
  readonly code: string;
  readonly category: string;
}

/** 49号 五(九): measures organisations outside government decide themselves; a public body only recommends them. */
const RECOMMENDED_ONLY = 'THIRD_PARTY_VOLUNTARY';
/** Agency kinds that are not public bodies: they receive shared information, they do not punish. */
const NOT_PUBLIC_BODIES: ReadonlySet<string> = new Set(['PARTNER']);

/**
 * May `agency` apply `measure`? Yes when its department system is one of `implementers` (the
 * measure's entry in agency-powers.yaml, CatalogIndex.implementersOf); for a measure outside
 * government's own powers, also any public body, because what it records is a recommendation
 * the implementing organisation is free to ignore. No entry (undefined) fails closed: nobody
 * implements a measure whose implementers are not named, whatever its category.
 */
export function mayImplementMeasure(agency: AgencyFacts, measure: MeasureFacts, implementers: readonly string[] | undefined): PowerDecision {
  if (implementers === undefined || implementers.length === 0) {
    return forbidden(`${measure.code} has no implementers in the agencies' powers (agency-powers.yaml): nobody may apply it until they are named (49号 五(九))`);
  }
  if (implementers.includes(agency.system)) return ALLOWED;
  if (measure.category === RECOMMENDED_ONLY && !NOT_PUBLIC_BODIES.has(agency.kind)) return ALLOWED;
  const by = implementers.join(', ');
  const recommend = measure.category === RECOMMENDED_ONLY ? '; a public body may only recommend it' : '';
  return forbidden(`${measure.code} is implemented by ${by}; ${agency.code} belongs to ${agency.system} (49号 五(九): measures are applied by their implementers only${recommend})`);
}

/** What the decision reads of a catalog or measures-list version. */
export interface VersionFacts {
  readonly id: string;
  readonly kind: (typeof CATALOG_KINDS)[number];
  /** GB/T 2260 code of a supplementary catalog's region; null for the national versions. */
  readonly regionCode: string | null;
}

interface PublisherRule {
  /** Who may publish, for the refusal message. */
  readonly who: string;
  readonly admits: (agency: AgencyFacts) => boolean;
}

const NATIONAL_LEAD: PublisherRule = {
  who: 'the national social-credit lead (a NATIONAL PLATFORM agency, the 部际联席会议牵头单位; 49号 二(一), 五(九))',
  admits: (a) => a.kind === 'PLATFORM' && a.level === 'NATIONAL',
};

function regionalLead(regionCode: string | null): PublisherRule {
  return {
    who: `the social-credit lead (a PLATFORM agency below national level) of a region containing ${regionCode ?? '(no region named)'} (49号 二(一): 各地区依据地方性法规制定补充目录)`,
    admits: (a) => a.kind === 'PLATFORM' && a.level !== 'NATIONAL' && regionCode !== null && regionCovers(a.level, a.regionCode, regionCode),
  };
}

/**
 * A supplementary catalog: its region's lead. An agreements version: the platform of its area —
 * the national one for a national version (region 100000 or none), a regional one otherwise
 * (49号 三(三): each level's credit platform shares within its remit). The rest: the national lead.
 */
function publisherRule(version: VersionFacts): PublisherRule {
  if (version.kind === 'SUPPLEMENTARY_CATALOG') return regionalLead(version.regionCode);
  if (version.kind === 'SHARING_AGREEMENTS' && version.regionCode !== null && version.regionCode !== '100000') return regionalLead(version.regionCode);
  return NATIONAL_LEAD;
}

/**
 * Grantees an agreements version names that lie outside its area: named agencies registered
 * elsewhere (or unknown), and clauses by system or kind with no region inside the area.
 * A platform grants only within its remit; a national version may grant anyone.
 */
export function granteesOutsideArea(
  set: { readonly region: string; readonly agreements: readonly { readonly code: string; readonly grantee: { readonly agencies?: readonly string[]; readonly region?: string } }[] },
  registry: ReadonlyMap<string, AgencyFacts> | { get(code: string): AgencyFacts | undefined },
): string[] {
  const prefix = areaPrefix(set.region);
  if (prefix === '') return [];
  const out: string[] = [];
  for (const a of set.agreements) {
    const { agencies, region } = a.grantee;
    if (agencies) {
      for (const code of agencies) {
        const agency = registry.get(code);
        if (!agency) out.push(`${a.code}: grantee ${code} is not an agency of the registry`);
        else if (!agency.regionCode.startsWith(prefix)) out.push(`${a.code}: grantee ${code} (region ${agency.regionCode}) is outside area ${set.region}`);
      }
    } else if (region === undefined || !region.startsWith(prefix)) {
      out.push(`${a.code}: a grantee by system or kind needs a region inside area ${set.region} (grantee.region: ${prefix}…), got ${region ?? 'none'}`);
    }
  }
  return out;
}

/** At most this many eligible agencies are named in a refusal. */
const NAMED = 5;

/**
 * May `agency` draft, publish or retire `version`? `registry` (the agency directory) only
 * serves to name, in a refusal, the agencies that may.
 */
export function mayPublishVersion(agency: AgencyFacts, version: VersionFacts, registry: readonly AgencyFacts[] = []): PowerDecision {
  const rule = publisherRule(version);
  if (rule.admits(agency)) return ALLOWED;
  const eligible = registry.filter(rule.admits).map((a) => a.code).sort();
  const named = eligible.length ? `: ${eligible.slice(0, NAMED).join(', ')}${eligible.length > NAMED ? ', …' : ''}` : '';
  return forbidden(
    `${version.kind} ${version.id} is published only by ${rule.who}${named}; ${agency.code} is a ${agency.level} ${agency.kind} agency of region ${agency.regionCode}`,
  );
}

/**
 * Registers (登记注册基本信息, the catalog's REGISTRATION items): a subject is registered by the
 * system that provides its kind's registration item (一口采集, 49号 三(三): market regulation for
 * organisations and individual businesses, public security for natural persons), through an agency
 * whose area contains the subject's region (the USCC's or ID number's GB/T 2260 division).
 * `registrar` is that provider; undefined when the catalog in force names none (fails closed).
 */
export function mayRegisterSubject(agency: AgencyFacts, subject: { readonly kind: string; readonly regionCode: string }, registrar: string | undefined): PowerDecision {
  if (registrar === undefined) return forbidden(`no registration item of the catalog in force covers ${subject.kind} subjects, so nobody registers them`);
  if (agency.system !== registrar) {
    return forbidden(`${subject.kind} subjects are registered by the ${registrar} system (its registration item, 一口采集); ${agency.code} belongs to ${agency.system}`);
  }
  if (!regionCovers(agency.level, agency.regionCode, subject.regionCode)) {
    return forbidden(`the subject is registered in region ${subject.regionCode}, outside the area of ${agency.code} (${agency.level} ${agency.regionCode})`);
  }
  return ALLOWED;
}

/**
 * The agency registry: an agency is entered by the social-credit platform (a PLATFORM agency) of
 * an area containing its region — the national lead for national bodies and everywhere (49号 三(三):
 * each level's credit platform collects within its remit).
 */
export function mayRegisterAgency(actor: AgencyFacts, agency: Pick<AgencyFacts, 'code' | 'regionCode'>): PowerDecision {
  if (actor.kind !== 'PLATFORM') return forbidden(`agencies are registered by the social-credit platform of their area; ${actor.code} is a ${actor.kind}`);
  if (actor.level !== 'NATIONAL' && (agency.regionCode === '100000' || !regionCovers(actor.level, actor.regionCode, agency.regionCode))) {
    return forbidden(`${agency.code} (region ${agency.regionCode}) is outside the area of ${actor.code} (${actor.level} ${actor.regionCode})`);
  }
  return ALLOWED;
}

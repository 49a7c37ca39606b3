/** Rules the non-catalog files must satisfy on their own. */
import { type ParsedDocument, type Report, reporterFor, shapeOf } from './catalog.documents';
import type { ProblemSink } from './catalog.problems';
import type { PathKey } from './catalog.source';
import { maskValue } from './disclosure-format';
import { LENIENCY_GROUNDS } from './catalog.schema';
import type { ListType } from './measures.schema';

/** 49号 四(七): 公开征求意见期限不少于30日. */
export const MIN_COMMENT_DAYS = 30;

/** Entry codes are the keys other files and the database refer to: unique within a file. */
export function checkUniqueCodes(p: ParsedDocument, sink: ProblemSink): void {
  if (p.kind === 'DISCLOSURE_FORMATS') return;
  const entries: readonly { code: string }[] = entriesOf(p);
  const list = shapeOf(p.kind).list ?? '';
  const first = new Map<string, number>();
  entries.forEach((e, k) => {
    const index = p.origin[k];
    const earlier = first.get(e.code);
    if (earlier === undefined) first.set(e.code, index);
    else {
      const line = p.source.lineOf?.([list, earlier]);
      reporterFor(p, sink)([list, index, 'code'], `duplicate code; already used by the entry ${line ? `on line ${line}` : `#${earlier + 1}`}`);
    }
  });
}

export function checkListTypes(p: ParsedDocument & { kind: 'SERIOUS_LIST_TYPES' }, sink: ProblemSink): void {
  const report = reporterFor(p, sink);
  p.doc.listTypes.forEach((t, k) => {
    checkListingPeriod(t, ['listTypes', p.origin[k]], report);
    const at = ['listTypes', p.origin[k], 'standard'];
    const period = t.standard.commentPeriod;
    if (period === null) {
      if (t.standard.level !== 'LAW' && t.standard.level !== 'JUDICIAL_INTERPRETATION') {
        report([...at, 'commentPeriod'], `a ${t.standard.level} standard needs its public comment period (≥ ${MIN_COMMENT_DAYS} days, 49号 四(七)); give { from, to }`);
      }
      return;
    }
    const days = daysBetween(period.from, period.to) + 1;
    if (days < MIN_COMMENT_DAYS) {
      report([...at, 'commentPeriod'], `comment period ${period.from}..${period.to} is ${days} days; 49号 四(七) requires at least ${MIN_COMMENT_DAYS}`);
    }
    if (period.to > t.standard.publishedOn) {
      report([...at, 'publishedOn'], `standard published on ${t.standard.publishedOn}, before its comment period ended (${period.to})`);
    }
  });
}

/** Regimes are looked up by decision date: no date may fall in two of them, nor between them. */
export function checkRegimes(p: ParsedDocument & { kind: 'PUBLICATION_REGIMES' }, sink: ProblemSink): void {
  const report = reporterFor(p, sink);
  const ordered = p.doc.regimes.map((r, k) => ({ r, index: p.origin[k] })).sort((a, b) => a.r.validFrom.localeCompare(b.r.validFrom));
  ordered.forEach(({ r, index }, i) => {
    if (i > 0 && !r.earlierRecords) {
      report(['regimes', index, 'earlierRecords'], `regime ${r.code} must say whether records decided before ${r.validFrom} and still published then take its periods (earlierRecords: treatment and basis)`);
    }
    const special = r.specificSerious;
    for (const [sector, field] of Object.entries(special?.sectors ?? {})) {
      if (!special!.fields.includes(field)) report(['regimes', index, 'specificSerious', 'sectors', sector], `${field} is not one of the fields ${special!.fields.join('、')}`);
    }
    if (r.validTo !== null && r.validTo < r.validFrom) {
      report(['regimes', index, 'validTo'], `validTo ${r.validTo} is before validFrom ${r.validFrom}`);
    }
    const next = ordered[i + 1];
    if (!next) return;
    if (r.validTo === null || next.r.validFrom <= r.validTo) {
      report(['regimes', next.index, 'validFrom'], `overlaps regime ${r.code} (${r.validFrom}..${r.validTo ?? 'open'}); a decision date must select one regime`);
    } else if (daysBetween(r.validTo, next.r.validFrom) > 1) {
      report(['regimes', next.index, 'validFrom'], `leaves a gap after regime ${r.code} ends on ${r.validTo}; start the day after`);
    }
  });
}

/** The examples document the format and are run through the code that applies it. */
export function checkDisclosureFormats(p: ParsedDocument & { kind: 'DISCLOSURE_FORMATS' }, sink: ProblemSink): void {
  const report = reporterFor(p, sink);
  for (const [kind, format] of Object.entries(p.doc.formats)) {
    if (format.method === 'NEVER_PUBLISHED') continue;
    format.examples.forEach((ex, i) => {
      const actual = maskValue(format, p.doc.maskChar, ex.input);
      if (actual !== ex.output) {
        report(['formats', kind, 'examples', i, 'output'], `the format turns "${ex.input}" into "${actual}", not "${ex.output}"`);
      }
    });
  }
}

export function checkMeasureList(p: ParsedDocument & { kind: 'MEASURE_LIST' }, sink: ProblemSink): void {
  const report = reporterFor(p, sink);
  const declared = new Set(p.doc.categories.map((c) => c.code));
  p.doc.measures.forEach((m, k) => {
    if (!declared.has(m.category)) {
      report(['measures', p.origin[k], 'category'], `category ${m.category} is not among this list's categories (${[...declared].join(', ')})`);
    }
  });
}

/** The powers must name who acts: department systems, not single agencies or placeholders. */
export function checkAgencyPowers(p: ParsedDocument & { kind: 'AGENCY_POWERS' }, sink: ProblemSink): void {
  const report = reporterFor(p, sink);
  p.doc.measureImplementers.forEach((m, k) => checkImplementers(m.systems, m.code, ['measureImplementers', p.origin[k], 'systems'], report));
}

/** A code shaped like an agency code: a system followed by its GB/T 2260 region (SAMR_320106). */
const AGENCY_CODE = /^([A-Z][A-Z0-9_]*)_\d{6}$/;
/** Words that would let anyone implement a measure: the list must name who does (49号 五(九)). */
const PLACEHOLDERS = new Set(['ALL', 'ANY', 'ANYONE', 'EVERYONE', 'NONE', 'OTHER', 'OTHERS', 'TBD', 'TODO', 'UNKNOWN']);

/**
 * Only an implementer may apply a measure (src/policy/powers.ts): name department systems
 * rather than single agencies or placeholders (an empty or repeating list fails its shape).
 */
function checkImplementers(codes: readonly string[], measure: string, at: readonly PathKey[], report: Report): void {
  codes.forEach((code, i) => {
    const agency = AGENCY_CODE.exec(code);
    if (agency) report([...at, i], `${code} is an agency, not a department system; write its system (${agency[1]}): a power is held by every agency of the system`);
    else if (PLACEHOLDERS.has(code)) report([...at, i], `${code} is a placeholder, not a department system; name the systems that implement ${measure} (49号 五(九))`);
  });
}

function entriesOf(p: Exclude<ParsedDocument, { kind: 'DISCLOSURE_FORMATS' }>): readonly { code: string }[] {
  switch (p.kind) {
    case 'BASE_CATALOG':
    case 'SUPPLEMENTARY_CATALOG':
      return p.doc.items;
    case 'MEASURE_LIST':
      return p.doc.measures;
    case 'SERIOUS_LIST_TYPES':
      return p.doc.listTypes;
    case 'PURPOSES':
      return p.doc.purposes;
    case 'PUBLICATION_REGIMES':
      return p.doc.regimes;
    case 'SHARING_AGREEMENTS':
      return p.doc.agreements;
    case 'AGENCY_POWERS':
      return p.doc.measureImplementers;
    case 'LENIENCY_GROUNDS':
      return p.doc.grounds;
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every 49号 八(十六) ground has exactly one rule: a ground without one could never be accepted. */
export function checkLeniencyGrounds(p: ParsedDocument & { kind: 'LENIENCY_GROUNDS' }, sink: ProblemSink): void {
  const given = new Set(p.doc.grounds.map((g) => g.code));
  const missing = LENIENCY_GROUNDS.filter((g) => !given.has(g));
  if (missing.length) reporterFor(p, sink)(['grounds'], `no rule for ground(s) ${missing.join(', ')}; state what each ground requires and which measures it allows`);
}

/** The stated period's bounds hold the longest listing, and early removal comes before its end. */
function checkListingPeriod(t: ListType, at: PathKey[], report: Report): void {
  const longest = Math.round(t.listingPeriodYears * 12);
  if (t.listingPeriod && (t.listingPeriod.minMonths > t.listingPeriod.maxMonths || t.listingPeriod.maxMonths !== longest)) {
    report([...at, 'listingPeriod'], `listingPeriod ${t.listingPeriod.minMonths}..${t.listingPeriod.maxMonths} months must be ordered and end at listingPeriodYears (${longest} months)`);
  }
  if (t.earlyRemoval && t.earlyRemoval.afterMonths >= (t.listingPeriod?.minMonths ?? longest)) {
    report([...at, 'earlyRemoval'], `earlyRemoval after ${t.earlyRemoval.afterMonths} months is not before the shortest listing (${t.listingPeriod?.minMonths ?? longest} months)`);
  }
}

/**
 * Powers as pure decisions (src/policy/powers.ts), and the measures' implementers they read
 * (agency-powers.yaml), validated with file:line like the rest of the catalog.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../catalog/catalog.errors';
import { DEFAULT_CATALOG_DIR, loadCatalogBundle } from '../catalog/catalog.loader';
import { lineAfter, replaceAfter } from '../../test/support/catalog-fixtures';
import { parseYamlSource } from '../catalog/catalog.source';
import { validateFile } from '../catalog/catalog.validate';
import type { AgencyFacts, Level } from './jurisdiction';
import { mayImplementMeasure, mayPublishVersion, mayRegisterAgency, mayRegisterSubject, type MeasureFacts, type VersionFacts } from './powers';

const agency = (code: string, system: string, level: Level, regionCode: string, kind = 'DEPARTMENT'): AgencyFacts => ({ code, system, level, kind, regionCode });

const SAMR_GULOU = agency('SAMR_320106', 'SAMR', 'COUNTY', '320106');
const COURT_GULOU = agency('SPC_320106', 'SPC', 'COUNTY', '320106', 'COURT');
const COURT_GUANGZHOU = agency('SPC_440100', 'SPC', 'PREFECTURE', '440100', 'COURT');
const STA_NANJING = agency('STA_320100', 'STA', 'PREFECTURE', '320100');
const BANK = agency('JL_BANK', 'BANK', 'PREFECTURE', '320100', 'PARTNER');
const NDRC = agency('NDRC', 'NDRC', 'NATIONAL', '100000', 'PLATFORM');
const NDRC_JIANGSU = agency('NDRC_320000', 'NDRC', 'PROVINCE', '320000', 'PLATFORM');
const NDRC_SHENZHEN = agency('NDRC_440300', 'NDRC', 'PREFECTURE', '440300', 'PLATFORM');
const SAMR_NATIONAL = agency('SAMR', 'SAMR', 'NATIONAL', '100000');
const REGISTRY = [SAMR_GULOU, COURT_GULOU, COURT_GUANGZHOU, STA_NANJING, BANK, NDRC, NDRC_JIANGSU, NDRC_SHENZHEN, SAMR_NATIONAL];

/** The measures as the shipped list defines them, and their shipped implementers: the data, not the test, says who implements. */
const bundle = loadCatalogBundle();
const shipped = new Map(bundle.measureLists[0]!.measures.map((m) => [m.code, m]));
const measure = (code: string): MeasureFacts => {
  const m = shipped.get(code);
  if (!m) throw new Error(`no measure ${code} in the shipped list`);
  return m;
};
const implementers = (code: string) => bundle.measureImplementers.get(code);
const decide = (who: AgencyFacts, code: string) => mayImplementMeasure(who, measure(code), implementers(code));

describe('mayImplementMeasure', () => {
  it.each([
    ['a county market regulator', 'RESTRICT_EXIT', SAMR_GULOU, 'RESTRICT_EXIT is implemented by SPC, STA, MPS; SAMR_320106 belongs to SAMR'],
    ['a county market regulator', 'RESTRICT_HIGH_CONSUMPTION', SAMR_GULOU, 'RESTRICT_HIGH_CONSUMPTION is implemented by SPC; SAMR_320106 belongs to SAMR'],
    ['a court', 'RESTRICT_LEGAL_REPRESENTATIVE', COURT_GULOU, 'RESTRICT_LEGAL_REPRESENTATIVE is implemented by SAMR; SPC_320106 belongs to SPC'],
    ['a tax bureau', 'RESTRICT_GOVERNMENT_PROCUREMENT', STA_NANJING, 'RESTRICT_GOVERNMENT_PROCUREMENT is implemented by MOF, GOV_PROCUREMENT; STA_320100 belongs to STA'],
    ['a bank (a partner, not a regulator)', 'KEY_SUPERVISION', BANK, 'KEY_SUPERVISION is implemented by SAMR, STA, MEE, MOF, CNIPA, PBOC, MPS; JL_BANK belongs to BANK'],
  ])('refuses %s applying %s, which it does not implement, naming the implementers', (_who, code, who, reason) => {
    const decision = decide(who, code);
    expect(decision).toEqual({ ok: false, code: 'FORBIDDEN', reason: expect.stringContaining(reason) });
  });

  it.each([
    ['a county court', 'RESTRICT_HIGH_CONSUMPTION', COURT_GULOU],
    ['a court of another province (joint punishment is nationwide)', 'RESTRICT_HIGH_CONSUMPTION', COURT_GUANGZHOU],
    ['a court', 'RESTRICT_EXIT', COURT_GULOU],
    ['a tax bureau', 'RESTRICT_EXIT', STA_NANJING],
    ['a county market regulator', 'RESTRICT_LEGAL_REPRESENTATIVE', SAMR_GULOU],
    ['a county market regulator', 'KEY_SUPERVISION', SAMR_GULOU],
    ['a bank, for the measure banks decide themselves', 'RISK_BASED_PRICING', BANK],
  ])('allows %s to apply %s, which it implements', (_who, code, who) => {
    expect(decide(who, code)).toEqual({ ok: true });
  });

  it('lets any public body recommend a measure organisations decide themselves, never a partner that is not its implementer', () => {
    expect(decide(SAMR_GULOU, 'ASSOCIATION_DISCIPLINE')).toEqual({ ok: true });
    expect(decide(COURT_GULOU, 'RISK_BASED_PRICING')).toEqual({ ok: true });
    const partner = decide(BANK, 'ASSOCIATION_DISCIPLINE');
    expect(partner).toMatchObject({ ok: false, reason: expect.stringContaining('a public body may only recommend it') });
  });

  it('fails closed on a measure without implementers, whatever its category', () => {
    for (const code of ['KEY_SUPERVISION', 'ASSOCIATION_DISCIPLINE']) {
      for (const none of [undefined, []]) {
        expect(mayImplementMeasure(SAMR_GULOU, measure(code), none)).toEqual({
          ok: false, code: 'FORBIDDEN', reason: `${code} has no implementers in the agencies' powers (agency-powers.yaml): nobody may apply it until they are named (49号 五(九))`,
        });
      }
    }
  });
});

describe('mayPublishVersion', () => {
  const national = (id: string, kind: VersionFacts['kind']): VersionFacts => ({ id, kind, regionCode: null });
  const local = (id: string, regionCode: string): VersionFacts => ({ id, kind: 'SUPPLEMENTARY_CATALOG', regionCode });

  it.each([
    ['the national base catalog', national('national-2026', 'BASE_CATALOG')],
    ['the national measures list', national('measures-2026', 'MEASURE_LIST')],
  ])('gives %s to the national social-credit lead only', (_what, version) => {
    expect(mayPublishVersion(NDRC, version)).toEqual({ ok: true });
    for (const other of [SAMR_GULOU, NDRC_JIANGSU, NDRC_SHENZHEN, SAMR_NATIONAL]) {
      const decision = mayPublishVersion(other, version, REGISTRY);
      expect(decision).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(!decision.ok && decision.reason).toContain(`${version.kind} ${version.id} is published only by the national social-credit lead`);
      expect(!decision.ok && decision.reason).toMatch(/: NDRC; /);
      expect(!decision.ok && decision.reason).toContain(`${other.code} is a ${other.level} ${other.kind} agency`);
    }
  });

  it('gives a supplementary catalog to the lead of a region containing it', () => {
    expect(mayPublishVersion(NDRC_SHENZHEN, local('shenzhen-2026', '440300'))).toEqual({ ok: true });
    expect(mayPublishVersion(NDRC_JIANGSU, local('nanjing-2026', '320100'))).toEqual({ ok: true });
    expect(mayPublishVersion(NDRC_JIANGSU, local('gulou-2026', '320106'))).toEqual({ ok: true });
  });

  it.each([
    ['another region\'s lead', NDRC_JIANGSU],
    ['a lead below the catalog\'s region', agency('NDRC_320106', 'NDRC', 'COUNTY', '320106', 'PLATFORM')],
    ['the national lead, which makes the base catalog, not a region\'s', NDRC],
    ['a department of the region', agency('MEE_440300', 'MEE', 'PREFECTURE', '440300')],
  ])('refuses a supplementary catalog to %s, naming who may', (_who, who) => {
    const decision = mayPublishVersion(who, local('shenzhen-2026', '440300'), REGISTRY);
    expect(decision).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!decision.ok && decision.reason).toMatch(/SUPPLEMENTARY_CATALOG shenzhen-2026 is published only by the social-credit lead .* of a region containing 440300 .*: NDRC_440300; /);
  });

  it('refuses a supplementary catalog that names no region to everyone', () => {
    expect(mayPublishVersion(NDRC_SHENZHEN, { id: 'x-2026', kind: 'SUPPLEMENTARY_CATALOG', regionCode: null })).toMatchObject({ ok: false });
  });
});

describe('agency-powers.yaml names the implementers of every measure', () => {
  const FILE = 'agency-powers.yaml';
  const text = readFileSync(join(DEFAULT_CATALOG_DIR, FILE), 'utf8');
  const problems = (edited: string) => {
    const parsed = parseYamlSource(FILE, edited);
    if (!parsed.ok) throw new Error('the edit broke the YAML');
    const result = validateFile(parsed.source);
    return result.ok ? [] : result.problems.map(formatProblem);
  };
  const edit = (from: string, to: string) => replaceAfter(text, 'code: RESTRICT_EXIT', from, to);

  it('as shipped, for every measure of the shipped list, and only those', () => {
    expect(problems(text)).toEqual([]);
    expect([...bundle.measureImplementers.keys()].sort()).toEqual([...shipped.keys()].sort());
    for (const systems of bundle.measureImplementers.values()) expect(systems.length).toBeGreaterThan(0);
    expect(implementers('RESTRICT_EXIT')).toEqual(['SPC', 'STA', 'MPS']);
  });

  it('reports an entry without implementers at its line', () => {
    const edited = edit('systems: [SPC, STA, MPS]', 'systems: []');
    const line = lineAfter(edited, 'code: RESTRICT_EXIT', 'systems: []');
    expect(problems(edited)).toEqual([expect.stringMatching(new RegExp(`^${FILE}:${line} measure RESTRICT_EXIT at systems: expected at least 1 value`))]);
  });

  it('reports an agency code and a placeholder at their line, and a repeated system', () => {
    const edited = edit('systems: [SPC, STA, MPS]', 'systems: [SPC_320106, ANY, STA]');
    const line = lineAfter(edited, 'code: RESTRICT_EXIT', 'systems: [');
    expect(problems(edited)).toEqual([
      `${FILE}:${line} measure RESTRICT_EXIT at systems[0]: SPC_320106 is an agency, not a department system; write its system (SPC): a power is held by every agency of the system`,
      `${FILE}:${line} measure RESTRICT_EXIT at systems[1]: ANY is a placeholder, not a department system; name the systems that implement RESTRICT_EXIT (49号 五(九))`,
    ]);
    const twice = edit('systems: [SPC, STA, MPS]', 'systems: [SPC, STA, STA]');
    expect(problems(twice)).toEqual([expect.stringMatching(new RegExp(`^${FILE}:${line} measure RESTRICT_EXIT at systems: expected each value once`))]);
  });

  it('reports an entry that lacks the systems entirely, and a measure given twice', () => {
    const edited = edit('    systems: [SPC, STA, MPS]\n', '');
    expect(problems(edited)).toEqual([expect.stringMatching(new RegExp(`^${FILE}:\\d+ measure RESTRICT_EXIT at systems: missing "systems"`))]);
    const twice = edit('  - code: KEY_SUPERVISION', '  - code: RESTRICT_EXIT');
    expect(problems(twice)).toEqual([expect.stringMatching(new RegExp(`^${FILE}:\\d+ measure RESTRICT_EXIT at code: duplicate code; already used by the entry on line \\d+`))]);
  });
});

describe('registers', () => {
  it('a subject is registered by its kind\'s registration provider, within the agency\'s area', () => {
    const company = { kind: 'LEGAL_PERSON', regionCode: '320106' };
    expect(mayRegisterSubject(SAMR_GULOU, company, 'SAMR')).toEqual({ ok: true });
    expect(mayRegisterSubject(SAMR_NATIONAL, { ...company, regionCode: '440305' }, 'SAMR')).toEqual({ ok: true });
    expect(mayRegisterSubject(SAMR_GULOU, { ...company, regionCode: '320105' }, 'SAMR')).toMatchObject({ ok: false, reason: expect.stringMatching(/outside the area/) });
    expect(mayRegisterSubject(STA_NANJING, company, 'SAMR')).toMatchObject({ ok: false, reason: expect.stringMatching(/registered by the SAMR system/) });
    expect(mayRegisterSubject(SAMR_GULOU, company, undefined)).toMatchObject({ ok: false });
  });

  it('an agency is registered by the platform of its area', () => {
    const bureau = { code: 'SAMR_320116', regionCode: '320116' };
    expect(mayRegisterAgency(NDRC, bureau)).toEqual({ ok: true });
    expect(mayRegisterAgency(NDRC, { code: 'MEE', regionCode: '100000' })).toEqual({ ok: true });
    expect(mayRegisterAgency(NDRC_JIANGSU, bureau)).toEqual({ ok: true });
    expect(mayRegisterAgency(NDRC_JIANGSU, { code: 'MEE', regionCode: '100000' })).toMatchObject({ ok: false });
    expect(mayRegisterAgency(NDRC_SHENZHEN, bureau)).toMatchObject({ ok: false, reason: expect.stringMatching(/outside the area/) });
    expect(mayRegisterAgency(SAMR_NATIONAL, bureau)).toMatchObject({ ok: false, reason: expect.stringMatching(/platform/) });
  });
});

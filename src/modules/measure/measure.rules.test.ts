/**
 * The law of applying a punishment measure (measure.rules.ts): 过惩相当 (a measure answers
 * only the severities and lists it is provided for, 49号 五(十)), the cited basis must be the
 * measure's own (五(九)), and organisations outside government are never forced (五(九)).
 */
import { loadCatalogBundle } from '../../catalog/catalog.loader';
import { citedBasis, leniencyLimitProblem, modeFor, modeNote, proportionalityProblem, type Applicability } from './measure.rules';

/** A rights-reduction measure for serious dishonesty, tied to two lists. */
const PROCUREMENT_BAN: Applicability = {
  code: 'M_PROCUREMENT_BAN',
  appliesTo: { severities: ['SERIOUS'], listTypes: ['GOVERNMENT_PROCUREMENT_SERIOUS', 'MAJOR_TAX_VIOLATION'] },
  legalBasis: [
    { level: 'LAW', title: '《中华人民共和国政府采购法》', article: '第二十二条' },
    '《重大税收违法失信主体信息公布管理办法》',
  ],
};
/** A management measure for general or serious dishonesty, tied to no list. */
const CLOSER_SUPERVISION: Applicability = {
  code: 'M_SUPERVISION',
  appliesTo: { severities: ['GENERAL', 'SERIOUS'], listTypes: [] },
  legalBasis: ['《优化营商环境条例》第五十三条'],
};

describe('proportionalityProblem: a measure answers only what it is provided for (过惩相当)', () => {
  it('lets a list measure follow an entry of one of its lists', () => {
    expect(proportionalityProblem(PROCUREMENT_BAN, { kind: 'ENTRY', listType: 'MAJOR_TAX_VIOLATION' })).toBeUndefined();
  });

  it('lets a list measure follow the credit record of a listing on one of its lists', () => {
    expect(proportionalityProblem(PROCUREMENT_BAN, { kind: 'RECORD', severity: 'SERIOUS', listType: 'GOVERNMENT_PROCUREMENT_SERIOUS' })).toBeUndefined();
  });

  it('lets a measure tied to no list answer records of each severity it names', () => {
    for (const severity of ['GENERAL', 'SERIOUS']) {
      expect(proportionalityProblem(CLOSER_SUPERVISION, { kind: 'RECORD', severity, listType: undefined })).toBeUndefined();
    }
  });

  it('refuses a record that is no dishonesty finding (no severity), citing 五(九)', () => {
    expect(proportionalityProblem(CLOSER_SUPERVISION, { kind: 'RECORD', severity: null, listType: undefined })).toBe(
      'the record is not a dishonesty finding (no severity); measure M_SUPERVISION answers dishonesty only (49号 五(九): based on specific dishonest conduct)',
    );
  });

  it('refuses a heavier measure for a lesser fault, naming both severities', () => {
    expect(proportionalityProblem(CLOSER_SUPERVISION, { kind: 'RECORD', severity: 'MINOR', listType: undefined })).toBe(
      'measure M_SUPERVISION answers GENERAL/SERIOUS dishonesty; the target is MINOR (过惩相当, 49号 五(十): no heavy punishment for a lesser fault)',
    );
    expect(proportionalityProblem(PROCUREMENT_BAN, { kind: 'RECORD', severity: 'GENERAL', listType: 'MAJOR_TAX_VIOLATION' })).toContain('the target is GENERAL');
  });

  it('treats a list entry as a finding of serious dishonesty', () => {
    const generalOnly: Applicability = { ...CLOSER_SUPERVISION, appliesTo: { severities: ['GENERAL'], listTypes: ['MAJOR_TAX_VIOLATION'] } };
    expect(proportionalityProblem(generalOnly, { kind: 'ENTRY', listType: 'MAJOR_TAX_VIOLATION' })).toContain('the target is SERIOUS');
  });

  it('refuses an entry of a list the measure is not provided for, naming its lists', () => {
    expect(proportionalityProblem(PROCUREMENT_BAN, { kind: 'ENTRY', listType: 'COURT_DEFAULTER' })).toBe(
      'measure M_PROCUREMENT_BAN is provided for only entries of GOVERNMENT_PROCUREMENT_SERIOUS, MAJOR_TAX_VIOLATION, not for an entry of COURT_DEFAULTER (过惩相当, 49号 五(十))',
    );
  });

  it('refuses any entry for a measure tied to no list: it answers records', () => {
    expect(proportionalityProblem(CLOSER_SUPERVISION, { kind: 'ENTRY', listType: 'COURT_DEFAULTER' })).toContain(
      'is provided for no list entry (it answers records), not for an entry of COURT_DEFAULTER',
    );
  });

  it('refuses a list measure on a serious record that is not a listing', () => {
    expect(proportionalityProblem(PROCUREMENT_BAN, { kind: 'RECORD', severity: 'SERIOUS', listType: undefined })).toBe(
      'measure M_PROCUREMENT_BAN follows only a listing on GOVERNMENT_PROCUREMENT_SERIOUS, MAJOR_TAX_VIOLATION; a record that is not a serious-list listing cannot carry it (过惩相当, 49号 五(十))',
    );
  });

  it('refuses a list measure on the record of a listing on another list', () => {
    expect(proportionalityProblem(PROCUREMENT_BAN, { kind: 'RECORD', severity: 'SERIOUS', listType: 'COURT_DEFAULTER' })).toContain(
      'a record of list COURT_DEFAULTER cannot carry it',
    );
  });
});

describe('citedBasis: the basis a measure cites must be its own (49号 五(九))', () => {
  it('cites the measure\'s first basis, as text, when none is given or only blanks', () => {
    for (const given of [undefined, null, '', '   ']) {
      expect(citedBasis(PROCUREMENT_BAN, given)).toEqual({ basis: '《中华人民共和国政府采购法》第二十二条' });
    }
  });

  it('accepts any of the measure\'s bases, structured or text, trimmed', () => {
    expect(citedBasis(PROCUREMENT_BAN, ' 《重大税收违法失信主体信息公布管理办法》 ')).toEqual({ basis: '《重大税收违法失信主体信息公布管理办法》' });
    expect(citedBasis(PROCUREMENT_BAN, '《中华人民共和国政府采购法》第二十二条')).toEqual({ basis: '《中华人民共和国政府采购法》第二十二条' });
  });

  it('refuses a basis the measures list does not give for the measure, listing those it does', () => {
    expect(citedBasis(PROCUREMENT_BAN, '《中华人民共和国政府采购法》')).toEqual({
      problem: 'citedBasis must directly cite one of the legal bases the measures list gives for M_PROCUREMENT_BAN (49号 五(九)): 《中华人民共和国政府采购法》第二十二条; 《重大税收违法失信主体信息公布管理办法》',
    });
  });
});

describe('modeFor: a department imposes public measures and only recommends the others (49号 五(九))', () => {
  it.each([
    ['RIGHTS_REDUCTION', 'IMPOSED'],
    ['MANAGEMENT', 'IMPOSED'],
    ['THIRD_PARTY_VOLUNTARY', 'RECOMMENDED'],
  ] as const)('%s → %s', (category, mode) => {
    expect(modeFor(category)).toBe(mode);
  });

  it('explains each mode, a recommendation as never imposed', () => {
    expect(modeNote('RECOMMENDED')).toContain('a department may only recommend it, never impose it');
    expect(modeNote('IMPOSED')).toBe('IMPOSED: implemented by a public body under the cited legal basis.');
  });
});

describe('leniencyLimitProblem: leniency limits punishment as well as recording (49号 八(十六))', () => {
  const rules = loadCatalogBundle().leniencyGrounds;
  const record = (leniency: 'FORCE_MAJEURE' | 'NOT_INTENTIONAL' | null) => ({ kind: 'RECORD' as const, severity: 'GENERAL', listType: undefined, leniency });

  it('refuses every measure on a record found on force majeure, citing the rule', () => {
    expect(leniencyLimitProblem({ code: 'KEY_SUPERVISION', category: 'MANAGEMENT' }, record('FORCE_MAJEURE'), rules))
      .toMatch(/may carry no punishment measure at all, not KEY_SUPERVISION.*民法典/);
  });

  it('allows management measures but not rights reduction after a finding of no intent', () => {
    expect(leniencyLimitProblem({ code: 'KEY_SUPERVISION', category: 'MANAGEMENT' }, record('NOT_INTENTIONAL'), rules)).toBeUndefined();
    expect(leniencyLimitProblem({ code: 'RESTRICT_EXIT', category: 'RIGHTS_REDUCTION' }, record('NOT_INTENTIONAL'), rules)).toMatch(/only MANAGEMENT measures/);
  });

  it('leaves records without a ground and list entries alone', () => {
    expect(leniencyLimitProblem({ code: 'RESTRICT_EXIT', category: 'RIGHTS_REDUCTION' }, record(null), rules)).toBeUndefined();
    expect(leniencyLimitProblem({ code: 'RESTRICT_EXIT', category: 'RIGHTS_REDUCTION' }, { kind: 'ENTRY', listType: 'COURT_DEFAULTER' }, rules)).toBeUndefined();
  });
});

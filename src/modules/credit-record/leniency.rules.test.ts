import { loadCatalogBundle } from '../../catalog/catalog.loader';
import { ageOn, leniencyGroundProblem, type LeniencyFacts } from './leniency.rules';

const grounds = loadCatalogBundle().leniencyGrounds;
const rule = (code: string) => grounds.find((g) => g.code === code)!;
const person = (f: Partial<LeniencyFacts> = {}): LeniencyFacts => ({
  subjectKind: 'NATURAL_PERSON', birthDate: '2010-05-20', actDate: '2026-05-19', citedDocument: false, ...f,
});

describe('leniency grounds on facts', () => {
  it('count age in whole years, a birthday completing the year', () => {
    expect(ageOn('2010-05-20', '2028-05-19')).toBe(17);
    expect(ageOn('2010-05-20', '2028-05-20')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  it('accept MINOR_SUBJECT for a person under 18 on the date of the act', () => {
    expect(leniencyGroundProblem(rule('MINOR_SUBJECT'), person())).toBeUndefined();
  });

  it('refuse MINOR_SUBJECT for a person born in 1978, naming the age and date', () => {
    expect(leniencyGroundProblem(rule('MINOR_SUBJECT'), person({ birthDate: '1978-06-15' }))).toMatch(/was 47 on 2026-05-19/);
  });

  it('refuse MINOR_SUBJECT for the day of the 18th birthday and for organisations', () => {
    expect(leniencyGroundProblem(rule('MINOR_SUBJECT'), person({ actDate: '2028-05-20' }))).toMatch(/under 18/);
    expect(leniencyGroundProblem(rule('MINOR_SUBJECT'), person({ subjectKind: 'LEGAL_PERSON', birthDate: null }))).toMatch(/NATURAL_PERSON only/);
  });

  it('ask for a cited document for force majeure and the other grounds', () => {
    for (const code of ['FORCE_MAJEURE', 'NOT_INTENTIONAL', 'MINOR_BREACH']) {
      expect(leniencyGroundProblem(rule(code), person({ subjectKind: 'LEGAL_PERSON' }))).toMatch(/leniencyDocument/);
      expect(leniencyGroundProblem(rule(code), person({ subjectKind: 'LEGAL_PERSON', citedDocument: true }))).toBeUndefined();
    }
  });
});

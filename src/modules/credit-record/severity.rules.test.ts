import { loadCatalogBundle } from '../../catalog/catalog.loader';
import { severityProblem, type PenaltyFacts } from './severity.rules';

const criteria = loadCatalogBundle().regimes.find((r) => r.code === 'NDRC_ORDER_36')!.severityCriteria;
const check = (f: Partial<PenaltyFacts>) =>
  severityProblem(criteria, 'NDRC_ORDER_36', { severity: 'GENERAL', subjectKind: 'LEGAL_PERSON', penaltyCategory: '罚款', fineAmount: '1.0000', ...f });

describe('severity labels under Order 36', () => {
  it('refuse a licence revocation with a 200万 fine labelled MINOR, naming the floor', () => {
    expect(check({ severity: 'MINOR', penaltyCategory: '吊销许可证件', fineAmount: '200' })).toMatch(/吊销许可证件 is at least SERIOUS/);
  });

  it('refuse GENERAL for a revocation but accept SERIOUS', () => {
    expect(check({ penaltyCategory: '吊销许可证件' })).toMatch(/at least SERIOUS/);
    expect(check({ severity: 'SERIOUS', penaltyCategory: '吊销许可证件' })).toBeUndefined();
  });

  it('refuse MINOR for a suspension and for a fine above the simple-procedure ceiling', () => {
    expect(check({ severity: 'MINOR', penaltyCategory: '暂扣许可证件' })).toMatch(/at least GENERAL/);
    expect(check({ severity: 'MINOR', fineAmount: '0.5' })).toMatch(/exceeds the 0.3 万元/);
    expect(check({ severity: 'MINOR', subjectKind: 'NATURAL_PERSON', fineAmount: '0.05' })).toMatch(/exceeds the 0.02 万元/);
  });

  it('accept MINOR for a warning and for a small fine, and heavier labels than the floor', () => {
    expect(check({ severity: 'MINOR', penaltyCategory: '警告', fineAmount: null })).toBeUndefined();
    expect(check({ severity: 'MINOR', fineAmount: '0.2' })).toBeUndefined();
    expect(check({ severity: 'SERIOUS', penaltyCategory: '警告', fineAmount: null })).toBeUndefined();
  });

  it('ask for the fine amount before calling a fine minor', () => {
    expect(check({ severity: 'MINOR', fineAmount: null })).toMatch(/needs the fine amount/);
  });

  it('leave the label alone under a regime without criteria', () => {
    expect(severityProblem(undefined, 'NDRC_2019_527', { severity: 'MINOR', subjectKind: 'LEGAL_PERSON', penaltyCategory: '吊销许可证件', fineAmount: '200' })).toBeUndefined();
  });
});

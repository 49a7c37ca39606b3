import { loadCatalogBundle } from '../../catalog/catalog.loader';
import { deriveSeverity, severityProblem, type PenaltyFacts } from './severity.rules';

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

describe('several categories in one decision (警告、罚款)', () => {
  it('take the heaviest floor among them, and are minor only when every one may be', () => {
    expect(check({ severity: 'GENERAL', penaltyCategory: '罚款、吊销许可证件' })).toMatch(/罚款、吊销许可证件 is at least SERIOUS/);
    expect(check({ severity: 'MINOR', penaltyCategory: '警告、罚款', fineAmount: '0.1' })).toBeUndefined();
    expect(check({ severity: 'MINOR', penaltyCategory: '警告、没收违法所得', fineAmount: null })).toMatch(/at least GENERAL/);
  });
});

describe('severity derived for a penalty that states none', () => {
  const derive = (f: Partial<Omit<PenaltyFacts, 'severity'>>, serious?: string) =>
    deriveSeverity(criteria, 'NDRC_ORDER_36', { subjectKind: 'LEGAL_PERSON', penaltyCategory: '罚款', fineAmount: '1', ...f }, serious)?.severity;

  it('is the lightest label the criteria admit', () => {
    expect(derive({ penaltyCategory: '警告;罚款', fineAmount: '0.1' })).toBe('MINOR');
    expect(derive({ fineAmount: '0.5' })).toBe('GENERAL');
    expect(derive({ fineAmount: '0.1', subjectKind: 'NATURAL_PERSON' })).toBe('GENERAL');
    expect(derive({ fineAmount: null })).toBe('GENERAL'); // a fine of no stated amount cannot be called minor
    expect(derive({ penaltyCategory: '罚款，吊销许可证件' })).toBe('SERIOUS');
    expect(derive({ penaltyCategory: '警告', fineAmount: null }, '特定严重失信：食品药品')).toBe('SERIOUS');
  });

  it('says how, and is not derived where the regime has no criteria', () => {
    expect(deriveSeverity(criteria, 'NDRC_ORDER_36', { subjectKind: 'LEGAL_PERSON', penaltyCategory: '罚款', fineAmount: '0.5' })?.because)
      .toMatch(/NDRC_ORDER_36.*罚款.*0.5 万元/);
    expect(deriveSeverity(undefined, 'NDRC_2019_527', { subjectKind: 'LEGAL_PERSON', penaltyCategory: '罚款', fineAmount: '0.5' })).toBeUndefined();
  });
});

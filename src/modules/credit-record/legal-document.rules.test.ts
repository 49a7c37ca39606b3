import { loadCatalogBundle } from '../../catalog/catalog.loader';
import { basisDocumentProblem, issuerKindOf, statutoryReferenceProblem } from './legal-document.rules';

const items = loadCatalogBundle().catalogs.flatMap((c) => c.items);
const item = (code: string) => items.find((i) => i.code === code)!;

describe('legal documents against the catalog item', () => {
  it('read the issuer from the registry first, then from the statutory name forms', () => {
    expect(issuerKindOf('某某', 'COURT')).toBe('COURT');
    expect(issuerKindOf('南京市鼓楼区人民法院', undefined)).toBe('COURT');
    expect(issuerKindOf('南京仲裁委员会', undefined)).toBe('ARBITRATION_COMMISSION');
    expect(issuerKindOf('南京市鼓楼区市场监督管理局', undefined)).toBe('ADMINISTRATIVE_ORGAN');
    expect(issuerKindOf('测试执法局（测试）', undefined)).toBe('ADMINISTRATIVE_ORGAN');
    expect(issuerKindOf('某某咨询有限公司', undefined)).toBeUndefined();
  });

  it('refuse a market-regulation penalty resting on an arbitral award', () => {
    expect(basisDocumentProblem(item('03-02-001'), { kind: 'ARBITRAL_AWARD', issuer: '南京仲裁委员会' }, 'ARBITRATION_COMMISSION'))
      .toMatch(/rests on ADMINISTRATIVE_PENALTY, not ARBITRAL_AWARD/);
  });

  it('refuse a penalty decision not issued by an administrative organ', () => {
    expect(basisDocumentProblem(item('03-02-001'), { kind: 'ADMINISTRATIVE_PENALTY', issuer: '南京市鼓楼区人民法院' }, 'COURT'))
      .toMatch(/issued by an administrative organ/);
  });

  it('accept the court list on a court judgment and refuse it on an administrative penalty', () => {
    expect(basisDocumentProblem(item('02-01-001'), { kind: 'JUDGMENT', issuer: '南京市鼓楼区人民法院' }, 'COURT')).toBeUndefined();
    expect(basisDocumentProblem(item('02-01-001'), { kind: 'ADMINISTRATIVE_PENALTY', issuer: '南京市鼓楼区人民法院' }, 'COURT')).toMatch(/rests on JUDGMENT/);
  });

  it('accept OTHER_STATUTORY only with a structured reference, never a basis like 无', () => {
    expect(statutoryReferenceProblem(null)).toMatch(/needs statutoryReference/);
    expect(statutoryReferenceProblem({ level: 'LAW', title: '无' })).toMatch(/not the title/);
    expect(statutoryReferenceProblem({ level: 'DEPARTMENT_RULE', title: '《市场监督管理严重违法失信名单管理办法》', article: '见附件' })).toMatch(/not an article/);
    expect(statutoryReferenceProblem({ level: 'ADMINISTRATIVE_REGULATION', title: '《企业信息公示暂行条例》', article: '第十七条' })).toBeUndefined();
  });
});

import { RECORD_KINDS } from '../catalog/record-kinds';
import { DERIVED_FIELDS } from '../modules/credit-record/record-fields.input';
import { detectKind, HEADER_TABLE, labelOf, lookupHeader, normaliseHeader } from './header-table';

describe('the header table', () => {
  it('reads the same column however exports spell it', () => {
    for (const h of ['罚款金额（万元）', '罚款金额(万元)', ' 罚款金额（万元） ', '\uFEFF罚款金额（万元）', 'CF_NR_FK', 'cf_nr_fk', 'fineAmount']) {
      expect(lookupHeader('penalty', h)?.to).toEqual(['field.fineAmount']);
    }
    expect(normaliseHeader('行政相对人代码_1（统一社会信用代码）')).toBe(normaliseHeader('行政相对人代码_1(统一社会信用代码)'));
  });

  it('maps the envelope of a penalty: subject, document, agency, dates', () => {
    expect(lookupHeader('penalty', '行政相对人代码_1（统一社会信用代码）')?.to).toEqual(['subject.uscc']);
    expect(lookupHeader('penalty', 'cf_xdr_shxym')?.to).toEqual(['subject.uscc']);
    expect(lookupHeader('penalty', '行政处罚决定书文号')?.to).toEqual(['document.number']);
    expect(lookupHeader('penalty', '处罚机关')?.to).toEqual(['document.issuer', 'field.decidingAuthority']);
    expect(lookupHeader('penalty', '处罚机关统一社会信用代码')?.to).toEqual(['agency.uscc', 'field.decidingAuthorityUscc']);
    expect(lookupHeader('penalty', '处罚决定日期')?.to).toEqual(['decisionDate']);
    expect(lookupHeader('penalty', '公示截止期')?.to).toEqual(['publicationEnd']);
    expect(lookupHeader('penalty', '证件号码')?.to).toEqual(['subject.idNumber', 'field.idNumber']);
  });

  it('gives the same name different meanings per kind, never two within one', () => {
    expect(lookupHeader('penalty', 'documentNumber')?.to).toEqual(['document.number']);
    expect(lookupHeader('licence', 'documentNumber')?.to).toEqual(['field.documentNumber']);
    expect(lookupHeader('licence', '许可机关统一社会信用代码')?.to).toEqual(['agency.uscc', 'field.licensingAuthorityUscc']);
    expect(lookupHeader('penalty', '许可类别')).toBeUndefined();
  });

  it('reaches every field a department writes of penalties and licences', () => {
    for (const [kind, importKind] of [['PENALTY', 'penalty'], ['LICENCE', 'licence']] as const) {
      const targets = new Set(HEADER_TABLE.filter((e) => e.kinds.includes(importKind)).flatMap((e) => e.to));
      const derived = Object.keys(DERIVED_FIELDS[kind] ?? {});
      const missing = RECORD_KINDS[kind].filter((f) => !derived.includes(f.key) && !targets.has(`field.${f.key}`)).map((f) => f.key);
      expect(missing).toEqual([]);
    }
  });

  it('detects the kind from the document column, and declines when the headers do not decide', () => {
    expect(detectKind(['行政相对人名称', '统一社会信用代码', '行政处罚决定书文号', '处罚决定日期'])).toBe('penalty');
    expect(detectKind(['行政相对人名称', '统一社会信用代码', '行政许可决定文书号', '许可决定日期'])).toBe('licence');
    expect(detectKind(['名单类型', '统一社会信用代码', '列入事由'])).toBe('list');
    expect(detectKind(['行政相对人名称', '统一社会信用代码'])).toBeUndefined();
    expect(detectKind(['行政处罚决定书文号', '不存在的列'])).toBeUndefined();
  });

  it('names a target by the standard\'s label for reports', () => {
    expect(labelOf('penalty', 'document.number')).toBe('行政处罚决定书文号');
    expect(labelOf('licence', 'decisionDate')).toBe('许可决定日期');
  });
});

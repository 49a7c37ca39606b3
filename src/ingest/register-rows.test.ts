import { makeResidentId, makeUscc } from '../identifiers';
import { enumText } from '../modules/credit-record/record-fields.validate';
import { recordKindFields } from '../catalog/record-kinds';
import { draftAgency, regionProblem } from './agency-register';
import { RowProblem } from './row-mapping';
import { draftSubject } from './subject-register';

const now = new Date('2026-11-20T04:00:00Z');
const problemOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof RowProblem) return [err.target, err.error.code];
    throw err;
  }
  return undefined;
};

describe('处罚类别 with several values', () => {
  const spec = recordKindFields('PENALTY').find((f) => f.key === 'penaltyCategory')!;

  it('reads the separators exports use and stores one canonical text', () => {
    for (const text of ['警告;罚款', '罚款；警告', '警告、罚款', '罚款,警告', '罚款，警告', ' 警告 ; 罚款 ;', '罚款;警告;罚款']) {
      expect(enumText(spec, text)).toBe('警告、罚款');
    }
    expect(enumText(spec, '罚款')).toBe('罚款');
  });

  it('refuses a text with any value outside the standard', () => {
    expect(enumText(spec, '警告;打板子')).toBeUndefined();
    expect(enumText(spec, ';')).toBeUndefined();
  });
});

describe('a subject from a register row', () => {
  const org = makeUscc({ authority: '9', category: '1', divisionCode: '320106', orgBody8: 'MA7QWE12' });
  const shop = makeUscc({ authority: '9', category: '2', divisionCode: '320106', orgBody8: 'MA7QWE34' });
  const id = makeResidentId({ divisionCode: '440305', birthDate: '1985-07-21', sequence: 321 });

  it('takes its kind and region from the code or number', () => {
    expect(draftSubject({ uscc: org, name: 'A公司', registeredCapital: '1,000.5万元', establishedOn: '2019/3/5' }, now))
      .toMatchObject({ kind: 'LEGAL_PERSON', regionCode: '320106', registeredCapital: '1000.5', establishedOn: '2019-03-05', status: null });
    expect(draftSubject({ uscc: shop, name: 'B店' }, now)).toMatchObject({ kind: 'INDIVIDUAL_BUSINESS', entityType: '个体工商户' });
    expect(draftSubject({ idNumber: id, name: '陈三', address: '深圳市南山区', legalRepresentative: 'x' }, now))
      .toMatchObject({ kind: 'NATURAL_PERSON', regionCode: '440305', idNumber: id, address: null, legalRepresentative: null });
  });

  it('names what is wrong', () => {
    expect(problemOf(() => draftSubject({ uscc: org, idNumber: id, name: 'A' }, now))).toEqual(['idNumber', 'BAD_USER_INPUT']);
    expect(problemOf(() => draftSubject({ uscc: org }, now))).toEqual(['name', 'BAD_USER_INPUT']);
    expect(problemOf(() => draftSubject({ uscc: `${org.slice(0, 17)}${org.endsWith('0') ? '1' : '0'}`, name: 'A' }, now))).toEqual(['uscc', 'INVALID_USCC']);
    expect(problemOf(() => draftSubject({ uscc: org, name: 'A', category: '个体工商户' }, now))).toEqual(['category', 'BAD_USER_INPUT']);
    expect(problemOf(() => draftSubject({ uscc: shop, name: 'A', category: 'LEGAL_PERSON' }, now))).toEqual(['category', 'BAD_USER_INPUT']);
    expect(problemOf(() => draftSubject({ uscc: org, name: 'A', establishedOn: '2027-01-01' }, now))).toEqual(['establishedOn', 'BAD_USER_INPUT']);
    expect(problemOf(() => draftSubject({ uscc: org, name: 'A', registeredCapital: '一百万' }, now))).toEqual(['registeredCapital', 'BAD_USER_INPUT']);
  });
});

describe('an agency from a register row', () => {
  const systems = new Set(['SAMR', 'NDRC']);
  const row = { code: 'SAMR_320116', name: '南京市六合区市场监督管理局', level: '县级', kind: '部门', system: 'SAMR', regionCode: '320116' };

  it('checks the GB/T 2260 code against the level', () => {
    expect(regionProblem('NATIONAL', '100000')).toBeUndefined();
    expect(regionProblem('PROVINCE', '320000')).toBeUndefined();
    expect(regionProblem('PREFECTURE', '320100')).toBeUndefined();
    expect(regionProblem('COUNTY', '320116')).toBeUndefined();
    expect(regionProblem('PROVINCE', '320100')).toMatch(/province/);
    expect(regionProblem('PREFECTURE', '320000')).toMatch(/prefecture/);
    expect(regionProblem('COUNTY', '320100')).toMatch(/county/);
    expect(regionProblem('COUNTY', '990116')).toMatch(/province code/);
  });

  it('accepts Chinese level and kind names and refuses systems nobody knows or codes that disagree', () => {
    expect(draftAgency(row, systems)).toEqual({ ...row, level: 'COUNTY', kind: 'DEPARTMENT', uscc: null });
    expect(problemOf(() => draftAgency({ ...row, system: 'XYZ', code: 'XYZ_320116' }, systems))).toEqual(['system', 'BAD_USER_INPUT']);
    expect(problemOf(() => draftAgency({ ...row, regionCode: '320115' }, systems))).toEqual(['code', 'BAD_USER_INPUT']);
    expect(problemOf(() => draftAgency({ ...row, level: '部级' }, systems))).toEqual(['level', 'BAD_USER_INPUT']);
  });
});

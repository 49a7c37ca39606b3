/**
 * The caller's authority (authority.ts): the agreements in force today that name the caller's
 * agency, narrowed (never widened) by its token's purposes, and the agreement that lets it
 * receive an item for a purpose.
 */
import type { Agreement, Grantee } from '../catalog/agreements.schema';
import { agreementCovering, granteeIncludes, inForce, NO_AUTHORITY, resolveAuthority } from './authority';
import type { AgencyFacts } from './jurisdiction';

const BANK_NJ: AgencyFacts = { code: 'P_BANK_NJ', system: 'BANK', level: 'PREFECTURE', kind: 'PARTNER', regionCode: '320100' };
const BANK_GZ: AgencyFacts = { ...BANK_NJ, code: 'P_BANK_GZ', regionCode: '440100' };

const agreement = (code: string, over: Partial<Agreement> = {}): Agreement => ({
  code, name: code, grantee: { systems: ['BANK'] }, purposes: ['FINANCIAL_SERVICE'], covers: { all: true }, subjects: 'ANY',
  legalBasis: [{ level: 'LAW', title: '《中华人民共和国个人信息保护法》' }], validFrom: '2026-01-01', validUntil: '2026-12-31', ...over,
});

describe('inForce: an agreement holds from its first through its last day', () => {
  it.each([
    ['2025-12-31', false],
    ['2026-01-01', true],
    ['2026-12-31', true],
    ['2027-01-01', false],
  ])('on %s → %s', (today, held) => {
    expect(inForce(agreement('A'), today)).toBe(held);
  });

  it('holds indefinitely without an end date', () => {
    expect(inForce(agreement('A', { validUntil: null }), '2099-01-01')).toBe(true);
  });
});

describe('granteeIncludes: every clause the grantee names must hold', () => {
  it.each([
    ['its system', { systems: ['BANK'] }, true],
    ['another system', { systems: ['SAMR'] }, false],
    ['its code', { agencies: ['P_BANK_NJ'] }, true],
    ['another code of its system', { agencies: ['P_BANK_GZ'] }, false],
    ['its kind', { kinds: ['PARTNER'] }, true],
    ['another kind', { kinds: ['DEPARTMENT'] }, false],
    ['its system inside its province', { systems: ['BANK'], region: '32' }, true],
    ['its system inside another province', { systems: ['BANK'], region: '44' }, false],
    ['its system but another kind', { systems: ['BANK'], kinds: ['COURT'] }, false],
  ] as Array<[string, Grantee, boolean]>)('a grantee naming %s → %s', (_, grantee, included) => {
    expect(granteeIncludes(grantee, BANK_NJ)).toBe(included);
  });
});

describe('resolveAuthority', () => {
  const AGREEMENTS = [
    agreement('A_FIN'),
    agreement('A_JS', { grantee: { systems: ['BANK'], region: '32' }, purposes: ['FINANCIAL_SERVICE', 'EMPLOYMENT_SCREENING'] }),
    agreement('A_OLD', { purposes: ['PUBLIC_RESOURCE_TRADING'], validFrom: '2020-01-01', validUntil: '2025-12-31' }),
    agreement('A_SAMR', { grantee: { systems: ['SAMR'] }, purposes: ['CREDIT_SUPERVISION'] }),
  ];

  it('is no authority at all without an agency (the public, a subject)', () => {
    expect(resolveAuthority({ agency: undefined, agreements: AGREEMENTS, jurisdiction: ['X'], today: '2026-06-01' })).toBe(NO_AUTHORITY);
  });

  it('keeps the agreements in force today that name the agency, and the union of their purposes', () => {
    const a = resolveAuthority({ agency: BANK_NJ, agreements: AGREEMENTS, jurisdiction: ['P_BANK_NJ'], today: '2026-06-01' });
    expect(a.agreements.map((x) => x.code)).toEqual(['A_FIN', 'A_JS']);
    expect([...a.purposes].sort()).toEqual(['EMPLOYMENT_SCREENING', 'FINANCIAL_SERVICE']);
    expect(a.jurisdiction).toEqual(['P_BANK_NJ']);
  });

  it('leaves out an agreement limited to another region', () => {
    const a = resolveAuthority({ agency: BANK_GZ, agreements: AGREEMENTS, jurisdiction: [], today: '2026-06-01' });
    expect(a.agreements.map((x) => x.code)).toEqual(['A_FIN']);
  });

  it('narrows by the token\'s purposes and drops agreements left with none', () => {
    const a = resolveAuthority({ agency: BANK_NJ, agreements: AGREEMENTS, jurisdiction: [], today: '2026-06-01', tokenPurposes: ['EMPLOYMENT_SCREENING'] });
    expect(a.agreements.map((x) => [x.code, x.purposes])).toEqual([['A_JS', ['EMPLOYMENT_SCREENING']]]);
    expect([...a.purposes]).toEqual(['EMPLOYMENT_SCREENING']);
  });

  it('never widens: a token purpose no agreement gives grants nothing', () => {
    const a = resolveAuthority({ agency: BANK_NJ, agreements: AGREEMENTS, jurisdiction: [], today: '2026-06-01', tokenPurposes: ['CREDIT_SUPERVISION'] });
    expect(a.agreements).toEqual([]);
    expect(a.purposes.size).toBe(0);
  });

  it('treats an empty purposes claim as no purpose at all', () => {
    expect(resolveAuthority({ agency: BANK_NJ, agreements: AGREEMENTS, jurisdiction: [], today: '2026-06-01', tokenPurposes: [] }).agreements).toEqual([]);
  });
});

describe('agreementCovering: the agreement that lets the caller receive an item for a purpose', () => {
  const authority = resolveAuthority({
    agency: BANK_NJ,
    agreements: [
      agreement('A_ITEMS', { covers: { items: ['03-02-001'] } }),
      agreement('A_CATEGORY', { covers: { categories: ['JUDICIAL'] }, purposes: ['EMPLOYMENT_SCREENING'] }),
    ],
    jurisdiction: [],
    today: '2026-06-01',
  });

  it('finds an agreement covering the item by its code or by its category, for that purpose', () => {
    expect(agreementCovering(authority, 'FINANCIAL_SERVICE', { code: '03-02-001', category: 'ADMINISTRATIVE_MANAGEMENT' })?.code).toBe('A_ITEMS');
    expect(agreementCovering(authority, 'EMPLOYMENT_SCREENING', { code: '02-01-001', category: 'JUDICIAL' })?.code).toBe('A_CATEGORY');
  });

  it('finds none when the covering agreement is for another purpose, or nothing covers the item', () => {
    expect(agreementCovering(authority, 'EMPLOYMENT_SCREENING', { code: '03-02-001', category: 'ADMINISTRATIVE_MANAGEMENT' })).toBeUndefined();
    expect(agreementCovering(authority, 'FINANCIAL_SERVICE', { code: '03-02-002', category: 'ADMINISTRATIVE_MANAGEMENT' })).toBeUndefined();
  });

  it('lets an agreement covering all items cover any item', () => {
    const all = resolveAuthority({ agency: BANK_NJ, agreements: [agreement('A_ALL')], jurisdiction: [], today: '2026-06-01' });
    expect(agreementCovering(all, 'FINANCIAL_SERVICE', { code: '99-99-999', category: 'ANY' })?.code).toBe('A_ALL');
  });
});

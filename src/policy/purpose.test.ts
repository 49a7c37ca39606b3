/**
 * The declared purpose (purpose.ts) against the shipped purpose vocabulary and the caller's
 * authority: agencies must declare one their agreements allow; a subject and an auditor have
 * the purpose their role implies; unknown or foreign codes are refused, never ignored.
 */
import type { Principal } from '../auth/principal';
import { CatalogIndex } from '../catalog/catalog.index';
import { loadCatalogBundle } from '../catalog/catalog.loader';
import { NO_AUTHORITY, type CallerAuthority } from './authority';
import { resolvePurpose } from './purpose';
import { refusal } from '../../test/support/refusal';

const catalog = new CatalogIndex(loadCatalogBundle(), [], new Set());
const authority = (...purposes: string[]): CallerAuthority => ({ ...NO_AUTHORITY, purposes: new Set(purposes) });
const bank: Principal = { role: 'PARTNER', id: 't-bank', agencyCode: 'P_BANK' };
const dept: Principal = { role: 'DEPARTMENT', id: 't-dept', agencyCode: 'SAMR_320100' };


describe('resolvePurpose', () => {
  it('gives the public no purpose', () => {
    expect(resolvePurpose({ role: 'PUBLIC', id: 'public' }, undefined, catalog, NO_AUTHORITY)).toBeUndefined();
  });

  it('implies SELF_ACCESS for a subject and AUDIT for an auditor', () => {
    expect(resolvePurpose({ role: 'SUBJECT', id: 's', subjectId: 1 }, undefined, catalog, NO_AUTHORITY)?.code).toBe('SELF_ACCESS');
    expect(resolvePurpose({ role: 'AUDITOR', id: 'a', agencyCode: 'NDRC' }, undefined, catalog, NO_AUTHORITY)?.code).toBe('AUDIT');
  });

  it.each([bank, dept])('requires a $role to declare a purpose, listing the agency purposes', (p) => {
    const r = refusal(() => resolvePurpose(p, undefined, catalog, authority('FINANCIAL_SERVICE')));
    expect(r.code).toBe('PURPOSE_REQUIRED');
    expect(r.message).toContain('X-Purpose header');
    expect(r.message).toContain('FINANCIAL_SERVICE');
    expect(r.message).not.toContain('SELF_ACCESS');
  });

  it('accepts a purpose one of the agency\'s agreements allows', () => {
    const p = resolvePurpose(bank, 'FINANCIAL_SERVICE', catalog, authority('FINANCIAL_SERVICE'));
    expect(p).toMatchObject({ code: 'FINANCIAL_SERVICE', personalDataBasis: 'CONSENT' });
  });

  it('refuses a code outside the vocabulary, naming the known ones', () => {
    const r = refusal(() => resolvePurpose(bank, 'MARKETING', catalog, authority('FINANCIAL_SERVICE')));
    expect(r.code).toBe('PURPOSE_NOT_PERMITTED');
    expect(r.message).toMatch(/^X-Purpose "MARKETING" is not in the purpose vocabulary \(known: .*FINANCIAL_SERVICE/);
  });

  it('refuses a purpose of another role: an agency may not declare SELF_ACCESS, a subject not FINANCIAL_SERVICE', () => {
    expect(refusal(() => resolvePurpose(bank, 'SELF_ACCESS', catalog, authority('SELF_ACCESS'))).message).toBe('role PARTNER may not declare purpose SELF_ACCESS');
    expect(refusal(() => resolvePurpose({ role: 'SUBJECT', id: 's', subjectId: 1 }, 'FINANCIAL_SERVICE', catalog, NO_AUTHORITY)).message).toBe(
      'role SUBJECT may not declare purpose FINANCIAL_SERVICE',
    );
  });

  it('refuses any declared purpose from the public', () => {
    expect(refusal(() => resolvePurpose({ role: 'PUBLIC', id: 'public' }, 'AUDIT', catalog, NO_AUTHORITY)).code).toBe('PURPOSE_NOT_PERMITTED');
  });

  it('refuses a purpose outside the token\'s purposes claim, even when an agreement allows it', () => {
    const r = refusal(() => resolvePurpose({ ...bank, purposes: ['EMPLOYMENT_SCREENING'] }, 'FINANCIAL_SERVICE', catalog, authority('FINANCIAL_SERVICE')));
    expect(r.message).toBe('this token is limited to purposes EMPLOYMENT_SCREENING; FINANCIAL_SERVICE is not among them');
  });

  it('refuses a purpose no agreement in force allows, naming those that are', () => {
    expect(refusal(() => resolvePurpose(dept, 'FINANCIAL_SERVICE', catalog, authority('CREDIT_SUPERVISION', 'ADMIN_LICENSING_REVIEW'))).message).toBe(
      'SAMR_320100 holds no data-sharing agreement in force today for purpose FINANCIAL_SERVICE; its agreements allow: ADMIN_LICENSING_REVIEW, CREDIT_SUPERVISION',
    );
  });

  it('tells an agency holding no agreement where to get one', () => {
    expect(refusal(() => resolvePurpose(dept, 'CREDIT_SUPERVISION', catalog, authority())).message).toContain('it holds no agreement in force (ask the credit platform for a 共享协议)');
  });
});

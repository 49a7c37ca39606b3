/**
 * The field-level half of the disclosure decision (field-decisions.ts): per capacity, what
 * each field of a record discloses — all of it to the subject and the provider, the shared
 * fields to a sharing agency (less what a missing consent withholds), the published fields to
 * the public with personal data masked or never published.
 */
import type { ItemField } from '../catalog/catalog.schema';
import { allowedIn, fieldDecisions } from './field-decisions';
import type { PolicyItem } from '../catalog/policy-item';

const rules: ItemField[] = [
  { key: 'documentNumber', share: true, publish: true },
  { key: 'violationFacts', share: true, publish: false },
  { key: 'internalNote', share: false, publish: false },
  { key: 'legalRepresentative', share: true, publish: true, personal: 'NAME' },
  { key: 'legalRepIdNumber', share: true, publish: true, personal: 'ID_NUMBER' },
  { key: 'phone', share: true, publish: true, personal: 'PHONE' },
  { key: 'address', share: true, publish: true, personal: 'ADDRESS' },
  { key: 'bankAccount', share: true, publish: true, personal: 'BANK_ACCOUNT' },
];
const ITEM: PolicyItem = {
  id: 1, code: '03-02-001', category: 'ADMINISTRATIVE_MANAGEMENT', recordKind: 'PENALTY', provider: 'SAMR', subjectKinds: ['LEGAL_PERSON'],
  share: { scope: 'CONDITIONAL', agencies: ['BANK'], purposes: ['FINANCIAL_SERVICE'] },
  publish: { scope: 'PUBLIC', period: { basis: 'REGIME' }, naturalPersons: 'PUBLISHED_MASKED', naturalPersonsBasis: null },
  retentionYears: 5,
  fieldRules: new Map(rules.map((r) => [r.key, r])),
};

const reasons = (d: ReturnType<typeof fieldDecisions>) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, `${v.effect}:${v.reason}`]));

describe('fieldDecisions', () => {
  it.each([
    ['OWN', 'ALLOW:OWN_DATA'],
    ['PROVIDER', 'ALLOW:PROVIDING_DEPARTMENT'],
  ] as const)('allows every field, unshared and personal ones too, in capacity %s', (capacity, reason) => {
    expect(Object.values(reasons(fieldDecisions(ITEM, capacity, 'NONE')))).toEqual(rules.map(() => reason));
  });

  it('shares the shared fields, names the agreement, and denies the others', () => {
    const d = reasons(fieldDecisions(ITEM, 'SHARE', 'NONE', undefined, 'AG_BANK'));
    expect(d.documentNumber).toBe('ALLOW:SHARED:AG_BANK');
    expect(d.legalRepIdNumber).toBe('ALLOW:SHARED:AG_BANK');
    expect(d.internalNote).toBe('DENY:FIELD_NOT_SHARED');
  });

  it('withholds only the personal fields of an organisation\'s record without consent', () => {
    const d = fieldDecisions(ITEM, 'SHARE', 'PERSONAL');
    expect(d.documentNumber).toEqual({ effect: 'ALLOW', reason: 'SHARED' });
    expect(d.legalRepresentative).toEqual({ effect: 'DENY', reason: 'CONSENT_REQUIRED', code: 'CONSENT_REQUIRED' });
    expect(d.legalRepIdNumber!.reason).toBe('CONSENT_REQUIRED');
    expect(d.internalNote!.reason).toBe('FIELD_NOT_SHARED');
  });

  it('withholds every shared field of a natural person\'s record without consent', () => {
    const d = reasons(fieldDecisions(ITEM, 'SHARE', 'ALL'));
    expect(d.documentNumber).toBe('DENY:CONSENT_REQUIRED');
    expect(d.violationFacts).toBe('DENY:CONSENT_REQUIRED');
    expect(d.internalNote).toBe('DENY:FIELD_NOT_SHARED');
  });

  it('publishes plain fields, masks a name, an ID number and a phone, and never publishes an address or a bank account', () => {
    const d = fieldDecisions(ITEM, 'PUBLISH', 'NONE');
    expect(d.documentNumber).toEqual({ effect: 'ALLOW', reason: 'PUBLISHED' });
    expect(d.violationFacts).toEqual({ effect: 'DENY', reason: 'FIELD_NOT_PUBLISHED', code: 'FORBIDDEN' });
    expect(d.legalRepresentative).toEqual({ effect: 'MASK', reason: 'PUBLISHED_MASKED', personal: 'NAME' });
    expect(d.legalRepIdNumber).toEqual({ effect: 'MASK', reason: 'PUBLISHED_MASKED', personal: 'ID_NUMBER' });
    expect(d.phone).toEqual({ effect: 'MASK', reason: 'PUBLISHED_MASKED', personal: 'PHONE' });
    expect(d.address).toEqual({ effect: 'DENY', reason: 'NEVER_PUBLISHED', code: 'FORBIDDEN' });
    expect(d.bankAccount!.reason).toBe('NEVER_PUBLISHED');
  });

  it('denies an unpublished field with the reason sharing was refused, when the public view was a fallback', () => {
    const d = fieldDecisions(ITEM, 'PUBLISH', 'NONE', { reason: 'PURPOSE_NOT_PERMITTED', code: 'PURPOSE_NOT_PERMITTED' });
    expect(d.violationFacts).toEqual({ effect: 'DENY', reason: 'PURPOSE_NOT_PERMITTED', code: 'PURPOSE_NOT_PERMITTED' });
    expect(d.documentNumber!.effect).toBe('ALLOW');
  });

  it('returns frozen decisions, so no reader can widen them', () => {
    const d = fieldDecisions(ITEM, 'PUBLISH', 'NONE');
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.documentNumber)).toBe(true);
  });
});

describe('allowedIn (the envelope of a visible record)', () => {
  it.each([
    ['OWN', undefined, 'documentNumber'],
    ['PROVIDER', undefined, 'internalNote'],
    ['SHARE', 'AG_BANK', 'documentNumber'],
    ['SHARE', undefined, 'documentNumber'],
    ['PUBLISH', undefined, 'documentNumber'],
  ] as const)('is the very decision an unmasked field gets in capacity %s (agreement %s): one reason in the log', (capacity, grant, key) => {
    const envelope = allowedIn(capacity, grant);
    expect(envelope.effect).toBe('ALLOW');
    expect(fieldDecisions(ITEM, capacity, 'NONE', undefined, grant)[key]).toBe(envelope);
  });

  it('names the agreement, and is one object per agreement', () => {
    expect(allowedIn('SHARE', 'AG_BANK').reason).toBe('SHARED:AG_BANK');
    expect(allowedIn('SHARE', 'AG_BANK')).toBe(allowedIn('SHARE', 'AG_BANK'));
    expect(allowedIn('SHARE', 'AG_TAX')).not.toBe(allowedIn('SHARE', 'AG_BANK'));
  });
});

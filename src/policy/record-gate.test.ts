/**
 * The record-level half of the disclosure decision (record-gate.ts), tier by tier: the
 * subject's own records, a providing department's jurisdiction, sharing under a catalog rule
 * and an agreement in force (with the person's consent where the purpose rests on it), and
 * the public view everyone else falls back to, with the reason sharing was refused.
 */
import type { Principal, Role } from '../auth/principal';
import type { Agreement } from '../catalog/agreements.schema';
import type { Purpose } from '../catalog/vocabulary.schema';
import { resolveAuthority } from './authority';
import type { AgencyFacts } from './jurisdiction';
import type { PolicyItem } from '../catalog/policy-item';
import { gateFor, gateShapeKey, inScope, passesGate, recordGate, type OpenGate, type RecordFacts, type RecordGate } from './record-gate';
import type { Viewer } from './viewer';

const TODAY = '2026-11-29';

/** An administrative-penalty item provided by SAMR, shared with banks and regulators, published. */
const PENALTY: PolicyItem = {
  id: 7,
  code: '03-02-001',
  category: 'ADMINISTRATIVE_MANAGEMENT',
  recordKind: 'PENALTY',
  provider: 'SAMR',
  subjectKinds: ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'],
  share: { scope: 'CONDITIONAL', agencies: ['BANK', 'SAMR', 'STA'], purposes: ['FINANCIAL_SERVICE', 'CREDIT_SUPERVISION'] },
  publish: { scope: 'PUBLIC', period: { basis: 'REGIME' }, naturalPersons: 'PUBLISHED_MASKED', naturalPersonsBasis: '《行政处罚法》第四十八条' },
  retentionYears: 5,
  fieldRules: new Map(),
};
const UNPUBLISHED: PolicyItem = { ...PENALTY, id: 8, code: '03-09-001', publish: { scope: 'ON_REQUEST', period: { basis: 'WHILE_VALID' }, naturalPersons: 'NOT_PUBLISHED', naturalPersonsBasis: null } };

const purpose = (code: string, personalDataBasis: Purpose['personalDataBasis']): Purpose => ({
  code, name: code, description: code, legalBasis: ['《个人信息保护法》第十三条'], personalDataBasis, declaredBy: ['AGENCY'],
});
const FINANCIAL = purpose('FINANCIAL_SERVICE', 'CONSENT');
const SUPERVISION = purpose('CREDIT_SUPERVISION', 'STATUTORY_DUTY');
const HIRING = purpose('EMPLOYMENT_SCREENING', 'CONSENT');

const agreement = (code: string, over: Partial<Agreement>): Agreement => ({
  code, name: code, grantee: { systems: ['BANK'] }, purposes: ['FINANCIAL_SERVICE'], covers: { all: true }, subjects: 'ANY',
  legalBasis: [{ level: 'LAW', title: '《中华人民共和国个人信息保护法》' }], validFrom: '2020-01-01', validUntil: null, ...over,
});
const BANK_AGREEMENT = agreement('AG_BANK', {});
const SUPERVISION_AGREEMENT = agreement('AG_SUPERVISION', { grantee: { systems: ['SAMR', 'STA'] }, purposes: ['CREDIT_SUPERVISION'], subjects: 'GRANTEE_AREA' });

const BANK: AgencyFacts = { code: 'P_BANK_NJ', system: 'BANK', level: 'PREFECTURE', kind: 'PARTNER', regionCode: '320100' };
const SAMR_NJ: AgencyFacts = { code: 'SAMR_320100', system: 'SAMR', level: 'PREFECTURE', kind: 'DEPARTMENT', regionCode: '320100' };
const STA_NJ: AgencyFacts = { code: 'STA_320100', system: 'STA', level: 'PREFECTURE', kind: 'DEPARTMENT', regionCode: '320100' };

interface ViewerSpec {
  agency?: AgencyFacts;
  purpose?: Purpose;
  jurisdiction?: readonly string[];
  subjectId?: number;
  today?: string;
  agreements?: readonly Agreement[];
}

function viewer(role: Role, spec: ViewerSpec = {}): Viewer {
  const today = spec.today ?? TODAY;
  const principal: Principal = { role, id: `t-${role}`, agencyCode: spec.agency?.code, subjectId: spec.subjectId };
  return {
    principal,
    authority: resolveAuthority({
      agency: spec.agency, agreements: spec.agreements ?? [BANK_AGREEMENT, SUPERVISION_AGREEMENT], jurisdiction: spec.jurisdiction ?? [], today,
    }),
    purpose: spec.purpose,
    today,
    consentFor: () => false,
  };
}

/** A bank partner; `null` declares no purpose. */
const bank = (p: Purpose | null = FINANCIAL, over: ViewerSpec = {}) => viewer('PARTNER', { agency: BANK, purpose: p ?? undefined, ...over });
const samr = (over: ViewerSpec = {}) =>
  viewer('DEPARTMENT', { agency: SAMR_NJ, purpose: SUPERVISION, jurisdiction: ['SAMR_320100', 'SAMR_320106'], ...over });

const PUBLISH_GATE = { open: true, capacity: 'PUBLISH', activeOnly: true, publishedOnly: true, retainedSince: undefined, hideDeleted: true };

const open = (g: RecordGate): OpenGate => {
  if (!g.open) throw new Error(`expected an open gate, got ${g.reason}`);
  return g;
};

describe('recordGate: the subject itself and the public', () => {
  it('shows a subject all its own records, whatever their state or window, except DELETED ones', () => {
    expect(recordGate(viewer('SUBJECT', { subjectId: 5 }), UNPUBLISHED, 'NATURAL_PERSON', true)).toEqual({
      open: true, capacity: 'OWN', activeOnly: false, publishedOnly: false, retainedSince: undefined, hideDeleted: true,
    });
  });

  it('shows a subject another subject\'s records as the public sees them', () => {
    expect(recordGate(viewer('SUBJECT', { subjectId: 5 }), PENALTY, 'LEGAL_PERSON', false)).toEqual(PUBLISH_GATE);
  });

  it('shows the public active records inside their publication window', () => {
    expect(recordGate(viewer('PUBLIC'), PENALTY, 'LEGAL_PERSON', false)).toEqual(PUBLISH_GATE);
  });

  it('gives the public nothing of an item published only on request', () => {
    expect(recordGate(viewer('PUBLIC'), UNPUBLISHED, 'LEGAL_PERSON', false)).toEqual({ open: false, reason: 'ITEM_NOT_PUBLISHED', code: 'FORBIDDEN' });
  });

  it('gives the public no natural person\'s records unless the item publishes them masked', () => {
    const notPersons: PolicyItem = { ...PENALTY, publish: { ...PENALTY.publish, naturalPersons: 'NOT_PUBLISHED' } as PolicyItem['publish'] };
    expect(recordGate(viewer('PUBLIC'), notPersons, 'NATURAL_PERSON', false)).toEqual({ open: false, reason: 'NATURAL_PERSON_NOT_PUBLISHED', code: 'FORBIDDEN' });
    expect(recordGate(viewer('PUBLIC'), notPersons, 'LEGAL_PERSON', false).open).toBe(true);
    expect(recordGate(viewer('PUBLIC'), PENALTY, 'NATURAL_PERSON', false).open).toBe(true);
  });

  it.each(['AUDITOR', 'CATALOG_ADMIN'] as const)('gives a %s no capacity of its own: it sees what the public sees', (role) => {
    expect(recordGate(viewer(role, { agency: SAMR_NJ, purpose: SUPERVISION }), PENALTY, 'LEGAL_PERSON', false)).toEqual(PUBLISH_GATE);
  });

  it('closes an item to a subject kind it does not hold, even for the subject itself', () => {
    const orgsOnly: PolicyItem = { ...PENALTY, subjectKinds: ['LEGAL_PERSON'] };
    expect(recordGate(viewer('SUBJECT', { subjectId: 5 }), orgsOnly, 'NATURAL_PERSON', true)).toEqual({
      open: false, reason: 'SUBJECT_KIND_NOT_IN_ITEM', code: 'FORBIDDEN',
    });
  });
});

describe('recordGate: sharing (catalog rule × agreement × purpose)', () => {
  it('shares active records, retained for the item\'s years, naming the agreement', () => {
    expect(recordGate(bank(), PENALTY, 'LEGAL_PERSON', false)).toEqual({
      open: true, capacity: 'SHARE', activeOnly: true, publishedOnly: false, retainedSince: '2021-11-29', hideDeleted: true, grant: 'AG_BANK',
    });
  });

  it('binds a natural person\'s records to the person\'s consent under a consent-based purpose', () => {
    expect(open(recordGate(bank(), PENALTY, 'NATURAL_PERSON', false)).consent).toEqual({ agencyCode: 'P_BANK_NJ', purpose: 'FINANCIAL_SERVICE', itemCode: '03-02-001' });
  });

  it('needs no consent under a statutory-duty purpose', () => {
    const g = open(recordGate(viewer('PARTNER', { agency: STA_NJ, purpose: SUPERVISION }), PENALTY, 'NATURAL_PERSON', false));
    expect(g.capacity).toBe('SHARE');
    expect(g.consent).toBeUndefined();
  });

  it('falls back to the public view, carrying why sharing was refused', () => {
    const cases: Array<[string, Viewer, PolicyItem, string, string]> = [
      ['no purpose declared', bank(null), PENALTY, 'PURPOSE_REQUIRED', 'PURPOSE_REQUIRED'],
      ['an item the catalog never shares', bank(), { ...PENALTY, share: { scope: 'NONE', agencies: [], purposes: [] } }, 'ITEM_NOT_SHAREABLE', 'FORBIDDEN'],
      ['a system the item is not shared with', bank(), { ...PENALTY, share: { ...PENALTY.share, agencies: ['SAMR'] } }, 'AGENCY_NOT_PERMITTED', 'FORBIDDEN'],
      ['a purpose the item is not shared for', bank(HIRING, { agreements: [agreement('AG_HIRE', { purposes: ['EMPLOYMENT_SCREENING'] })] }), PENALTY, 'PURPOSE_NOT_PERMITTED', 'PURPOSE_NOT_PERMITTED'],
      ['no agreement covering the item', bank(FINANCIAL, { agreements: [agreement('AG_NARROW', { covers: { categories: ['JUDICIAL'] } })] }), PENALTY, 'NO_AGREEMENT_COVERS_ITEM', 'PURPOSE_NOT_PERMITTED'],
    ];
    for (const [what, v, item, reason, code] of cases) {
      expect([what, recordGate(v, item, 'LEGAL_PERSON', false)]).toEqual([what, { ...PUBLISH_GATE, fallbackDenial: { reason, code } }]);
    }
  });

  it('accepts any agency system for an item shared with everyone (*)', () => {
    const everyone: PolicyItem = { ...PENALTY, share: { scope: 'UNCONDITIONAL', agencies: ['*'], purposes: ['FINANCIAL_SERVICE'] } };
    expect(open(recordGate(bank(), everyone, 'LEGAL_PERSON', false)).capacity).toBe('SHARE');
  });

  it('stays closed, with the sharing refusal, when the item is not public either', () => {
    expect(recordGate(bank(null), UNPUBLISHED, 'LEGAL_PERSON', false)).toEqual({ open: false, reason: 'PURPOSE_REQUIRED', code: 'PURPOSE_REQUIRED' });
  });

  it('limits an area agreement to subjects of the grantee\'s area; outside it the grantee is one of the public', () => {
    const g = open(recordGate(viewer('PARTNER', { agency: STA_NJ, purpose: SUPERVISION }), PENALTY, 'LEGAL_PERSON', false));
    expect(g.scope).toEqual({ subjectArea: '3201' });
    expect(g.otherwise).toEqual({ ...PUBLISH_GATE, fallbackDenial: { reason: 'OUTSIDE_AGREEMENT_AREA', code: 'FORBIDDEN' } });
    const hidden = open(recordGate(viewer('PARTNER', { agency: STA_NJ, purpose: SUPERVISION }), UNPUBLISHED, 'LEGAL_PERSON', false));
    expect(hidden.otherwise).toEqual({ open: false, reason: 'OUTSIDE_AGREEMENT_AREA', code: 'FORBIDDEN' });
  });
});

describe('recordGate: the providing department (一口采集)', () => {
  it('holds in full what its jurisdiction recorded, and shares or sees the public view of the rest', () => {
    const g = open(recordGate(samr(), PENALTY, 'NATURAL_PERSON', false));
    expect(g).toMatchObject({ capacity: 'PROVIDER', activeOnly: false, publishedOnly: false, retainedSince: undefined, hideDeleted: true });
    expect(g.scope).toEqual({ recordedBy: ['SAMR_320100', 'SAMR_320106'] });
    expect(open(g.otherwise!)).toMatchObject({ capacity: 'SHARE', grant: 'AG_SUPERVISION', scope: { subjectArea: '3201' } });
  });

  it('is no provider for another system\'s item', () => {
    expect(open(recordGate(samr(), { ...PENALTY, provider: 'STA' }, 'LEGAL_PERSON', false)).capacity).toBe('SHARE');
  });

  it('is no provider without a jurisdiction', () => {
    expect(open(recordGate(samr({ jurisdiction: [] }), PENALTY, 'LEGAL_PERSON', false)).capacity).toBe('SHARE');
  });
});

const facts = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  subjectId: 1, agencyCode: 'SAMR_320106', subjectRegion: '320106', subjectKind: 'LEGAL_PERSON', status: 'ACTIVE', repairTreatment: null,
  decisionDate: '2026-03-02', publishFrom: '2026-03-02', publishUntil: '2027-03-01', ...over,
});

describe('gateFor and inScope: which tier governs a record', () => {
  const provider = recordGate(samr(), PENALTY, 'LEGAL_PERSON', false);

  it('keeps the provider tier for a record its jurisdiction made', () => {
    expect(open(gateFor(provider, facts())).capacity).toBe('PROVIDER');
  });

  it('hands a record of another agency to sharing inside the area, and to the public view outside it', () => {
    expect(open(gateFor(provider, facts({ agencyCode: 'SAMR_320200', subjectRegion: '320105' }))).capacity).toBe('SHARE');
    expect(open(gateFor(provider, facts({ agencyCode: 'SAMR_440100', subjectRegion: '440106' })))).toMatchObject({
      capacity: 'PUBLISH', fallbackDenial: { reason: 'OUTSIDE_AGREEMENT_AREA' },
    });
  });

  it('closes a scoped tier with nothing behind it as OUTSIDE_JURISDICTION', () => {
    const lone: RecordGate = { ...open(provider), otherwise: undefined };
    expect(gateFor(lone, facts({ agencyCode: 'SAMR_440100' }))).toEqual({ open: false, reason: 'OUTSIDE_JURISDICTION', code: 'FORBIDDEN' });
  });

  it('requires both the recorder and the subject\'s area when a scope names both', () => {
    const scope = { recordedBy: ['SAMR_320106'], subjectArea: '3201' };
    expect(inScope(scope, facts())).toBe(true);
    expect(inScope(scope, facts({ subjectRegion: '440106' }))).toBe(false);
    expect(inScope(scope, facts({ agencyCode: 'SAMR_320100' }))).toBe(false);
    expect(inScope({}, facts({ agencyCode: 'X', subjectRegion: '650000' }))).toBe(true);
  });
});

describe('passesGate: the JavaScript form of the gate on a loaded record', () => {
  const publish = recordGate(viewer('PUBLIC'), PENALTY, 'LEGAL_PERSON', false);
  const share = recordGate(bank(), PENALTY, 'LEGAL_PERSON', false);
  const own = recordGate(viewer('SUBJECT', { subjectId: 1 }), PENALTY, 'LEGAL_PERSON', true);

  it('lets nothing through a closed gate', () => {
    expect(passesGate({ open: false, reason: 'ITEM_NOT_SHAREABLE', code: 'FORBIDDEN' }, facts(), TODAY)).toBe(false);
  });

  it('publishes from the first through the last day of the window, not a day outside it', () => {
    expect(passesGate(publish, facts({ publishFrom: TODAY }), TODAY)).toBe(true);
    expect(passesGate(publish, facts({ publishFrom: '2026-11-30' }), TODAY)).toBe(false);
    expect(passesGate(publish, facts({ publishUntil: TODAY }), TODAY)).toBe(true);
    expect(passesGate(publish, facts({ publishUntil: '2026-11-28' }), TODAY)).toBe(false);
    expect(passesGate(publish, facts({ publishUntil: null }), TODAY)).toBe(true);
    expect(passesGate(publish, facts({ publishFrom: null }), TODAY)).toBe(false);
  });

  it('shares a record outside its publication window, but not a repaired or revoked one', () => {
    expect(passesGate(share, facts({ publishUntil: '2020-01-01' }), TODAY)).toBe(true);
    expect(passesGate(share, facts({ status: 'REPAIRED' }), TODAY)).toBe(false);
    expect(passesGate(share, facts({ status: 'REVOKED' }), TODAY)).toBe(false);
  });

  it('shares records decided within the retention years, the first day included', () => {
    expect(passesGate(share, facts({ decisionDate: '2021-11-29' }), TODAY)).toBe(true);
    expect(passesGate(share, facts({ decisionDate: '2021-11-28' }), TODAY)).toBe(false);
    expect(passesGate(share, facts({ decisionDate: null }), TODAY)).toBe(true);
  });

  it('shows the subject its repaired and revoked records, but a DELETED repair to nobody', () => {
    expect(passesGate(own, facts({ status: 'REPAIRED', repairTreatment: 'SHIELDED', publishFrom: null }), TODAY)).toBe(true);
    expect(passesGate(own, facts({ status: 'REVOKED', decisionDate: '1990-01-01' }), TODAY)).toBe(true);
    for (const g of [own, share, publish]) expect(passesGate(g, facts({ status: 'REPAIRED', repairTreatment: 'DELETED' }), TODAY)).toBe(false);
  });
});

describe('retention on a leap day', () => {
  // The SQL form compares decision_date (a DATE column) with retainedSince: it must be a real date.
  const onLeapDay = recordGate(bank(FINANCIAL, { today: '2028-02-29' }), PENALTY, 'LEGAL_PERSON', false);

  it('starts retention on a date that exists: five years before 2028-02-29 is taken as from 2023-03-01', () => {
    const since = open(onLeapDay).retainedSince!;
    expect(new Date(`${since}T00:00:00Z`).toISOString().slice(0, 10)).toBe(since);
    expect(since).toBe('2023-03-01');
  });

  it('keeps records decided on or after that day and not those of 2023-02-28, whose fifth anniversary has passed', () => {
    expect(passesGate(onLeapDay, facts({ decisionDate: '2023-03-01' }), '2028-02-29')).toBe(true);
    expect(passesGate(onLeapDay, facts({ decisionDate: '2023-02-28' }), '2028-02-29')).toBe(false);
  });

  it('counts back from a leap day to a leap day unchanged', () => {
    const fourYears = recordGate(bank(FINANCIAL, { today: '2028-02-29' }), { ...PENALTY, retentionYears: 4 }, 'LEGAL_PERSON', false);
    expect(open(fourYears).retainedSince).toBe('2024-02-29');
  });
});

describe('gateShapeKey: viewers with the same key get the same gates', () => {
  it('is equal for two requests of one partner on one day with one purpose', () => {
    expect(gateShapeKey(bank(), undefined)).toBe(gateShapeKey(bank(), undefined));
  });

  it('differs with each property the gate reads', () => {
    const base = gateShapeKey(bank(), undefined);
    const variants = [
      gateShapeKey(bank(SUPERVISION), undefined),
      gateShapeKey(bank(FINANCIAL, { today: '2026-11-30' }), undefined),
      gateShapeKey(bank(FINANCIAL, { agency: { ...BANK, code: 'P_BANK_SZ' } }), undefined),
      gateShapeKey(bank(FINANCIAL, { agreements: [agreement('AG_OTHER', {})] }), undefined),
      gateShapeKey(viewer('DEPARTMENT', { agency: BANK, purpose: FINANCIAL }), undefined),
      gateShapeKey(bank(), 42),
    ];
    for (const v of variants) expect(v).not.toBe(base);
  });
});

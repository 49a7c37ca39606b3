/**
 * The serious-list law as pure functions (serious-list.rules.ts): whether a list may be used
 * at all (49号 四(六)(七): a legal basis, a published standard, ≥ 30 days of consultation
 * unless set by statute or the courts), the state an entry is in on a given day, and the
 * default texts of a notice.
 */
import type { ListType } from '../../catalog/measures.schema';
import {
  defaultMeasuresNotice, defaultRights, effectiveState, expiredOn, standardProblem, type EntryFacts,
} from './serious-list.rules';

type Standard = ListType['standard'];

/** A department-rule list like SAMR's, consulted 2021-03-01..2021-03-31 and published 2021-07-30. */
function listType(standard: Partial<Standard> = {}, over: Partial<ListType> = {}): ListType {
  return {
    code: 'SAMR_SERIOUS_VIOLATION',
    name: '市场监督管理严重违法失信名单',
    decidingSystem: 'SAMR',
    legalBasis: ['《企业信息公示暂行条例》第十七条'],
    category33: { fields: ['HEALTH_AND_LIFE_SAFETY', 'MARKET_AND_SOCIAL_ORDER'], basis: '国发〔2016〕33号' },
    standard: {
      level: 'DEPARTMENT_RULE',
      document: '市场监督管理严重违法失信名单管理办法',
      commentPeriod: { from: '2021-03-01', to: '2021-03-31' },
      publishedOn: '2021-07-30',
      ...standard,
    },
    catalogItem: { catalog: 'national-2024', code: '06-03-001' },
    removalConditions: '列入满三年的移出。',
    removalProcedure: '当事人向作出列入决定的部门申请。',
    remedies: '依法申请行政复议或者提起行政诉讼。',
    timeLimits: { objectionWindow: { workingDays: 10, startDayCounts: false, source: 'modelled' } },
    listingPeriodYears: 3,
    minDecidingLevel: 'COUNTY',
    listingTerritory: 'SUBJECT_AREA',
    ...over,
  };
}

describe('standardProblem: may entries of this list be notified today (49号 四(六)(七))', () => {
  it('allows a list with a basis, a published standard and a 31-day consultation', () => {
    expect(standardProblem(listType(), '2026-06-01')).toBeUndefined();
  });

  it('refuses a list that names no law, regulation or central policy, before anything else', () => {
    const problem = standardProblem(listType({ publishedOn: '2099-01-01', commentPeriod: null }, { legalBasis: [] }), '2026-06-01');
    expect(problem).toContain('list SAMR_SERIOUS_VIOLATION names no law, regulation or central policy');
    expect(problem).toContain('四(六)');
  });

  it('refuses notices before the standard is published and allows them from the day of publication', () => {
    const type = listType({ publishedOn: '2026-06-01' });
    expect(standardProblem(type, '2026-05-31')).toContain('is published only on 2026-06-01');
    expect(standardProblem(type, '2026-06-01')).toBeUndefined();
  });

  it('refuses an unpublished standard even when it was set by statute', () => {
    expect(standardProblem(listType({ level: 'LAW', commentPeriod: null, publishedOn: '2026-07-01' }), '2026-06-30')).toContain(
      'nobody may be listed under an unpublished standard',
    );
  });

  it.each(['LAW', 'JUDICIAL_INTERPRETATION'] as const)('needs no consultation for a standard set at level %s', (level) => {
    expect(standardProblem(listType({ level, commentPeriod: null }), '2026-06-01')).toBeUndefined();
  });

  it.each(['DEPARTMENT_RULE', 'ADMINISTRATIVE_REGULATION', 'CENTRAL_POLICY', 'LOCAL_REGULATION'] as const)(
    'refuses a %s standard that records no comment period',
    (level) => {
      expect(standardProblem(listType({ level, commentPeriod: null }), '2026-06-01')).toBe(
        `the listing standard of SAMR_SERIOUS_VIOLATION (${level}) records no public comment period; 49号 四(七) requires at least 30 days of consultation`,
      );
    },
  );

  it('counts both ends of the comment period: 2021-03-01..2021-03-30 is exactly the 30 days required', () => {
    expect(standardProblem(listType({ commentPeriod: { from: '2021-03-01', to: '2021-03-30' } }), '2026-06-01')).toBeUndefined();
  });

  it('refuses 29 days of consultation, naming the days and the period', () => {
    expect(standardProblem(listType({ commentPeriod: { from: '2021-03-01', to: '2021-03-29' } }), '2026-06-01')).toBe(
      'the listing standard of SAMR_SERIOUS_VIOLATION was open for comment 29 days (2021-03-01..2021-03-29); 49号 四(七) requires at least 30',
    );
  });

  it('counts calendar days across February: 2021-02-01..2021-03-02 is 30 days, 2024-02-01..2024-03-01 (a leap year) too', () => {
    expect(standardProblem(listType({ commentPeriod: { from: '2021-02-01', to: '2021-03-02' } }), '2026-06-01')).toBeUndefined();
    expect(standardProblem(listType({ commentPeriod: { from: '2024-02-01', to: '2024-03-01' } }), '2026-06-01')).toBeUndefined();
    expect(standardProblem(listType({ commentPeriod: { from: '2024-02-01', to: '2024-02-29' } }), '2026-06-01')).toContain('29 days');
  });
});

describe('effectiveState: the state an entry is in today', () => {
  const facts = (over: Partial<EntryFacts>): EntryFacts => ({ state: 'LISTED', listedUntil: '2026-12-31', removalReason: null, objectionPending: false, ...over });

  it('keeps a listing LISTED through the last day of its period', () => {
    expect(effectiveState(facts({}), '2026-12-31')).toEqual({ state: 'LISTED', removalReason: null, derived: false });
  });

  it('derives REMOVED (EXPIRED) from the day after the listing period, without anyone writing it', () => {
    expect(effectiveState(facts({}), '2027-01-01')).toEqual({ state: 'REMOVED', removalReason: 'EXPIRED', derived: true });
  });

  it('never expires a listing that has no end date', () => {
    expect(effectiveState(facts({ listedUntil: null }), '2099-01-01')).toEqual({ state: 'LISTED', removalReason: null, derived: false });
  });

  it('derives OBJECTED for a NOTIFIED entry with a pending objection the objections module has not written yet', () => {
    expect(effectiveState(facts({ state: 'NOTIFIED', listedUntil: null, objectionPending: true }), '2026-06-01')).toEqual({
      state: 'OBJECTED', removalReason: null, derived: true,
    });
  });

  it('leaves a NOTIFIED entry without objection NOTIFIED', () => {
    expect(effectiveState(facts({ state: 'NOTIFIED', listedUntil: null }), '2026-06-01')).toEqual({ state: 'NOTIFIED', removalReason: null, derived: false });
  });

  it('does not turn a LISTED entry into OBJECTED: an objection after the decision leaves the listing in force', () => {
    expect(effectiveState(facts({ objectionPending: true }), '2026-06-01').state).toBe('LISTED');
  });

  it('reports a written removal as stored, with its reason, even when its old period has passed', () => {
    expect(effectiveState(facts({ state: 'REMOVED', removalReason: 'REPAIRED' }), '2027-06-01')).toEqual({
      state: 'REMOVED', removalReason: 'REPAIRED', derived: false,
    });
  });

  it('reports DROPPED as stored', () => {
    expect(effectiveState(facts({ state: 'DROPPED', listedUntil: null }), '2026-06-01')).toEqual({ state: 'DROPPED', removalReason: null, derived: false });
  });
});

describe('expiredOn: the legal date a derived expiry took effect', () => {
  it('is the day after the listing period, across a year end and onto a leap day', () => {
    expect(expiredOn('2026-12-31')).toBe('2027-01-01');
    expect(expiredOn('2028-02-28')).toBe('2028-02-29');
    expect(expiredOn('2027-02-28')).toBe('2027-03-01');
  });
});

describe('notice texts (49号 四(八))', () => {
  it('states the objection deadline, inclusive, and the list\'s own remedies', () => {
    const text = defaultRights(listType(), '2026-10-16');
    expect(text).toContain('对拟列入市场监督管理严重违法失信名单的事由和依据有异议的');
    expect(text).toContain('可以在2026-10-16前（含当日）提出异议');
    expect(text.endsWith('对列入决定不服的，依法申请行政复议或者提起行政诉讼。')).toBe(true);
  });

  it('lists the measures tied to the list, in order, separated by semicolons (；)', () => {
    expect(defaultMeasuresNotice(listType(), ['限制参加政府采购活动', '列为重点监管对象'])).toBe(
      '列入市场监督管理严重违法失信名单后，可依法依规实施以下失信惩戒措施：限制参加政府采购活动；列为重点监管对象。',
    );
  });

  it('promises only the management measures of the law when no published measure is tied to the list', () => {
    expect(defaultMeasuresNotice(listType(), [])).toBe('列入市场监督管理严重违法失信名单后，依照有关法律、法规实施相应的管理措施。');
  });
});

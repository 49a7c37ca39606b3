import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Leniency, PublishRule } from '../../catalog/catalog.schema';
import { RegimesSchema } from '../../catalog/vocabulary.schema';
import { publicationWindow, type WindowItem } from './publication-window';

// The shipped regimes: the boundaries tested here are the law's dates, not a fixture's.
const regimes = RegimesSchema.parse(
  parse(readFileSync(join(__dirname, '../../catalog/data/publication-regimes.yaml'), 'utf8')),
).regimes;

const published = (period: Extract<PublishRule, { scope: 'PUBLIC' }>['period']): PublishRule => ({
  scope: 'PUBLIC', period, naturalPersons: 'NOT_PUBLISHED', naturalPersonsBasis: null,
});
const leniency: Leniency = {
  MINOR_SUBJECT: 'NOT_RECORDED', FORCE_MAJEURE: 'NOT_PUBLISHED', NOT_INTENTIONAL: 'SHORTENED', MINOR_BREACH: 'NONE',
};
const penalty: WindowItem = {
  code: '03-02-001', recordKind: 'PENALTY', dishonesty: true, publish: published({ basis: 'REGIME' }), leniency,
};
const licence: WindowItem = { code: '03-01-001', recordKind: 'LICENCE', dishonesty: false, publish: published({ basis: 'WHILE_VALID' }) };

const window = (decisionDate: string, severity: 'MINOR' | 'GENERAL' | 'SERIOUS', extra = {}) =>
  publicationWindow({ item: penalty, regimes, decisionDate, severity, ...extra });

describe('publicationWindow under the regime in force on the decision date', () => {
  it('applies the 2019 notice up to 2023-04-30 and Order 58 from 2023-05-01', () => {
    expect(window('2023-04-30', 'SERIOUS')).toEqual({
      regime: 'NDRC_2019_527', publishFrom: '2023-04-30', publishMinUntil: '2023-10-30', publishUntil: '2026-04-30', recorded: true,
    });
    expect(window('2023-05-01', 'SERIOUS')).toMatchObject({
      regime: 'NDRC_ORDER_58', publishMinUntil: '2023-08-01', publishUntil: '2026-05-01',
    });
  });

  it('applies Order 58 up to 2026-03-31 and Order 36 from 2026-04-01', () => {
    expect(window('2026-03-31', 'GENERAL')).toMatchObject({
      regime: 'NDRC_ORDER_58', publishMinUntil: '2026-06-30', publishUntil: '2029-03-31',
    });
    expect(window('2026-04-01', 'GENERAL')).toMatchObject({
      regime: 'NDRC_ORDER_36', publishMinUntil: '2026-07-01', publishUntil: '2027-04-01',
    });
  });

  it('gives each tier of the 2019 notice its own band', () => {
    expect(window('2020-06-15', 'MINOR')).toMatchObject({ publishMinUntil: '2020-09-15', publishUntil: '2021-06-15' });
    expect(window('2020-06-15', 'GENERAL')).toMatchObject({ publishMinUntil: '2020-09-15', publishUntil: '2021-06-15' });
    expect(window('2020-06-15', 'SERIOUS')).toMatchObject({ publishMinUntil: '2020-12-15', publishUntil: '2023-06-15' });
  });

  it('gives each tier of Order 36 its own band and does not publish a minor penalty', () => {
    expect(window('2026-05-10', 'MINOR')).toMatchObject({
      regime: 'NDRC_ORDER_36', publishFrom: null, publishMinUntil: null, publishUntil: null, recorded: true,
    });
    expect(window('2026-05-10', 'GENERAL')).toMatchObject({ publishMinUntil: '2026-08-10', publishUntil: '2027-05-10' });
    expect(window('2026-05-10', 'SERIOUS')).toMatchObject({ publishMinUntil: '2027-05-10', publishUntil: '2029-05-10' });
  });

  it('uses the one-year sector minimum of Order 58 for food, drugs and safety', () => {
    expect(window('2024-02-10', 'GENERAL', { sector: 'FOOD' })).toMatchObject({ publishMinUntil: '2025-02-10', publishUntil: '2027-02-10' });
    expect(window('2020-02-10', 'GENERAL', { sector: 'FOOD' })).toMatchObject({ publishMinUntil: '2020-05-10' });
  });

  it('clamps to the last day of a shorter month', () => {
    expect(window('2023-11-30', 'GENERAL')).toMatchObject({ publishMinUntil: '2024-02-29', publishUntil: '2026-11-30' });
    expect(window('2026-05-31', 'GENERAL')).toMatchObject({ publishMinUntil: '2026-08-31', publishUntil: '2027-05-31' });
    expect(window('2022-11-30', 'SERIOUS')).toMatchObject({ publishMinUntil: '2023-05-30' });
    expect(window('2025-12-31', 'GENERAL')).toMatchObject({ publishMinUntil: '2026-03-31' });
  });

  it('refuses a decision before 2017-07-31, naming the earliest date a modelled regime covers', () => {
    expect(() => window('2017-07-30', 'GENERAL')).toThrow(
      'decision date 2017-07-30 is before 2017-07-31, the earliest date a modelled publication regime covers (NDRC_2017_NOTICE, ' +
        '国家发展改革委办公厅通知（2017年，文号未核实）); the rules for publishing penalty information decided earlier were not found, ' +
        'so such a decision cannot be recorded (item 03-02-001)',
    );
  });

  it('refuses a decision date in a gap between regimes, naming the regimes', () => {
    const gapped = regimes.filter((r) => r.code !== 'NDRC_2019_527');
    expect(() => publicationWindow({ item: penalty, regimes: gapped, decisionDate: '2020-01-01', severity: 'GENERAL' })).toThrow(
      /no publication regime covers decision date 2020-01-01 \(item 03-02-001\); regimes: NDRC_2017_NOTICE 2017-07-31\.\.2019-06-30, NDRC_ORDER_58/,
    );
  });

  it('applies the 2017 notice\'s fixed year, or three years for a serious penalty, up to 2019-06-30', () => {
    expect(window('2017-07-31', 'GENERAL')).toEqual({
      regime: 'NDRC_2017_NOTICE', publishFrom: '2017-07-31', publishMinUntil: '2018-07-31', publishUntil: '2018-07-31', recorded: true,
    });
    expect(window('2019-06-30', 'SERIOUS')).toMatchObject({ regime: 'NDRC_2017_NOTICE', publishMinUntil: '2022-06-30', publishUntil: '2022-06-30' });
    expect(window('2019-07-01', 'SERIOUS')).toMatchObject({ regime: 'NDRC_2019_527', publishMinUntil: '2020-01-01', publishUntil: '2022-07-01' });
  });

  it('refuses a dishonesty record without a severity', () => {
    expect(() => publicationWindow({ item: penalty, regimes, decisionDate: '2024-01-01' })).toThrow(
      'item 03-02-001 is dishonesty information: the record needs a severity (MINOR, GENERAL or SERIOUS)',
    );
  });
});

describe('publicationWindow for the other period bases', () => {
  it('publishes a FIXED item for its own months', () => {
    const item: WindowItem = { ...penalty, publish: published({ basis: 'FIXED', minMonths: 6, maxMonths: 24 }) };
    expect(publicationWindow({ item, regimes, decisionDate: '2018-08-31', severity: 'GENERAL' })).toEqual({
      regime: null, publishFrom: '2018-08-31', publishMinUntil: '2019-02-28', publishUntil: '2020-08-31', recorded: true,
    });
  });

  it('publishes a WHILE_VALID item until its validity ends, or openly', () => {
    expect(publicationWindow({ item: licence, regimes, decisionDate: '2021-03-01', validUntil: '2026-02-28' })).toEqual({
      regime: null, publishFrom: '2021-03-01', publishMinUntil: null, publishUntil: '2026-02-28', recorded: true,
    });
    expect(publicationWindow({ item: licence, regimes, decisionDate: '2021-03-01' })).toMatchObject({ publishFrom: '2021-03-01', publishUntil: null });
  });

  it('gives no window to an item that is not published', () => {
    const item: WindowItem = { ...licence, publish: { scope: 'NONE' } };
    expect(publicationWindow({ item, regimes, decisionDate: '2021-03-01' })).toEqual({
      regime: null, publishFrom: null, publishMinUntil: null, publishUntil: null, recorded: true,
    });
  });

  it('refuses a leniency ground on an item that states no leniency treatment', () => {
    expect(() => publicationWindow({ item: licence, regimes, decisionDate: '2021-03-01', leniency: 'MINOR_BREACH' })).toThrow(
      /item 03-01-001 states no leniency treatment/,
    );
  });
});

describe('publicationWindow with a 49号 八(十六) leniency ground', () => {
  it('does not record at all when the item says NOT_RECORDED', () => {
    expect(window('2024-01-10', 'GENERAL', { leniency: 'MINOR_SUBJECT' })).toMatchObject({ recorded: false, publishFrom: null });
  });

  it('records without publishing when the item says NOT_PUBLISHED', () => {
    expect(window('2024-01-10', 'GENERAL', { leniency: 'FORCE_MAJEURE' })).toMatchObject({
      recorded: true, regime: 'NDRC_ORDER_58', publishFrom: null, publishMinUntil: null, publishUntil: null,
    });
  });

  it('publishes for the minimum period only when the item says SHORTENED', () => {
    expect(window('2024-01-10', 'SERIOUS', { leniency: 'NOT_INTENTIONAL' })).toMatchObject({
      recorded: true, publishFrom: '2024-01-10', publishMinUntil: '2024-04-10', publishUntil: '2024-04-10',
    });
  });

  it('leaves the window unchanged when the item says NONE', () => {
    expect(window('2024-01-10', 'SERIOUS', { leniency: 'MINOR_BREACH' })).toEqual(window('2024-01-10', 'SERIOUS'));
  });
});

describe('publicationWindow for 特定严重失信 (发改办财金〔2019〕527号)', () => {
  const revoked = (decisionDate: string, extra = {}) =>
    window(decisionDate, 'SERIOUS', { penaltyCategory: '吊销许可证件', ...extra });

  it('publishes a licence revocation in the food sector for exactly three years', () => {
    expect(revoked('2020-06-15', { sector: 'FOOD' })).toMatchObject({
      regime: 'NDRC_2019_527', publishFrom: '2020-06-15', publishMinUntil: '2023-06-15', publishUntil: '2023-06-15', specificSerious: '食品药品',
    });
  });

  it('publishes one for a named conduct, and leaves other serious penalties in the 6-month–3-year band', () => {
    expect(revoked('2021-02-01', { specificSeriousGround: '围标串标' })).toMatchObject({ publishMinUntil: '2024-02-01', specificSerious: '围标串标' });
    expect(revoked('2021-02-01')).toMatchObject({ publishMinUntil: '2021-08-01', publishUntil: '2024-02-01' });
    expect(revoked('2021-02-01').specificSerious).toBeUndefined();
    expect(window('2021-02-01', 'SERIOUS', { penaltyCategory: '罚款', sector: 'FOOD' }).specificSerious).toBeUndefined();
  });

  it('knows no 特定严重失信 under the other regimes', () => {
    expect(revoked('2023-05-01', { sector: 'FOOD' })).toMatchObject({ regime: 'NDRC_ORDER_58', publishMinUntil: '2024-05-01' });
    expect(() => revoked('2023-05-01', { specificSeriousGround: '围标串标' })).toThrow(/regime NDRC_ORDER_58 has no 特定严重失信 category/);
  });
});

describe('publicationWindow across the coming into force of Order 36 (2026-04-01)', () => {
  it('keeps Order 58\'s band for a record decided on 2026-03-31 and still published after 2026-04-01', () => {
    expect(window('2026-03-31', 'GENERAL')).toMatchObject({ regime: 'NDRC_ORDER_58', publishMinUntil: '2026-06-30', publishUntil: '2029-03-31' });
    expect(window('2025-01-15', 'MINOR')).toMatchObject({ regime: 'NDRC_ORDER_58', publishFrom: '2025-01-15', publishUntil: '2028-01-15' });
  });

  it('would re-band records still published on its first day if the regime said REBAND_STILL_PUBLISHED', () => {
    const reband = regimes.map((r) => (r.code === 'NDRC_ORDER_36'
      ? { ...r, earlierRecords: { treatment: 'REBAND_STILL_PUBLISHED' as const, basis: ['a transitional article'] } } : r));
    const at = (decisionDate: string, severity: 'MINOR' | 'GENERAL' | 'SERIOUS') =>
      publicationWindow({ item: penalty, regimes: reband, decisionDate, severity });
    // Order 36's one year from the decision, when that ends after 2026-03-31.
    expect(at('2025-06-10', 'GENERAL')).toMatchObject({ regime: 'NDRC_ORDER_36', publishMinUntil: '2026-03-31', publishUntil: '2026-06-10' });
    // A band that would have ended already stops on the last day of Order 58.
    expect(at('2024-02-10', 'GENERAL')).toMatchObject({ regime: 'NDRC_ORDER_36', publishMinUntil: '2026-03-31', publishUntil: '2026-03-31' });
    // Not published under Order 36: publication stops on 2026-03-31.
    expect(at('2025-06-10', 'MINOR')).toMatchObject({ regime: 'NDRC_ORDER_36', publishFrom: '2025-06-10', publishUntil: '2026-03-31' });
    // A record whose Order 58 window ended before 2026-04-01 keeps it.
    expect(at('2023-03-31', 'SERIOUS')).toMatchObject({ regime: 'NDRC_2019_527', publishUntil: '2026-03-31' });
    expect(at('2026-04-01', 'GENERAL')).toMatchObject({ regime: 'NDRC_ORDER_36', publishMinUntil: '2026-07-01', publishUntil: '2027-04-01' });
  });
});

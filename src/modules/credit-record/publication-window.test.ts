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

  it('refuses a decision date that no regime covers, naming the regimes', () => {
    expect(() => window('2019-06-30', 'GENERAL')).toThrow(
      /no publication regime covers decision date 2019-06-30 \(item 03-02-001\); regimes: NDRC_2019_527 2019-07-01\.\.2023-04-30/,
    );
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

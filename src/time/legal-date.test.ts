/**
 * Legal dates (legal-date.ts): the calendar date in China Standard Time whatever the server's
 * zone, and the calendar arithmetic publicity periods are counted with (months clamp to the
 * month's last day).
 */
import { addDays, addMonths, legalDate } from './legal-date';

describe('legalDate: the date in China at an instant', () => {
  it('turns at midnight China time, 16:00 UTC the day before', () => {
    expect(legalDate(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31');
    expect(legalDate(new Date('2026-03-31T16:00:00.000Z'))).toBe('2026-04-01');
  });

  it('reads an instant given with a China offset as that day', () => {
    expect(legalDate(new Date('2026-01-01T00:00:00+08:00'))).toBe('2026-01-01');
    expect(legalDate(new Date('2026-12-31T23:59:59.999+08:00'))).toBe('2026-12-31');
  });

  it('agrees with the time-zone database, across the daylight-saving years China had until 1991 and at every hour of the day since', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const differing: string[] = [];
    for (let t = Date.UTC(1986, 0, 1); t < Date.UTC(2060, 0, 1); t += 7 * 3_600_000 + 60_000) {
      if (legalDate(new Date(t)) !== zone.format(new Date(t))) differing.push(new Date(t).toISOString());
    }
    expect(differing).toEqual([]);
    // A daylight-saving night: 1990-07-01 00:30 in China was 1990-06-30 15:30 UTC (UTC+9 then).
    expect(legalDate(new Date('1990-06-30T15:30:00Z'))).toBe('1990-07-01');
  });
});

describe('addMonths: publicity periods in calendar months', () => {
  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths('2026-04-01', 3)).toBe('2026-07-01');
    expect(addMonths('2026-04-01', 36)).toBe('2029-04-01');
  });

  it('clamps to the last day of a shorter month (2026-01-31 + 1 month = 2026-02-28)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
  });

  it('moves a leap day to 28 February in a common year', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
  });

  it('crosses year ends in both directions', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15');
  });

  it('returns the date itself for zero months', () => {
    expect(addMonths('2026-02-28', 0)).toBe('2026-02-28');
  });
});

describe('addDays: calendar days', () => {
  it('adds and subtracts across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });
});

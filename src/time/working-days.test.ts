import { addWorkingDays, isWorkingDay } from './working-days';

describe('working days', () => {
  it('skip weekends', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-30', 3)).toBe('2026-12-03');
    expect(isWorkingDay('2026-11-29')).toBe(false);
  });

  it('honour holidays and adjusted working weekends given as data', () => {
    const calendar = { holidays: new Set(['2026-10-01', '2026-10-02']), workingWeekends: new Set(['2026-10-10']) };
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-05');
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
  });
});

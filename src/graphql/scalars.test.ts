import { LocalDateResolver } from 'graphql-scalars';
import { LocalDate } from './scalars';

const outcome = (serialize: (v: unknown) => unknown, value: unknown) => {
  try {
    return serialize(value);
  } catch (err) {
    return `refused: ${(err as Error).message}`;
  }
};

describe('LocalDate', () => {
  it('serialises exactly as graphql-scalars does: calendar dates as they are, anything else refused with its error', () => {
    const values: unknown[] = ['2024-02-29', '2023-02-29', '2100-02-29', '2000-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00',
      '2026-1-01', ' 2026-01-01', '2026-01-01T00:00:00Z', '', 20260101, null, new Date(0)];
    for (let t = Date.UTC(1899, 0, 1); t < Date.UTC(2101, 0, 1); t += 5 * 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      values.push(day, `${day.slice(0, 8)}29`, `${day.slice(0, 8)}30`, `${day.slice(0, 8)}31`, `${day.slice(0, 8)}32`);
    }
    const differing = values.filter((v) => outcome((x) => LocalDate.serialize(x), v) !== outcome((x) => LocalDateResolver.serialize(x), v));
    expect(differing).toEqual([]);
    expect(outcome((x) => LocalDate.serialize(x), '2023-02-29')).toMatch(/^refused: Value is not a valid LocalDate/);
  });

  it('keeps graphql-scalars\' name, description and input parsing', () => {
    expect(LocalDate.name).toBe(LocalDateResolver.name);
    expect(LocalDate.description).toBe(LocalDateResolver.description);
    expect(LocalDate.parseValue).toBe(LocalDateResolver.parseValue);
  });
});

/**
 * The builder's identifiers: every call a new valid code or number, never one of the demo
 * seed's (whose organisation bodies are digits or 'MA…', whose people are born from 1950).
 */
import { validateResidentId, validateUscc } from '../../../src/identifiers';
import { uniqueResidentId, uniqueUscc } from './identifiers';

describe('uniqueUscc', () => {
  it('gives valid, distinct codes of the region and kind asked for, outside the seed\'s bodies', () => {
    const codes = Array.from({ length: 500 }, (_, i) => uniqueUscc('320100', i % 2 === 1));
    expect(new Set(codes).size).toBe(500);
    for (const [i, code] of codes.entries()) {
      expect(validateUscc(code).ok).toBe(true);
      expect(code.slice(0, 2)).toBe(i % 2 === 1 ? '92' : '91');
      expect(code.slice(2, 8)).toBe('320100');
      expect(code.slice(8, 10)).toBe('TB');
    }
  });
});

describe('uniqueResidentId', () => {
  it('gives valid, distinct numbers of people born before 1950, across more than one birth day', () => {
    const numbers = Array.from({ length: 2500 }, () => uniqueResidentId('440300'));
    expect(new Set(numbers).size).toBe(2500);
    const births = new Set<string>();
    for (const n of numbers) {
      const check = validateResidentId(n, new Date('2026-12-01T00:00:00Z'));
      if (!check.ok) throw new Error(`${n}: ${check.message}`);
      expect(check.divisionCode).toBe('440300');
      expect(check.birthDate < '1950-01-01').toBe(true);
      births.add(check.birthDate);
    }
    expect(births.size).toBeGreaterThan(1);
  });
});

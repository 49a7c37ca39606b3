import fc from 'fast-check';
import { isValidResidentId, makeResidentId, validateResidentId } from './resident-id';

// Checks which typing errors the MOD 11-2 check character actually catches.

const TODAY = new Date('2024-06-01T00:00:00Z');

const validId = fc
  .record({
    divisionCode: fc.integer({ min: 110000, max: 829999 }).map(String),
    birth: fc.date({
      min: new Date('1850-01-01T00:00:00Z'),
      max: new Date('2023-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ divisionCode, birth, sequence }) =>
    makeResidentId({ divisionCode, birthDate: birth.toISOString().slice(0, 10), sequence }),
  );

describe('error detection', () => {
  it('makes numbers that validate, with sex following the sequence parity', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const r = validateResidentId(id, TODAY);
        return r.ok && r.sex === (Number(id[16]) % 2 === 1 ? 'M' : 'F');
      }),
    );
  });

  it('catches any single-character change other than x/X case', () => {
    const anyChar = fc.oneof(
      fc.constantFrom(...'0123456789X'),
      fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)),
    );
    fc.assert(
      fc.property(validId, fc.nat(17), anyChar, (id, i, c) => {
        fc.pre(c.toUpperCase() !== id[i]);
        return !isValidResidentId(id.slice(0, i) + c + id.slice(i + 1), TODAY);
      }),
      { numRuns: 5000 },
    );
  });

  it('catches swapping any two different adjacent characters', () => {
    fc.assert(
      fc.property(validId, fc.nat(16), (id, i) => {
        fc.pre(id[i] !== id[i + 1]);
        return !isValidResidentId(id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2), TODAY);
      }),
      { numRuns: 5000 },
    );
  });

  it('cannot catch swapping two digits ten places apart, whose weights are equal', () => {
    // Positions 4 and 14 both weigh 5 (2 has order 10 mod 11), so the sum does not change.
    expect(isValidResidentId('110101199003074477', TODAY)).toBe(true);
    expect(isValidResidentId('110701199003014477', TODAY)).toBe(true);
  });
});

import { isValidResidentId, isValidUscc } from '../identifiers';
import { ageOn, generatedPerson, subjectUscc } from './identities';

describe('generated identifiers', () => {
  it('gives distinct, valid codes to every subject id, old-style and new-style', () => {
    const codes = new Set<string>();
    for (let id = 1; id <= 20_000; id++) {
      const code = subjectUscc(49, id, id % 7 === 0, '320102', id % 2 ? '2012-05-01' : '2019-05-01');
      expect(isValidUscc(code)).toBe(true);
      codes.add(code.slice(8, 17));
    }
    expect(codes.size).toBe(20_000);
  });

  it('uses MA bodies for subjects registered after the 2015 reform', () => {
    expect(subjectUscc(49, 12, false, '440305', '2020-01-01')).toMatch(/^91440305MA/);
    expect(subjectUscc(49, 12, true, '440305', '2010-01-01')).toMatch(/^92440305\d{8}/);
  });

  it('gives distinct, valid ID numbers to every person index and reads sex and birth back', () => {
    const numbers = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const p = generatedPerson(49, i);
      expect(isValidResidentId(p.idNumber, new Date('2026-01-01'))).toBe(true);
      expect(p.idNumber.slice(6, 14)).toBe(p.birthDate.replace(/-/g, ''));
      expect(p.male).toBe(Number(p.idNumber[16]) % 2 === 1);
      numbers.add(p.idNumber);
    }
    expect(numbers.size).toBe(20_000);
  });

  it('counts age in whole years', () => {
    expect([ageOn('1978-06-15', '2026-06-14'), ageOn('1978-06-15', '2026-06-15')]).toEqual([47, 48]);
  });
});

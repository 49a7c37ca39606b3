import fc from 'fast-check';
import { DIVISIONS } from './divisions';
import { USCC_CHARSET, isValidUscc, makeUscc } from './uscc';
import { USCC_AUTHORITIES } from './uscc-registry';

// Checks which typing errors the GB 32100 check characters actually catch.

const VALID = [
  '91320100748204660Q',
  '91110108551385082Q',
  '11420000MB15291767',
  '9144030071526726XG',
  '91440300708461136T',
  '91110000600037341L',
];

const PAIRS: Array<[string, string]> = Object.entries(USCC_AUTHORITIES).flatMap(([a, { categories }]) =>
  (categories === 'ANY' ? [...USCC_CHARSET] : Object.keys(categories)).map((c): [string, string] => [a, c]),
);

const validUscc = fc
  .record({
    pair: fc.constantFrom(...PAIRS),
    divisionCode: fc.constantFrom(...DIVISIONS.map((d) => d.code)),
    orgBody8: fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 8, maxLength: 8 }).map((a) => a.join('')),
  })
  .map(({ pair: [authority, category], divisionCode, orgBody8 }) =>
    makeUscc({ authority, category, divisionCode, orgBody8 }),
  );

const anyChar = fc.oneof(
  fc.constantFrom(...USCC_CHARSET),
  fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)),
  fc.constantFrom('ß', 'ı', 'Ｑ', '\t'),
);

describe('error detection', () => {
  it('catches every single-character substitution in the real examples (exhaustive)', () => {
    const missed: string[] = [];
    for (const code of VALID) {
      for (let i = 0; i < 18; i++) {
        for (const c of USCC_CHARSET) {
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          if (c !== code[i] && isValidUscc(changed)) missed.push(changed);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('catches any single-character change other than letter case', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), anyChar, (code, i, c) => {
        fc.pre(c.toUpperCase() !== code[i]);
        return !isValidUscc(code.slice(0, i) + c + code.slice(i + 1));
      }),
      { numRuns: 5000 },
    );
  });

  it('catches swapping any two different characters, except first with last', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), fc.nat(17), (code, i, j) => {
        fc.pre(i < j && code[i] !== code[j] && !(i === 0 && j === 17));
        const chars = [...code];
        [chars[i], chars[j]] = [chars[j]!, chars[i]!];
        return !isValidUscc(chars.join(''));
      }),
      { numRuns: 5000 },
    );
  });

  it('cannot catch swapping the first and last characters when both read as valid authorities', () => {
    // Position 18 carries an implicit weight of 1, the same as W1, so the MOD 31 sum is unchanged.
    let code = '';
    for (let n = 0; !code.endsWith('9'); n++) {
      code = makeUscc({ authority: '1', category: '1', divisionCode: '110101', orgBody8: String(n).padStart(8, '0') });
    }
    const swapped = `9${code.slice(1, 17)}1`;
    expect(isValidUscc(code)).toBe(true);
    expect(isValidUscc(swapped)).toBe(true);
  });
});

import { isValidResidentId, makeResidentId, residentIdCheckCharacter, validateResidentId } from './resident-id';

const TODAY = new Date('2024-06-01T00:00:00Z');
const prefix = 'resident ID number (居民身份证号码): ';

describe('validateResidentId', () => {
  it.each([
    ['11010519491231002X', '110105', '1949-12-31', 'F'],
    ['440524188001010014', '440524', '1880-01-01', 'M'],
    ['110101199003074477', '110101', '1990-03-07', 'M'],
  ])('accepts %s (division %s, born %s, sex %s)', (number, divisionCode, birthDate, sex) => {
    expect(validateResidentId(number, TODAY)).toEqual({ ok: true, number, divisionCode, birthDate, sex });
  });

  it('accepts a lower-case x and returns it upper-cased', () => {
    expect(validateResidentId(' 11010519491231002x ', TODAY)).toMatchObject({ ok: true, number: '11010519491231002X' });
  });

  it('reports LENGTH with the actual length', () => {
    expect(validateResidentId('1101051949123100', TODAY)).toEqual({
      ok: false,
      reason: 'LENGTH',
      message: `${prefix}must be 18 characters, got 16 (GB 11643)`,
    });
  });

  it('reports CHARSET for a non-digit, allowing X only in the last position', () => {
    expect(validateResidentId('1101X519491231002X', TODAY)).toEqual({
      ok: false,
      reason: 'CHARSET',
      message: `${prefix}character at position 5 must be a digit (GB 11643)`,
    });
    expect(validateResidentId('11010519491231002Y', TODAY)).toMatchObject({
      reason: 'CHARSET',
      message: `${prefix}character at position 18 must be a digit or X (GB 11643)`,
    });
  });

  it('reports BIRTH_DATE for a date that is not on the calendar', () => {
    const feb30 = '110105' + '19490230' + '002';
    expect(validateResidentId(feb30 + residentIdCheckCharacter(feb30), TODAY)).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
      message: `${prefix}birth date (出生日期, positions 7-14) is not a real calendar date YYYYMMDD (GB 11643)`,
    });
  });

  it('knows 2000-02-29 existed and 1900-02-29 did not', () => {
    const leap = '110105' + '20000229' + '002';
    const notLeap = '110105' + '19000229' + '002';
    expect(isValidResidentId(leap + residentIdCheckCharacter(leap), TODAY)).toBe(true);
    expect(isValidResidentId(notLeap + residentIdCheckCharacter(notLeap), TODAY)).toBe(false);
  });

  it('reports BIRTH_DATE for a birth year before 1850', () => {
    const old = '110105' + '18491231' + '002';
    expect(validateResidentId(old + residentIdCheckCharacter(old), TODAY)).toMatchObject({
      reason: 'BIRTH_DATE',
      message: `${prefix}birth year (positions 7-10) is before 1850 (GB 11643)`,
    });
  });

  it('reports BIRTH_DATE for a birth date after the given today', () => {
    const id = makeResidentId({ divisionCode: '110105', birthDate: '2024-06-02', sequence: 1 });
    expect(validateResidentId(id, TODAY)).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
      message: `${prefix}birth date (出生日期, positions 7-14) is after today (2024-06-01, Beijing time) (GB 11643)`,
    });
    expect(isValidResidentId(id, new Date('2024-06-02T00:00:00Z'))).toBe(true);
  });

  it('judges "today" by the Beijing date, not UTC', () => {
    const id = makeResidentId({ divisionCode: '110105', birthDate: '2024-03-07', sequence: 1 });
    expect(isValidResidentId(id, new Date('2024-03-06T17:00:00Z'))).toBe(true); // 01:00 on 7 March in Beijing
    expect(isValidResidentId(id, new Date('2024-03-06T15:00:00Z'))).toBe(false); // 23:00 on 6 March in Beijing
  });

  it('reports CHECK_CHARACTER without echoing any part of the number', () => {
    const r = validateResidentId('110101199003074478', TODAY);
    expect(r).toEqual({
      ok: false,
      reason: 'CHECK_CHARACTER',
      message:
        `${prefix}check character (校验码, position 18) does not match the first 17 digits; ` +
        'a digit is probably mistyped (GB 11643)',
    });
  });

  it('never puts the number or its birth date in a message', () => {
    for (const bad of ['110101199003074478', '110101199013074477', '1101011990030744']) {
      const r = validateResidentId(bad, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toMatch(/1101|1990|0307/);
    }
  });

  it('refuses an invalid today', () => {
    expect(() => validateResidentId('110101199003074477', new Date('nope'))).toThrow(RangeError);
  });
});

describe('residentIdCheckCharacter', () => {
  it('computes the MOD 11-2 check character, including X', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('1101051949123100A')).toThrow(RangeError);
  });
});

describe('makeResidentId', () => {
  it('rebuilds the real examples from their parts', () => {
    expect(makeResidentId({ divisionCode: '110105', birthDate: '1949-12-31', sequence: 2 })).toBe('11010519491231002X');
    expect(makeResidentId({ divisionCode: '440524', birthDate: '1880-01-01', sequence: 1 })).toBe('440524188001010014');
    expect(makeResidentId({ divisionCode: '110101', birthDate: '1990-03-07', sequence: 447 })).toBe(
      '110101199003074477',
    );
  });

  it('refuses parts that could not form a valid number', () => {
    const ok = { divisionCode: '110105', birthDate: '1949-12-31', sequence: 2 };
    expect(() => makeResidentId({ ...ok, divisionCode: '11010' })).toThrow(/divisionCode/);
    expect(() => makeResidentId({ ...ok, birthDate: '1949-02-30' })).toThrow(/birthDate/);
    expect(() => makeResidentId({ ...ok, birthDate: '1849-12-31' })).toThrow(/birthDate/);
    expect(() => makeResidentId({ ...ok, birthDate: '19491231' })).toThrow(/birthDate/);
    expect(() => makeResidentId({ ...ok, sequence: 1000 })).toThrow(/sequence/);
    expect(() => makeResidentId({ ...ok, sequence: 1.5 })).toThrow(/sequence/);
  });
});

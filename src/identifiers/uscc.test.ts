import { USCC_CHARSET, isValidUscc, makeUscc, orgCodeCheckCharacter, usccCheckCharacter, validateUscc } from './uscc';

const VALID = [
  '91320100748204660Q',
  '91110108551385082Q',
  '11420000MB15291767',
  '9144030071526726XG',
  '91440300708461136T',
  '91110000600037341L',
];

function reasonOf(code: string): string | undefined {
  const r = validateUscc(code);
  return r.ok ? undefined : r.reason;
}

describe('validateUscc', () => {
  it.each(VALID)('accepts the real code %s', (code) => {
    expect(validateUscc(code)).toEqual({
      ok: true,
      code,
      authority: code[0],
      category: code[1],
      divisionCode: code.slice(2, 8),
      orgCode: code.slice(8, 17),
    });
  });

  it('trims and upper-cases its input before checking', () => {
    const r = validateUscc('  9144030071526726xg\n');
    expect(r).toMatchObject({ ok: true, code: '9144030071526726XG' });
  });

  it('rejects 91330000MA27U0F35B because its check character should be E', () => {
    expect(validateUscc('91330000MA27U0F35B')).toEqual({
      ok: false,
      reason: 'CHECK_CHARACTER',
      message: 'unified social credit code 91330000MA27U0F35B: check character (校验码) is B, expected E (GB 32100)',
    });
    // Its embedded organisation code is also wrong; the full-code check is reported first.
    expect(orgCodeCheckCharacter('MA27U0F3')).toBe('0');
  });

  it('reports LENGTH with the actual length', () => {
    expect(validateUscc('9132010074820466')).toEqual({
      ok: false,
      reason: 'LENGTH',
      message: 'unified social credit code 9132010074820466: must be 18 characters (统一社会信用代码), got 16 (GB 32100)',
    });
    expect(validateUscc('   ')).toMatchObject({ reason: 'LENGTH', message: expect.stringContaining('"": must be 18') });
  });

  it('reports CHARSET naming the first forbidden character and its position', () => {
    expect(validateUscc('91320100748O04660Q')).toEqual({
      ok: false,
      reason: 'CHARSET',
      message:
        'unified social credit code 91320100748O04660Q: character "O" at position 12 is not allowed; ' +
        'use digits and capital letters other than I, O, S, V, Z (GB 32100)',
    });
  });

  it('reports AUTHORITY_CATEGORY for an undefined registration authority', () => {
    expect(validateUscc('B1320100748204660Q')).toMatchObject({
      reason: 'AUTHORITY_CATEGORY',
      message: expect.stringContaining(
        'registration authority code (登记管理部门代码) B is not defined; expected one of 1, 2, 3, 4, 5, 6, 7, 8, 9, A, N, Y',
      ),
    });
  });

  it('reports AUTHORITY_CATEGORY listing the categories the authority allows', () => {
    expect(validateUscc('94320100748204660Q')).toEqual({
      ok: false,
      reason: 'AUTHORITY_CATEGORY',
      message:
        'unified social credit code 94320100748204660Q: registration authority 9 (工商) has no institution category ' +
        '(机构类别代码) 4; allowed: 1 企业, 2 个体工商户, 3 农民专业合作社 (GB 32100)',
    });
  });

  it('accepts any category under authority Y (其他)', () => {
    const code = makeUscc({ authority: 'Y', category: 'K', divisionCode: '110101', orgBody8: '12345678' });
    expect(isValidUscc(code)).toBe(true);
  });

  it('reports DIVISION when positions 3-8 do not start with a province-level code', () => {
    expect(validateUscc('91990100748204660Q')).toEqual({
      ok: false,
      reason: 'DIVISION',
      message:
        'unified social credit code 91990100748204660Q: division code (登记管理机关行政区划码) 990100 at positions 3-8 ' +
        'must be 6 digits starting with a province-level code (GB/T 2260)',
    });
    expect(reasonOf('9132A100748204660Q')).toBe('DIVISION');
  });

  it('accepts the central-level division 100000 (e.g. 清华大学)', () => {
    expect(isValidUscc('12100000400000624D')).toBe(true);
  });

  it('reports ORG_CODE_CHECK when only the embedded organisation code is wrong', () => {
    const first17 = '91320100748204661'; // real org code 74820466-0 with its check digit changed
    const code = first17 + usccCheckCharacter(first17);
    expect(validateUscc(code)).toEqual({
      ok: false,
      reason: 'ORG_CODE_CHECK',
      message:
        `unified social credit code ${code}: embedded organisation code (组织机构代码) 74820466-1 ` +
        'has check character 1, expected 0 (GB 11714)',
    });
  });
});

describe('check characters', () => {
  it('maps a weighted sum divisible by 31 to check character 0, not 31', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('maps organisation-code results 10 to X and 11 to 0', () => {
    expect(orgCodeCheckCharacter('71526726')).toBe('X');
    expect(orgCodeCheckCharacter('74820466')).toBe('0');
  });

  it('refuses input of the wrong length or alphabet', () => {
    expect(() => usccCheckCharacter('9132010074820466')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9132010074820466I')).toThrow(RangeError);
    expect(() => orgCodeCheckCharacter('7482046')).toThrow(RangeError);
    expect(() => orgCodeCheckCharacter('7482046a')).toThrow(RangeError);
  });
});

describe('makeUscc', () => {
  it('rebuilds each real example from its parts', () => {
    for (const code of VALID) {
      const [authority, category] = [code[0]!, code[1]!];
      expect(makeUscc({ authority, category, divisionCode: code.slice(2, 8), orgBody8: code.slice(8, 16) })).toBe(code);
    }
  });

  it('refuses parts that could not form a valid code', () => {
    const ok = { authority: '9', category: '1', divisionCode: '110101', orgBody8: 'MA01ABCD' };
    expect(() => makeUscc({ ...ok, category: '9' })).toThrow(/no institution category/);
    expect(() => makeUscc({ ...ok, category: '12' })).toThrow(RangeError);
    expect(() => makeUscc({ ...ok, divisionCode: '000000' })).toThrow(/divisionCode/);
    expect(() => makeUscc({ ...ok, orgBody8: 'MA01ABCI' })).toThrow(/orgBody8/);
    expect(() => makeUscc(ok)).not.toThrow();
  });
});

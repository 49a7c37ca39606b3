import * as identifiers from './index';

describe('the identifiers module', () => {
  it('exports its public API from one entry point', () => {
    const expected = [
      'DIVISIONS', 'MIN_BIRTH_YEAR', 'USCC_AUTHORITIES', 'USCC_CHARSET',
      'createIdNumberVault', 'createRng', 'isPlausibleDivisionCode', 'isValidResidentId', 'isValidUscc',
      'makeResidentId', 'makeUscc', 'orgCodeCheckCharacter', 'parseKey', 'randomResidentId', 'randomUscc',
      'residentIdCheckCharacter', 'usccCheckCharacter', 'validateResidentId', 'validateUscc',
    ];
    expect(Object.keys(identifiers).sort()).toEqual(expected.sort());
  });
});

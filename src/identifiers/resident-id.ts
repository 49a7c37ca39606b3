/** Resident identity card number (居民身份证号码, GB 11643-1999): validation and construction. */

// ISO 7064 MOD 11-2: weight i is 2^(18-i) mod 11; all are non-zero mod 11, so
// any single mistyped digit changes the check character.
const WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Earliest birth year accepted; older numbers are data-entry errors, not people. */
export const MIN_BIRTH_YEAR = 1850;

export type ResidentIdInvalidReason = 'LENGTH' | 'CHARSET' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

export type ResidentIdCheck =
  | { ok: true; number: string; divisionCode: string; birthDate: string; sex: 'M' | 'F' }
  | { ok: false; reason: ResidentIdInvalidReason; message: string };

/** Returns the MOD 11-2 check character (0-9 or X) for 17 digits; throws RangeError otherwise. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// Numbers are issued in China, so "today" is the Beijing (UTC+8, no DST) date
// rather than the server's: a baby born this morning in Beijing is valid even
// when it is still yesterday in UTC.
function beijingDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// Messages never contain the number or any part of it (birth date included):
// it is personal data, and messages end up in logs and API error responses.
function fail(reason: ResidentIdInvalidReason, detail: string): ResidentIdCheck {
  return { ok: false, reason, message: `resident ID number (居民身份证号码): ${detail} (GB 11643)` };
}

/**
 * Checks length, characters, birth date (real, ≥ 1850, not after `today` in Beijing)
 * and the check character; on success returns the normalised number (trimmed, upper-case X) and its parts.
 */
export function validateResidentId(input: string, today: Date = new Date()): ResidentIdCheck {
  if (Number.isNaN(today.getTime())) throw new RangeError('today must be a valid Date');
  const number = input.trim().replace(/x/g, 'X');
  if (number.length !== 18) return fail('LENGTH', `must be 18 characters, got ${number.length}`);
  const bad = [...number].findIndex((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
  if (bad >= 0) {
    const allowed = bad === 17 ? 'a digit or X' : 'a digit';
    return fail('CHARSET', `character at position ${bad + 1} must be ${allowed}`);
  }
  const year = Number(number.slice(6, 10));
  const month = Number(number.slice(10, 12));
  const day = Number(number.slice(12, 14));
  if (year < MIN_BIRTH_YEAR) return fail('BIRTH_DATE', `birth year (positions 7-10) is before ${MIN_BIRTH_YEAR}`);
  if (!isCalendarDate(year, month, day)) {
    return fail('BIRTH_DATE', 'birth date (出生日期, positions 7-14) is not a real calendar date YYYYMMDD');
  }
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  const todayInBeijing = beijingDate(today);
  if (birthDate > todayInBeijing) {
    return fail('BIRTH_DATE', `birth date (出生日期, positions 7-14) is after today (${todayInBeijing}, Beijing time)`);
  }
  if (number[17] !== residentIdCheckCharacter(number.slice(0, 17))) {
    return fail(
      'CHECK_CHARACTER',
      'check character (校验码, position 18) does not match the first 17 digits; a digit is probably mistyped',
    );
  }
  // The 17th digit is the last digit of the sequence code: odd for men, even for women.
  const sex = Number(number[16]) % 2 === 1 ? 'M' : 'F';
  return { ok: true, number, divisionCode: number.slice(0, 6), birthDate, sex };
}

/** True exactly when validateResidentId(input, today).ok. */
export function isValidResidentId(input: string, today?: Date): boolean {
  return validateResidentId(input, today).ok;
}

/**
 * Builds a number with its check character from a 6-digit division code, a real
 * YYYY-MM-DD birth date (year ≥ 1850; not compared with today) and a sequence 0..999; throws RangeError otherwise.
 */
export function makeResidentId(parts: { divisionCode: string; birthDate: string; sequence: number }): string {
  const { divisionCode, birthDate, sequence } = parts;
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError('divisionCode must be 6 digits');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || Number(m[1]) < MIN_BIRTH_YEAR || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`birthDate must be a real date YYYY-MM-DD from ${MIN_BIRTH_YEAR} on`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError('sequence must be an integer 0..999');
  }
  const first17 = divisionCode + m[1] + m[2] + m[3] + String(sequence).padStart(3, '0');
  return first17 + residentIdCheckCharacter(first17);
}

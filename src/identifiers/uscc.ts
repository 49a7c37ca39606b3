/** Unified social credit code (统一社会信用代码, GB 32100-2015): validation and construction. */
import { isPlausibleDivisionCode } from './divisions';
import { authorityCategoryProblem } from './uscc-registry';

/** The 31-character GB 32100 alphabet (no I, O, S, V, Z); a character's value is its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Wi = 3^(i-1) mod 31. Every weight is non-zero mod the prime 31, so any single
// substitution shifts the sum by a non-multiple of 31 and is always detected.
const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714 weights for the embedded organisation code body (positions 9-16).
const ORG_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

const USCC_CHAR = new RegExp(`^[${USCC_CHARSET}]$`);
const USCC_17 = new RegExp(`^[${USCC_CHARSET}]{17}$`);

export type UsccInvalidReason =
  | 'LENGTH'
  | 'CHARSET'
  | 'AUTHORITY_CATEGORY'
  | 'DIVISION'
  | 'ORG_CODE_CHECK'
  | 'CHECK_CHARACTER';

export type UsccCheck =
  | { ok: true; code: string; authority: string; category: string; divisionCode: string; orgCode: string }
  | { ok: false; reason: UsccInvalidReason; message: string };

/** Returns the check character (position 18) for 17 GB 32100 characters; throws RangeError otherwise. */
export function usccCheckCharacter(first17: string): string {
  if (!USCC_17.test(first17)) {
    throw new RangeError(`usccCheckCharacter needs 17 characters from ${USCC_CHARSET}, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  // 31 - 0 would be 31, which the standard maps to 0.
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Returns the GB 11714 check character (0-9 or X) for an 8-character [0-9A-Z] body; throws RangeError otherwise. */
export function orgCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError(`orgCodeCheckCharacter needs 8 characters from 0-9 and A-Z, got ${JSON.stringify(first8)}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!; // A=10 … Z=35
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

// Only ASCII letters are upper-cased: String#toUpperCase maps e.g. 'ß' to 'SS'
// and 'ı' to 'I', which would turn garbage into something that looks like a code.
function normalise(input: string): string {
  return input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
}

function shown(code: string): string {
  if (/^[0-9A-Z]+$/.test(code)) return code.length > 40 ? `${code.slice(0, 40)}…` : code;
  return JSON.stringify(code.length > 40 ? `${code.slice(0, 40)}…` : code);
}

/** Checks structure and both check characters; on success returns the trimmed, upper-cased code and its parts. */
export function validateUscc(input: string): UsccCheck {
  const code = normalise(input);
  const fail = (reason: UsccInvalidReason, detail: string, standard = 'GB 32100'): UsccCheck => ({
    ok: false,
    reason,
    message: `unified social credit code ${shown(code)}: ${detail} (${standard})`,
  });

  if (code.length !== 18) return fail('LENGTH', `must be 18 characters (统一社会信用代码), got ${code.length}`);
  const bad = [...code].findIndex((c) => !USCC_CHAR.test(c));
  if (bad >= 0) {
    return fail(
      'CHARSET',
      `character ${JSON.stringify(code[bad])} at position ${bad + 1} is not allowed; ` +
        'use digits and capital letters other than I, O, S, V, Z',
    );
  }
  const authority = code[0]!;
  const category = code[1]!;
  const problem = authorityCategoryProblem(authority, category);
  if (problem) return fail('AUTHORITY_CATEGORY', problem);
  const divisionCode = code.slice(2, 8);
  if (!isPlausibleDivisionCode(divisionCode)) {
    return fail(
      'DIVISION',
      `division code (登记管理机关行政区划码) ${divisionCode} at positions 3-8 must be 6 digits ` +
        'starting with a province-level code',
      'GB/T 2260',
    );
  }
  // The MOD 31 check covers all 17 characters, so it is reported first: a typo
  // anywhere (including in the organisation code) shows up here. The embedded
  // GB 11714 check then catches codes whose final character was computed over
  // an organisation code that was itself never valid.
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return fail('CHECK_CHARACTER', `check character (校验码) is ${code[17]}, expected ${expected}`);
  }
  const orgCode = code.slice(8, 17);
  const orgExpected = orgCodeCheckCharacter(orgCode.slice(0, 8));
  if (orgCode[8] !== orgExpected) {
    return fail(
      'ORG_CODE_CHECK',
      `embedded organisation code (组织机构代码) ${orgCode.slice(0, 8)}-${orgCode[8]} has check character ` +
        `${orgCode[8]}, expected ${orgExpected}`,
      'GB 11714',
    );
  }
  return { ok: true, code, authority, category, divisionCode, orgCode };
}

/** True exactly when validateUscc(input).ok. */
export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}

/** Builds a valid code from its parts, computing both check characters; throws RangeError on an invalid part. */
export function makeUscc(parts: {
  authority: string;
  category: string;
  divisionCode: string;
  orgBody8: string;
}): string {
  const { authority, category, divisionCode, orgBody8 } = parts;
  if (!USCC_CHAR.test(authority) || !USCC_CHAR.test(category)) {
    throw new RangeError(`authority and category must each be one character from ${USCC_CHARSET}`);
  }
  const problem = authorityCategoryProblem(authority, category);
  if (problem) throw new RangeError(problem);
  if (!isPlausibleDivisionCode(divisionCode)) {
    throw new RangeError(`divisionCode ${JSON.stringify(divisionCode)} must be a 6-digit GB/T 2260 code`);
  }
  if (!new RegExp(`^[${USCC_CHARSET}]{8}$`).test(orgBody8)) {
    throw new RangeError(`orgBody8 must be 8 characters from ${USCC_CHARSET}, got ${JSON.stringify(orgBody8)}`);
  }
  const first17 = authority + category + divisionCode + orgBody8 + orgCodeCheckCharacter(orgBody8);
  return first17 + usccCheckCharacter(first17);
}

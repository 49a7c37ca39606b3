/** Deterministic generators of valid identifiers for synthetic data (never real people or entities). */
import { DIVISIONS } from './divisions';
import { MIN_BIRTH_YEAR, makeResidentId } from './resident-id';
import { type Rng, pick, randomInt } from './rng';
import { USCC_CHARSET, makeUscc } from './uscc';

export { DIVISIONS };

export type UsccKind = 'ENTERPRISE' | 'INDIVIDUAL_BUSINESS' | 'GOVERNMENT' | 'SOCIAL_ORG';

// Registration authority and institution category per kind (GB 32100 Table 1).
const KIND_CODES: Readonly<Record<UsccKind, { authority: string; category: string }>> = {
  ENTERPRISE: { authority: '9', category: '1' }, // 工商 · 企业
  INDIVIDUAL_BUSINESS: { authority: '9', category: '2' }, // 工商 · 个体工商户
  GOVERNMENT: { authority: '1', category: '1' }, // 机构编制 · 机关
  SOCIAL_ORG: { authority: '5', category: '1' }, // 民政 · 社会团体
};

const MS_PER_DAY = 86_400_000;
const DEFAULT_MIN_YEAR = 1940;
// A fixed default rather than "this year" keeps output independent of the clock.
const DEFAULT_MAX_YEAR = 2005;

/** Returns a valid code of the given kind in divisionCode (default: a random DIVISIONS entry); throws RangeError if bad. */
export function randomUscc(rng: Rng, kind: UsccKind, divisionCode?: string): string {
  const codes = KIND_CODES[kind];
  if (!codes) throw new RangeError(`unknown USCC kind ${JSON.stringify(kind)}`);
  const division = divisionCode ?? pick(rng, DIVISIONS).code;
  let orgBody8 = '';
  for (let i = 0; i < 8; i++) orgBody8 += USCC_CHARSET[randomInt(rng, USCC_CHARSET.length)];
  return makeUscc({ ...codes, divisionCode: division, orgBody8 });
}

/**
 * Returns a valid number with a birth date uniform over [minYear-01-01, maxYear-12-31]
 * (defaults 1940..2005) and a uniform sequence 0..999; throws RangeError on a bad range.
 */
export function randomResidentId(
  rng: Rng,
  options: { divisionCode?: string; minYear?: number; maxYear?: number } = {},
): string {
  const { minYear = DEFAULT_MIN_YEAR, maxYear = DEFAULT_MAX_YEAR } = options;
  // A birth date after today would not validate, so the range must end in a past year.
  const lastAllowed = new Date().getUTCFullYear() - 1;
  const integers = Number.isInteger(minYear) && Number.isInteger(maxYear);
  if (!integers || minYear < MIN_BIRTH_YEAR || maxYear > lastAllowed || minYear > maxYear) {
    throw new RangeError(`years must be integers with ${MIN_BIRTH_YEAR} <= minYear <= maxYear <= ${lastAllowed}`);
  }
  const division = options.divisionCode ?? pick(rng, DIVISIONS).code;
  const first = Date.UTC(minYear, 0, 1) / MS_PER_DAY;
  const days = Date.UTC(maxYear, 11, 31) / MS_PER_DAY - first + 1;
  const birthDate = new Date((first + randomInt(rng, days)) * MS_PER_DAY).toISOString().slice(0, 10);
  return makeResidentId({ divisionCode: division, birthDate, sequence: randomInt(rng, 1000) });
}

/**
 * Identifiers of generated subjects and people, unique by construction: each is a bijective
 * scramble of an index, so millions of them need no lookup table and never collide. Only the
 * divisions of REGIONS are used, which keeps them apart from the hand-picked sample subjects
 * (whose divisions — 320100, 320106, 440300 — are not among them).
 */
import { USCC_CHARSET, makeResidentId, makeUscc } from '../identifiers';
import { fromDayNumber } from './days';
import { REGIONS } from './names';
import { mixSeed, permute } from './random';

const DIGIT_SPACE = 100_000_000; // 8-digit pre-2015 organisation code bodies
const MA_SPACE = 31 ** 6; // 'MA' + 6 characters: bodies issued with the USCC since 2015
// Multipliers coprime with their moduli (10^8 = 2^8·5^8; 31^6), so the maps are bijections.
const DIGIT_MULTIPLIER = 7_654_321;
const MA_MULTIPLIER = 48_271;

/** The day new-style codes began (GB 32100-2015 in force for new registrations). */
const NEW_STYLE_FROM = '2015-10-01';

function base31(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = USCC_CHARSET[n % 31] + out;
    n = Math.floor(n / 31);
  }
  return out;
}

/**
 * A USCC for generated subject `id` (≥ 1, < 10^8): 91 for an enterprise, 92 for an individual
 * business. Registered after the reform → 'MA…' body, before → an 8-digit organisation code.
 */
export function subjectUscc(seed: number, id: number, individual: boolean, divisionCode: string, establishedOn: string): string {
  if (id >= DIGIT_SPACE) throw new RangeError(`the generator supports fewer than ${DIGIT_SPACE} subjects`);
  const newStyle = establishedOn >= NEW_STYLE_FROM;
  const body = newStyle
    ? `MA${base31(permute(id, MA_SPACE, MA_MULTIPLIER, mixSeed(seed, 11) % MA_SPACE), 6)}`
    : String(permute(id, DIGIT_SPACE, DIGIT_MULTIPLIER, mixSeed(seed, 12) % DIGIT_SPACE)).padStart(8, '0');
  return makeUscc({ authority: '9', category: individual ? '2' : '1', divisionCode, orgBody8: body });
}

// Resident-ID space: region × birth day × sequence, every combination a valid number.
const BIRTH_FROM = Date.UTC(1950, 0, 1);
const BIRTH_DAYS = (Date.UTC(2004, 11, 31) - BIRTH_FROM) / 86_400_000 + 1;
const ID_SPACE = REGIONS.length * BIRTH_DAYS * 1000;
// A prime larger than the space: coprime with it whatever its factors.
const ID_MULTIPLIER = 2_654_435_761;

export interface Person {
  readonly idNumber: string;
  readonly birthDate: string;
  readonly male: boolean;
  readonly divisionCode: string;
}

/**
 * The person with index `index`: natural-person subject n is 2n, the legal representative of
 * subject n is 2n + 1, so no two generated people share a number.
 */
export function generatedPerson(seed: number, index: number): Person {
  if (index >= ID_SPACE) throw new RangeError(`the generator supports fewer than ${ID_SPACE} people`);
  const v = permute(index, ID_SPACE, ID_MULTIPLIER, mixSeed(seed, 13) % ID_SPACE);
  const sequence = v % 1000;
  const rest = Math.floor(v / 1000);
  const birthDate = fromDayNumber(BIRTH_FROM / 86_400_000 + (rest % BIRTH_DAYS));
  const divisionCode = REGIONS[Math.floor(rest / BIRTH_DAYS)]!.code;
  return personFrom(makeResidentId({ divisionCode, birthDate, sequence }));
}

/** Reads birth date, sex (odd sequence = male) and division back from a valid number. */
export function personFrom(idNumber: string): Person {
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return { idNumber, birthDate, male: Number(idNumber[16]) % 2 === 1, divisionCode: idNumber.slice(0, 6) };
}

/** Whole years of age on `date`. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Identifiers a test can create without colliding: each call gives a new valid USCC (both
 * check characters, GB 32100) or resident ID number (MOD 11-2, GB 11643). They are kept apart
 * from the demo seed by construction: seeded organisation bodies are 8 digits or 'MA…', these
 * are 'TB…'; seeded people are born 1950 or later, these in the 1930s and 1940s.
 */
import { USCC_CHARSET, makeResidentId, makeUscc } from '../../../src/identifiers';

let orgSeq = 0;
let personSeq = 0;

function base31(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = USCC_CHARSET[n % 31] + out;
    n = Math.floor(n / 31);
  }
  return out;
}

/** A new USCC: 91 an enterprise, 92 an individual business, registered in `region`. */
export function uniqueUscc(region: string, individual = false): string {
  orgSeq += 1;
  return makeUscc({ authority: '9', category: individual ? '2' : '1', divisionCode: region, orgBody8: `TB${base31(orgSeq, 6)}` });
}

const FIRST_BIRTH = Date.UTC(1930, 0, 1);

/** A new resident ID number of a person registered in `region`, born between 1930 and 1949. */
export function uniqueResidentId(region: string): string {
  personSeq += 1;
  const birthDate = new Date(FIRST_BIRTH + Math.floor(personSeq / 1000) * 86_400_000).toISOString().slice(0, 10);
  if (birthDate >= '1950-01-01') throw new RangeError('the test person space (1930-1949 × 1000) is used up');
  return makeResidentId({ divisionCode: region, birthDate, sequence: personSeq % 1000 });
}

let bornSeq = 0;

/**
 * A resident ID number with a given birth date (a minor, say), outside the 1930–1949 space, with
 * sequence codes 990–999. A clash with a seeded number would fail the insert (the keyed hash is
 * unique), never pass silently.
 */
export function residentIdBornOn(region: string, birthDate: string): string {
  bornSeq += 1;
  return makeResidentId({ divisionCode: region, birthDate, sequence: 990 + (bornSeq % 10) });
}

/** A new code for an agency the test registers: `<prefix>_T<n>`. */
export function uniqueAgencyCode(prefix: string): string {
  orgSeq += 1;
  return `${prefix}_T${orgSeq}`;
}

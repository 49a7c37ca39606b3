/**
 * Report numbers (报告编号): `XYBG-<YYYYMMDD>-<10 base32 characters>`, the date being the
 * generation date in China Standard Time and the suffix 50 random bits (RFC 4648 base32
 * alphabet, no padding). Random rather than sequential: a number reveals nothing about how
 * many reports were issued or about whom, and needs no shared counter (the API is stateless).
 * Two reports of one day collide with probability ~n²/2⁵¹ — below 10⁻⁶ for 40 000 reports a day.
 */
import { randomBytes } from 'node:crypto';
import { legalDate } from '../../time/legal-date';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SUFFIX_CHARS = 10;

export const REPORT_NUMBER_PATTERN = /^XYBG-\d{8}-[A-Z2-7]{10}$/;

/** The first `chars` base32 characters of `bytes` (5 bits each, most significant first). */
function base32(bytes: Buffer, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A fresh report number for a report generated at `at`; `entropy` is injectable for tests. */
export function newReportNumber(at: Date, entropy: Buffer = randomBytes(7)): string {
  if (entropy.length * 8 < SUFFIX_CHARS * 5) throw new RangeError(`report numbers need ${SUFFIX_CHARS * 5} bits of entropy`);
  return `XYBG-${legalDate(at).replaceAll('-', '')}-${base32(entropy, SUFFIX_CHARS)}`;
}

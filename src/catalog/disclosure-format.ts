/**
 * Reference implementation of the disclosure formats in disclosure-formats.yaml. The loader runs
 * it over each format's examples, so the data file cannot describe a format the code does not
 * apply; the policy module should mask through this function rather than a second copy.
 */
import type { DisclosureFormat } from './vocabulary.schema';

/** The published form of `value`, or null when the format forbids publication. */
export function maskValue(format: DisclosureFormat, maskChar: string, value: string): string | null {
  switch (format.method) {
    case 'NEVER_PUBLISHED':
      return null;
    case 'KEEP_ENDS':
      return keepEnds(Array.from(value), format.keepFirst, format.keepLast, maskChar);
    case 'KEEP_SURNAME':
      return keepSurname(Array.from(value), format.compoundSurnames, maskChar);
  }
}

function keepEnds(chars: string[], first: number, last: number, maskChar: string): string {
  // Too short to hide anything between the kept ends: mask everything (fail closed).
  if (chars.length <= first + last) return maskChar.repeat(chars.length);
  const middle = maskChar.repeat(chars.length - first - last);
  return chars.slice(0, first).join('') + middle + chars.slice(chars.length - last).join('');
}

function keepSurname(chars: string[], compound: readonly string[], maskChar: string): string {
  // A two-character name starting like a compound surname (e.g. 司马) is surname 司 + given name 马.
  const prefix = chars.slice(0, 2).join('');
  const surnameLength = chars.length >= 3 && compound.includes(prefix) ? 2 : 1;
  if (chars.length <= surnameLength) return chars.join('');
  return chars.slice(0, surnameLength).join('') + maskChar.repeat(chars.length - surnameLength);
}

/**
 * Desensitisation (脱敏) formats, configured as data (src/catalog/data/disclosure-formats.yaml):
 * a name keeps its surname (`张*`, `欧阳**`), an ID number its first 4 and last 4 characters,
 * a phone number 3 + 4. Kinds that are never published have no mask: the policy denies them.
 */
import type { DisclosureFormats } from '../catalog/vocabulary.schema';
import type { PersonalDataKind } from './decision';

export type Masker = (value: string) => string;

function keepEnds(maskChar: string, first: number, last: number): Masker {
  return (value) => {
    const chars = [...value];
    if (chars.length <= first + last) return maskChar.repeat(chars.length);
    return chars.slice(0, first).join('') + maskChar.repeat(chars.length - first - last) + chars.slice(chars.length - last).join('');
  };
}

function keepSurname(maskChar: string, compound: readonly string[]): Masker {
  const compoundSet = new Set(compound);
  return (value) => {
    const chars = [...value.trim()];
    if (chars.length <= 1) return maskChar;
    const two = chars.slice(0, 2).join('');
    const keep = chars.length >= 3 && compoundSet.has(two) ? 2 : 1;
    return chars.slice(0, keep).join('') + maskChar.repeat(chars.length - keep);
  };
}

const refuse: Masker = () => {
  throw new Error('this kind of personal data is never published; the policy should have denied it');
};

/** Builds one masker per personal-data kind from the configured formats. */
export function buildMaskers(formats: DisclosureFormats): Record<PersonalDataKind, Masker> {
  const make = (kind: PersonalDataKind): Masker => {
    const f = formats.formats[kind];
    switch (f.method) {
      case 'KEEP_ENDS':
        return keepEnds(formats.maskChar, f.keepFirst, f.keepLast);
      case 'KEEP_SURNAME':
        return keepSurname(formats.maskChar, f.compoundSurnames);
      case 'NEVER_PUBLISHED':
        return refuse;
    }
  };
  return {
    NAME: make('NAME'),
    ID_NUMBER: make('ID_NUMBER'),
    PHONE: make('PHONE'),
    ADDRESS: make('ADDRESS'),
    BANK_ACCOUNT: make('BANK_ACCOUNT'),
    HEALTH: make('HEALTH'),
  };
}

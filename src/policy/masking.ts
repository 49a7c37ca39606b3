/**
 * Desensitisation (脱敏) as configured in src/catalog/data/disclosure-formats.yaml, applied
 * through the catalog's reference implementation (whose examples the loader verifies), so
 * there is exactly one masking algorithm. Kinds never published have no masker to reach:
 * the policy denies them; reaching one anyway fails closed.
 */
import type { CatalogBundle } from '../catalog/catalog.bundle';
import { maskValue } from '../catalog/disclosure-format';
import type { PersonalDataKind } from './decision';

export type Masker = (value: string) => string;

const KINDS: readonly PersonalDataKind[] = ['NAME', 'ID_NUMBER', 'PHONE', 'ADDRESS', 'BANK_ACCOUNT', 'HEALTH'];

export function buildMaskers(formats: CatalogBundle['disclosureFormats']): Record<PersonalDataKind, Masker> {
  const out = {} as Record<PersonalDataKind, Masker>;
  for (const kind of KINDS) {
    const format = formats.formats[kind];
    out[kind] = (value) => {
      const masked = maskValue(format, formats.maskChar, value);
      if (masked === null) throw new Error(`${kind} is never published; the policy should have denied this field`);
      return masked;
    };
  }
  return out;
}

/**
 * Desensitisation of credit fields: applies the mask the record's decision names. Fields
 * decided ALLOW pass through untouched and synchronously.
 */
import type { Masker } from '../policy/masking';
import { disclosureOf, type PersonalDataKind } from '../policy/decision';

function maskValue(value: unknown, masker: Masker): unknown {
  if (value === null || value === undefined) return value;
  return masker(String(value));
}

/** The value a viewer receives for credit field `key` of `parent`, masked if so decided. */
export type Desensitiser = (parent: unknown, value: unknown) => unknown;

export function desensitiser(key: string, maskers: Record<PersonalDataKind, Masker>): Desensitiser {
  return (parent, value) => {
    const decision = disclosureOf(parent)?.fields[key];
    if (decision?.effect !== 'MASK' || !decision.personal) return value;
    const masker = maskers[decision.personal];
    return value instanceof Promise ? value.then((v) => maskValue(v, masker)) : maskValue(value, masker);
  };
}

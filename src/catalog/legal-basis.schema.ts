/**
 * Legal bases (依据) as the catalog files give them. A basis is structured — the instrument's
 * level, title and article — so that rules can ask "at least an administrative regulation"
 * (src/policy/catalog-governance.ts). Files published before levels were recorded (the shipped
 * national catalog, the Shenzhen catalog, the 2024 measures list: immutable, their hash is
 * checked at start) give bases as free text; the shapes accept both, and `basisText` shows
 * either the same way. Versions drafted through the API must use the structured form.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'expected non-empty text');

/**
 * Level of a legal instrument, highest first. The order matters: a rule that needs "at least
 * an administrative regulation" accepts a law (src/policy/catalog-governance.ts reads it).
 * JUDICIAL_INTERPRETATION stands apart, last: it ranks above no administrative instrument.
 */
export const LEGAL_BASIS_LEVELS = [
  'LAW', 'ADMINISTRATIVE_REGULATION', 'STATE_COUNCIL_DOCUMENT', 'LOCAL_REGULATION', 'DEPARTMENT_RULE', 'JUDICIAL_INTERPRETATION',
] as const;
export type LegalBasisLevel = (typeof LEGAL_BASIS_LEVELS)[number];

export const LegalBasisSchema = z.strictObject({
  level: z.enum(LEGAL_BASIS_LEVELS),
  /** The instrument's title, e.g. 《中华人民共和国政府采购法》. */
  title: text,
  /** Article or clause, e.g. 第二十二条; absent when the whole instrument is the basis. */
  article: text.optional(),
});
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

/** A basis as a file may give it: legacy free text, or structured with its level. */
export const BasisRefSchema = z.union([text, LegalBasisSchema], {
  error: `expected a legal basis: { level, title, article? } with level one of ${LEGAL_BASIS_LEVELS.join(', ')} (or, in files published before levels were recorded, its text)`,
});
export type BasisRef = z.infer<typeof BasisRefSchema>;

export const basisRefList = z.array(BasisRefSchema).min(1, 'expected at least one legal basis');

/** How a basis reads: the text as given, or title and article (《政府采购法》第二十二条). */
export function basisText(b: BasisRef): string {
  return typeof b === 'string' ? b : `${b.title}${b.article ?? ''}`;
}

export const isStructured = (b: BasisRef | null | undefined): b is LegalBasis => typeof b === 'object' && b !== null;

/**
 * Shape of the leniency-grounds file: what a recording department must show before a 49号
 * 八(十六) ground is accepted (宽容审慎进行认定), and which punishment measures a record found on
 * that ground may still carry (宽容审慎进行…惩戒). The law decides both; the file cites it.
 */
import { z } from 'zod';
import { LENIENCY_GROUNDS, SUBJECT_KINDS, text, textList, uniqueList } from './catalog.schema';
import { MEASURE_CATEGORIES } from './measures.schema';

const requires = z.discriminatedUnion('fact', [
  /** The subject is one of `subjectKinds` and younger than `years` on the date of the act (from the ID number's birth date). */
  z.strictObject({ fact: z.literal('AGE_UNDER'), years: z.int().min(1), subjectKinds: uniqueList(z.enum(SUBJECT_KINDS)), basis: textList }),
  /** The department cites the document establishing the ground (a disaster declaration, a certificate, its own finding). */
  z.strictObject({ fact: z.literal('CITED_DOCUMENT'), basis: textList }),
]);

export const LeniencyGroundRuleSchema = z.strictObject({
  code: z.enum(LENIENCY_GROUNDS),
  name: text,
  requires,
  /** Categories of measure that may still answer a record found on this ground; empty = none. */
  measures: z.strictObject({ allowedCategories: uniqueList(z.enum(MEASURE_CATEGORIES), 0), basis: textList }),
});
export type LeniencyGroundRule = z.infer<typeof LeniencyGroundRuleSchema>;

export const LeniencyGroundsSchema = z.strictObject({
  kind: z.literal('LENIENCY_GROUNDS'),
  grounds: z.array(LeniencyGroundRuleSchema),
});

/** Shapes of the purpose vocabulary, the publication regimes and the disclosure formats. */
import { z } from 'zod';
import { RECORD_KIND_NAMES } from './record-kinds';
import { isoDate, text, textList, uniqueList, vocabCode } from './catalog.schema';
import { ProcedureTimeLimitsSchema } from './time-limit.schema';

/** Who may declare a purpose in X-Purpose: a partner agency, the data subject, an auditor. */
export const PURPOSE_DECLARERS = ['AGENCY', 'SUBJECT', 'AUDITOR'] as const;
/** STATUTORY_DUTY: PIPL 第十三条第一款第（三）项, no consent; CONSENT: a live consent of the natural person is required. */
export const PERSONAL_DATA_BASES = ['STATUTORY_DUTY', 'CONSENT'] as const;

export const PurposeSchema = z.strictObject({
  code: vocabCode,
  name: text,
  description: text,
  legalBasis: textList,
  personalDataBasis: z.enum(PERSONAL_DATA_BASES),
  declaredBy: uniqueList(z.enum(PURPOSE_DECLARERS)),
});
export type Purpose = z.infer<typeof PurposeSchema>;

export const PurposesSchema = z.strictObject({ kind: z.literal('PURPOSES'), purposes: z.array(PurposeSchema) });

/** Sectors with their own minimum publication period (Order 58). */
export const SECTORS = ['SPECIAL_EQUIPMENT', 'WORK_SAFETY', 'FIRE_SAFETY', 'FOOD', 'DRUGS'] as const;
export type Sector = (typeof SECTORS)[number];

const months = z.int().min(0);
export const RegimeTierSchema = z
  .strictObject({
    published: z.boolean(),
    minMonths: months,
    maxMonths: months,
    minMonthsBySector: z.partialRecord(z.enum(SECTORS), months).optional(),
  })
  .refine((t) => t.minMonths <= t.maxMonths, { message: 'expected minMonths ≤ maxMonths', path: ['minMonths'] });

/** Fine amounts are in 万元, as the 双公示 standard writes them. */
const wanYuan = z.number().min(0);
/**
 * What the regime counts as minor, general and serious for a penalty (Order 36 / 国办发〔2025〕22号
 * 二): penalty categories that make a record at least GENERAL or SERIOUS, and the only
 * penalties that may be MINOR. A label below a floor, or MINOR outside `minor`, is refused.
 */
export const SeverityCriteriaSchema = z.strictObject({
  basis: textList,
  floors: z.array(z.strictObject({ severity: z.enum(['GENERAL', 'SERIOUS']), penaltyCategories: uniqueList(text) })).min(1),
  minor: z.strictObject({
    penaltyCategories: uniqueList(text),
    /** Largest fine (万元) a MINOR penalty may carry, by subject kind. */
    maxFine: z.strictObject({ NATURAL_PERSON: wanYuan, INDIVIDUAL_BUSINESS: wanYuan, LEGAL_PERSON: wanYuan }),
  }),
});
export type SeverityCriteria = z.infer<typeof SeverityCriteriaSchema>;

/**
 * Whether a regime re-bands records decided before it and still published on its first day.
 * KEEP_DECISION_DATE_REGIME: they keep the periods of the regime of their decision date (立法法
 * 第一百零四条, no retroactivity without a special provision). REBAND_STILL_PUBLISHED: the new
 * regime's bands for the record's tier apply, still counted from its decision date.
 */
export const EARLIER_RECORD_TREATMENTS = ['KEEP_DECISION_DATE_REGIME', 'REBAND_STILL_PUBLISHED'] as const;
export type EarlierRecordTreatment = (typeof EARLIER_RECORD_TREATMENTS)[number];

/**
 * 特定严重失信 (发改办财金〔2019〕527号): a penalty of one of `penaltyCategories` in one of `fields`, or
 * for one of `conducts`, is published for exactly `months` and never repaired.
 */
export const SpecificSeriousSchema = z.strictObject({
  basis: textList,
  months: z.int().min(1),
  penaltyCategories: uniqueList(text),
  fields: uniqueList(text),
  /** Sectors of this model that fall in one of `fields`: such a record is 特定严重失信 by itself. */
  sectors: z.partialRecord(z.enum(SECTORS), text),
  conducts: uniqueList(text),
});
export type SpecificSerious = z.infer<typeof SpecificSeriousSchema>;

export const RegimeSchema = z.strictObject({
  code: vocabCode,
  name: text,
  documentNumber: text,
  /** Decided on or after this date (the period runs from the decision date). */
  validFrom: isoDate,
  /** Last decision date covered; null = in force. */
  validTo: isoDate.nullable(),
  /** Record kinds whose publication period this regime sets (items with `period.basis: REGIME`). */
  recordKinds: uniqueList(z.enum(RECORD_KIND_NAMES)),
  legalBasis: textList,
  /**
   * Decision limits of the objections and repair applications filed while the regime is in force
   * (procedure follows the rules of its own time), for records of any kind and list entries alike.
   */
  timeLimits: ProcedureTimeLimitsSchema,
  tiers: z.strictObject({ MINOR: RegimeTierSchema, GENERAL: RegimeTierSchema, SERIOUS: RegimeTierSchema }),
  /** Absent: the regime's classification is not modelled and the department's label stands. */
  severityCriteria: SeverityCriteriaSchema.optional(),
  /** Required of every regime but the earliest (catalog checks): the transitional treatment, with its basis. */
  earlierRecords: z.strictObject({ treatment: z.enum(EARLIER_RECORD_TREATMENTS), basis: textList }).optional(),
  /** Absent: the regime has no 特定严重失信 category. */
  specificSerious: SpecificSeriousSchema.optional(),
});
export type Regime = z.infer<typeof RegimeSchema>;

export const RegimesSchema = z.strictObject({ kind: z.literal('PUBLICATION_REGIMES'), regimes: z.array(RegimeSchema) });

const examples = z.array(z.strictObject({ input: text, output: text })).min(1, 'expected at least one example');
const never = z.strictObject({ method: z.literal('NEVER_PUBLISHED') });
const keepEnds = z.strictObject({ method: z.literal('KEEP_ENDS'), keepFirst: months, keepLast: months, examples });
const keepSurname = z.strictObject({
  method: z.literal('KEEP_SURNAME'),
  /** Two-character surnames kept whole when the name has three characters or more. */
  compoundSurnames: uniqueList(z.string().regex(/^\p{Script=Han}{2}$/u, 'expected a two-character surname')),
  examples,
});
export const DisclosureFormatSchema = z.discriminatedUnion('method', [never, keepEnds, keepSurname]);
export type DisclosureFormat = z.infer<typeof DisclosureFormatSchema>;

export const DisclosureFormatsSchema = z.strictObject({
  kind: z.literal('DISCLOSURE_FORMATS'),
  maskChar: z.string().length(1),
  formats: z.strictObject({
    NAME: z.discriminatedUnion('method', [keepSurname, never]),
    ID_NUMBER: z.discriminatedUnion('method', [keepEnds, never]),
    PHONE: z.discriminatedUnion('method', [keepEnds, never]),
    // Never published whatever the catalog says (DESIGN §7): the format cannot be configured away.
    ADDRESS: never,
    BANK_ACCOUNT: never,
    HEALTH: never,
  }),
});
export type DisclosureFormats = z.infer<typeof DisclosureFormatsSchema>;

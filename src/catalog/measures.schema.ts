/** Shapes of the punishment-measures list (清单) and the serious-dishonesty list types. */
import { z } from 'zod';
import { basisRefList } from './legal-basis.schema';
import { SEVERITIES, isoDate, itemCode, systemCode, text, textList, uniqueList, vocabCode, versionId } from './catalog.schema';
import { ListTimeLimitsSchema } from './time-limit.schema';

/** domain.md §3: the three kinds of measure in the national base list. */
export const MEASURE_CATEGORIES = ['RIGHTS_REDUCTION', 'MANAGEMENT', 'THIRD_PARTY_VOLUNTARY'] as const;
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];

export const MeasureSchema = z.strictObject({
  code: vocabCode,
  name: text,
  category: z.enum(MEASURE_CATEGORIES),
  /**
   * Directly cited law, regulation or central policy (49号 五(九)): structured with its level
   * (required of versions drafted through the API), or legacy text.
   */
  legalBasis: basisRefList,
  /**
   * The list's own wording of who implements the measure (shown to readers). Which department
   * systems that wording means, and so who may apply the measure, is agency-powers.yaml's
   * (measureImplementers): a published list never changes, the powers may.
   */
  implementer: text,
  /** 惩戒对象. */
  targets: text,
  /**
   * 过惩相当: the severities of dishonesty the measure may answer. `listTypes` are the lists whose
   * entries may receive it; empty = the measure is not tied to a list entry.
   */
  appliesTo: z.strictObject({
    severities: uniqueList(z.enum(SEVERITIES)),
    listTypes: uniqueList(vocabCode, 0),
  }),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const MeasureListSchema = z.strictObject({
  kind: z.literal('MEASURE_LIST'),
  id: versionId,
  title: text,
  documentNumber: text,
  issuedBy: textList,
  categories: z.array(z.strictObject({ code: z.enum(MEASURE_CATEGORIES), name: text })).min(1),
  measures: z.array(MeasureSchema),
});

/**
 * Level of the instrument setting a list's standard (49号 四(七)). JUDICIAL_INTERPRETATION is
 * added for the court list, whose standard is set by the Supreme People's Court, not by the
 * administrative procedure 四(七) governs.
 */
export const STANDARD_LEVELS = [
  'LAW', 'ADMINISTRATIVE_REGULATION', 'CENTRAL_POLICY', 'DEPARTMENT_RULE', 'LOCAL_REGULATION', 'JUDICIAL_INTERPRETATION',
] as const;

/** 49号 四(八): county-level government departments or above (no township value exists). */
export const DECIDING_LEVELS = ['COUNTY', 'PREFECTURE', 'PROVINCE', 'NATIONAL'] as const;

/**
 * The four fields of serious dishonesty of 国发〔2016〕33号 (对重点领域和严重失信行为实施联合惩戒),
 * the same four 49号 四(六) confines serious-dishonesty lists to.
 */
export const SERIOUS_DISHONESTY_FIELDS = {
  HEALTH_AND_LIFE_SAFETY: '严重危害人民群众身体健康和生命安全',
  MARKET_AND_SOCIAL_ORDER: '严重破坏市场公平竞争秩序和社会正常秩序',
  DEFYING_LEGAL_OBLIGATIONS: '拒不履行法定义务，严重影响司法机关、行政机关公信力',
  NATIONAL_DEFENCE: '拒不履行国防义务',
} as const;
export type SeriousDishonestyField = keyof typeof SERIOUS_DISHONESTY_FIELDS;
const FIELD_CODES = Object.keys(SERIOUS_DISHONESTY_FIELDS) as [SeriousDishonestyField, ...SeriousDishonestyField[]];

export const ListTypeSchema = z.strictObject({
  code: vocabCode,
  name: text,
  decidingSystem: systemCode,
  legalBasis: textList,
  /** Required: the 33号 field(s) the list's conduct falls in, and why; a list outside all four is refused (49号 四(六)). */
  category33: z.strictObject({ fields: uniqueList(z.enum(FIELD_CODES)), basis: text }),
  standard: z.strictObject({
    level: z.enum(STANDARD_LEVELS),
    document: text,
    /** Public consultation, ≥ 30 days (49号 四(七)); null only where that procedure does not apply. */
    commentPeriod: z.strictObject({ from: isoDate, to: isoDate }).nullable(),
    publishedOn: isoDate,
  }),
  /** The national catalog item that holds this list's information. */
  catalogItem: z.strictObject({ catalog: versionId, code: itemCode }),
  removalConditions: text,
  removalProcedure: text,
  remedies: text,
  /** The subject's window to object after the notice (告知), by the list's own standard. */
  timeLimits: ListTimeLimitsSchema,
  /** The longest listing; the period when the law fixes it (the court list, the SAMR list). */
  listingPeriodYears: z.number().positive(),
  /**
   * Where the law leaves the period to each decision (政府采购法 第七十七条: 一至三年), its bounds in
   * months: the decision states its own period within them. Absent: always listingPeriodYears.
   */
  listingPeriod: z.strictObject({ minMonths: z.int().min(1), maxMonths: z.int().min(1), basis: textList }).optional(),
  /** How long an entry must have been listed before early removal or credit repair (e.g. 列入满一年). */
  earlyRemoval: z.strictObject({ afterMonths: z.int().min(1), basis: textList }).optional(),
  minDecidingLevel: z.enum(DECIDING_LEVELS),
  /**
   * Who may notify a listing of a subject. SUBJECT_AREA: an agency whose area contains the
   * subject's registered region (a market regulator lists the subjects it regulates).
   * ANY_AREA: the deciding system's agency acting on its own case wherever the subject lives —
   * the enforcing court lists the debtor of its own enforcement case.
   */
  listingTerritory: z.enum(['SUBJECT_AREA', 'ANY_AREA']).default('SUBJECT_AREA'),
});
export type ListType = z.infer<typeof ListTypeSchema>;

export const ListTypesSchema = z.strictObject({
  kind: z.literal('SERIOUS_LIST_TYPES'),
  listTypes: z.array(ListTypeSchema),
});

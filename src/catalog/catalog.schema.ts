/**
 * Shapes of the catalog files (base and supplementary catalogs). Only shape lives here; rules
 * that relate several values (every record-kind field listed once, a masked publication needs a
 * basis, …) are in catalog.checks.ts so each can name the offending item and field.
 */
import { z } from 'zod';
import { PERSONAL_DATA_KINDS, RECORD_KIND_NAMES } from './record-kinds';
import { BasisRefSchema, basisRefList } from './legal-basis.schema';

/**
 * The 13 categories of the national base catalog (2024 edition), with the names the catalog
 * gives them. The national catalog file must list exactly these, with these names
 * (catalog.loader.test.ts); the GraphQL enum CatalogCategory is derived from this table.
 */
export const CATEGORIES = {
  REGISTRATION_BASICS: '登记注册基本信息',
  JUDICIAL: '司法裁判及执行信息',
  ADMINISTRATIVE_MANAGEMENT: '行政管理信息',
  PROFESSIONAL_QUALIFICATIONS: '职称和职业信息',
  BUSINESS_ANOMALY: '经营（活动）异常名录（状态）信息',
  SERIOUS_DISHONESTY_LIST: '严重失信主体名单信息',
  CONTRACT_PERFORMANCE: '合同履行信息',
  CREDIT_COMMITMENT: '信用承诺及履行情况信息',
  CREDIT_EVALUATION: '信用评价结果信息',
  LAW_COMPLIANCE: '遵守法律法规情况信息',
  HONOURS: '诚实守信相关荣誉信息',
  INTELLECTUAL_PROPERTY: '知识产权信息',
  VOLUNTARY: '市场主体自愿提供的信用信息',
} as const;
export type CategoryCode = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [CategoryCode, ...CategoryCode[]];

/** The 双公示 respondent categories: 法人及非法人组织 / 个体工商户 / 自然人. */
export const SUBJECT_KINDS = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SEVERITIES = ['MINOR', 'GENERAL', 'SERIOUS'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 49号 八(十六): 未成年人, 不可抗力, 非主观故意, 轻微失信. */
export const LENIENCY_GROUNDS = ['MINOR_SUBJECT', 'FORCE_MAJEURE', 'NOT_INTENTIONAL', 'MINOR_BREACH'] as const;
export type LeniencyGround = (typeof LENIENCY_GROUNDS)[number];
export const LENIENCY_TREATMENTS = ['NOT_RECORDED', 'NOT_PUBLISHED', 'SHORTENED', 'NONE'] as const;

/** Kinds of legally effective document (the database enum document_kind holds the same words). */
export const LEGAL_DOCUMENT_KINDS = ['JUDGMENT', 'ARBITRAL_AWARD', 'ADMINISTRATIVE_PENALTY', 'ADMINISTRATIVE_RULING', 'OTHER_STATUTORY'] as const;
export type LegalDocumentKind = (typeof LEGAL_DOCUMENT_KINDS)[number];
/** Who issued a document: an administrative organ (行政机关), a people's court, an arbitration commission (仲裁法 第十条). */
export const ISSUER_KINDS = ['ADMINISTRATIVE_ORGAN', 'COURT', 'ARBITRATION_COMMISSION'] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

// Building blocks shared with the other schema files.
export const text = z.string().trim().min(1, 'expected non-empty text');
export const isoDate = z.iso.date('expected a date written YYYY-MM-DD');
export const vocabCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an UPPER_SNAKE code');
/** Agency *system* code: the one collecting department's system (一口采集), e.g. SAMR, SZ_TRANSPORT. */
export const systemCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an agency system code such as SAMR');
export const itemCode = z.string().regex(/^[0-9A-Z]+(-[0-9A-Z]+)+$/, 'expected an item code such as "03-02-001"');
export const versionId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a version id such as national-2024');

export function uniqueList<T extends z.ZodType>(element: T, min = 1) {
  return z
    .array(element)
    .min(min, `expected at least ${min} value(s)`)
    .refine((xs) => new Set(xs).size === xs.length, 'expected each value once; remove the duplicate');
}
export const textList = z.array(text).min(1, 'expected at least one entry');

/** NONE / CONDITIONAL (listed agencies, listed purposes) / UNCONDITIONAL (any agency; purposes optional, absent = every agency purpose). */
export const ShareInputSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('NONE') }),
  z.strictObject({
    scope: z.literal('CONDITIONAL'),
    agencies: uniqueList(z.union([z.literal('*'), systemCode])),
    purposes: uniqueList(vocabCode),
  }),
  z.strictObject({ scope: z.literal('UNCONDITIONAL'), purposes: uniqueList(vocabCode).optional() }),
]);

export const PublicationPeriodSchema = z.discriminatedUnion('basis', [
  /** Bounds come from the publication regime in force on the decision date, by severity. */
  z.strictObject({ basis: z.literal('REGIME') }),
  z.strictObject({ basis: z.literal('FIXED'), minMonths: z.int().min(0), maxMonths: z.int().min(1) }),
  /** Published while the underlying status (registration, licence, listing, honour) is valid. */
  z.strictObject({ basis: z.literal('WHILE_VALID') }),
]);

const publishedShape = {
  period: PublicationPeriodSchema,
  /** Whether records whose subject is a natural person are published (identity masked) at all. */
  naturalPersons: z.enum(['NOT_PUBLISHED', 'PUBLISHED_MASKED']),
  /**
   * The law, regulation or State Council decision making that publication lawful (49号 三(四)):
   * structured with its level (required of versions drafted through the API), or legacy text.
   */
  naturalPersonsBasis: BasisRefSchema.nullable(),
};
/** NONE / ON_REQUEST (依申请公开) / PUBLIC (主动公开). */
export const PublishRuleSchema = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('NONE') }),
  z.strictObject({ scope: z.literal('ON_REQUEST'), ...publishedShape }),
  z.strictObject({ scope: z.literal('PUBLIC'), ...publishedShape }),
]);
export type PublishRule = z.infer<typeof PublishRuleSchema>;

/**
 * Disclosure of one record-kind field. `publish: true` on a `personal` field means published in
 * the disclosure format of that kind (masked), never in clear.
 */
export const ItemFieldSchema = z.strictObject({
  key: z.string().min(1),
  share: z.boolean(),
  publish: z.boolean(),
  personal: z.enum(PERSONAL_DATA_KINDS).optional(),
});
export type ItemField = z.infer<typeof ItemFieldSchema>;

const treatment = z.enum(LENIENCY_TREATMENTS);
export const LeniencySchema = z.strictObject({
  MINOR_SUBJECT: treatment,
  FORCE_MAJEURE: treatment,
  NOT_INTENTIONAL: treatment,
  MINOR_BREACH: treatment,
});
export type Leniency = z.infer<typeof LeniencySchema>;

/**
 * The legally effective document a dishonesty item's records rest on (49号 二(二)): which kinds
 * and who must have issued it (a market-regulation penalty: an administrative penalty decision
 * of an administrative organ, not an arbitral award), with the law that says so.
 */
export const BasisDocumentSchema = z.strictObject({
  kinds: uniqueList(z.enum(LEGAL_DOCUMENT_KINDS)),
  issuer: z.enum(ISSUER_KINDS),
  basis: textList,
});
export type BasisDocument = z.infer<typeof BasisDocumentSchema>;

export const CatalogItemSchema = z.strictObject({
  code: itemCode,
  category: z.enum(CATEGORY_CODES),
  name: text,
  recordKind: z.enum(RECORD_KIND_NAMES),
  provider: systemCode,
  subjectKinds: uniqueList(z.enum(SUBJECT_KINDS)),
  /** A finding of dishonesty: needs a legally effective document (49号 二(二)). */
  dishonesty: z.boolean(),
  legalBasis: textList,
  share: ShareInputSchema,
  publish: PublishRuleSchema,
  personalData: z.boolean(),
  repairable: z.boolean(),
  /** Required exactly for dishonesty items. */
  leniency: LeniencySchema.optional(),
  /** Required of dishonesty items: the document kinds and issuer their records rest on. */
  basisDocument: BasisDocumentSchema.optional(),
  /** 保存期限: years a record is kept (then archived or deleted), counted from the end of the act or status. */
  retentionYears: z.int().min(1),
  /** 更新频次, as the catalog states it (e.g. 7个工作日). */
  updateFrequency: text,
  fields: z.array(ItemFieldSchema).min(1, 'expected the disclosure of every field of the record kind'),
});
export type CatalogItemInput = z.infer<typeof CatalogItemSchema>;

export const CategorySchema = z.strictObject({ code: z.enum(CATEGORY_CODES), name: text });

export const BaseCatalogSchema = z.strictObject({
  kind: z.literal('BASE_CATALOG'),
  id: versionId,
  title: text,
  documentNumber: text,
  issuedBy: textList,
  categories: z.array(CategorySchema).min(1),
  items: z.array(CatalogItemSchema),
});

export const SupplementaryCatalogSchema = z.strictObject({
  kind: z.literal('SUPPLEMENTARY_CATALOG'),
  id: versionId,
  title: text,
  region: z.strictObject({ code: z.string().regex(/^\d{6}$/, 'expected a 6-digit GB/T 2260 region code'), name: text }),
  /**
   * Local items need a local-regulation basis (深圳条例 第三十三条; 49号 二(一) 各地可依据地方性法规):
   * structured with its level (required of versions drafted through the API), or legacy text.
   */
  legalBasis: basisRefList,
  baseCatalog: versionId,
  items: z.array(CatalogItemSchema),
});

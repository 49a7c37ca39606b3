/**
 * One descriptor per stored record kind: everything about the kind besides its fields
 * (record-kinds.ts) that the rest of the application derives — its GraphQL object type, the
 * field group of recordCreditInformation, the profile section and report section it appears
 * in, how the portal titles one of its records, and the columns of the file import. The
 * profile's and the report's fields, the portal's sections and the import's header table are
 * generated from this table, so adding a kind is an entry here and in RECORD_KINDS, plus its
 * seed generator (src/seed/kinds/generators.ts); `satisfies Record<StoredRecordKind, …>` makes a
 * kind without a descriptor a compile error.
 *
 * Pure data: no GraphQL, no database (the catalog layer).
 */
import { RECORD_KIND_NAMES, type StoredRecordKind } from './record-kinds';

/** A field of CreditProfile: one portal section, holding the records of the kinds that name it. */
export interface ProfileSectionSpec {
  /** Position on the portal's subject page. */
  readonly order: number;
  /** Description of the CreditProfile field (SDL). */
  readonly description: string;
  /** Heading on the portal. */
  readonly title: string;
  /** What the portal says when the section has no record the public may see. */
  readonly empty: string;
}

export const PROFILE_SECTIONS = {
  licences: { order: 1, description: '行政许可.', title: '行政许可', empty: '暂无公示的行政许可信息。' },
  penalties: { order: 2, description: '行政处罚.', title: '行政处罚', empty: '暂无公示的行政处罚信息。' },
  honesty: {
    order: 3, description: '诚实守信: honours, credit commitments, credit evaluations.', title: '诚实守信',
    empty: '暂无公示的诚实守信信息（荣誉、信用承诺、信用评价）。',
  },
  anomalies: { order: 4, description: '经营异常名录.', title: '经营异常', empty: '暂无公示的经营异常名录信息。' },
  seriousLists: {
    order: 5, description: '严重失信主体名单, including the courts\' 失信被执行人 list.', title: '严重失信主体名单',
    empty: '暂无公示的严重失信主体名单信息。',
  },
} as const satisfies Record<string, ProfileSectionSpec>;

export type ProfileSectionKey = keyof typeof PROFILE_SECTIONS;

/**
 * A section of the credit report (公共信用信息报告, domain.md §8). Each kind is one section, so the
 * sections partition the records and their counts add up to the profile's. Sections sharing a
 * `part` are printed under one numbered heading (二、行政管理信息: 行政许可, 行政处罚); parts are
 * numbered from 二 (一 is the registration) in the order of their first section.
 */
export interface ReportSectionSpec {
  /** Field of CreditReport and CreditReportSummary. */
  readonly key: string;
  /** Heading as printed, e.g. 行政处罚信息. */
  readonly title: string;
  /** Short name: the summary's description, and the section's inside a part of several. */
  readonly label: string;
  /** The numbered part it is printed under. */
  readonly part: string;
  readonly order: number;
  /** Said after the heading in the SDL. */
  readonly note?: string;
}

/** What a field computed from the record itself is computed from (record-fields.validate.ts). */
export type DerivationSourceKey = 'decisionDate' | 'documentNumber' | 'publishUntil';

export interface RecordKindDescriptor {
  /** The GraphQL object type implementing CreditRecord, and its description. */
  readonly typeName: string;
  readonly description: string;
  /**
   * The field group of RecordCreditInformationInput carrying the kind's own fields; null when
   * only a procedure writes such records (SERIOUS_LIST: the listing procedure, 49号 四(八)).
   */
  readonly input: { readonly field: string; readonly description: string } | null;
  /** Fields computed from the record, not given, so they cannot disagree with it. */
  readonly derived?: Readonly<Record<string, DerivationSourceKey>>;
  readonly profile: ProfileSectionKey;
  readonly report: ReportSectionSpec;
  /** A record's title on the portal: the first template whose `{field}`s are all present, else `fallback`. */
  readonly portalTitle: { readonly templates: readonly string[]; readonly fallback: string };
  /**
   * Files of this kind the bulk import reads (src/ingest/header-table.ts): the import kind, and
   * legacy or Credit-China names of fields besides their label, column code and key. Null: not imported.
   */
  readonly import: { readonly kind: 'penalty' | 'licence'; readonly aliases?: Readonly<Record<string, readonly string[]>> } | null;
}

export const RECORD_KIND_DESCRIPTORS = {
  LICENCE: {
    typeName: 'AdministrativeLicence', description: '行政许可 (双公示 licence information).',
    input: { field: 'licence', description: 'Own fields of an administrative licence (items with record kind LICENCE).' },
    derived: { decidedOn: 'decisionDate' },
    profile: 'licences',
    report: { key: 'licences', title: '行政许可信息', label: '行政许可', part: '行政管理信息', order: 10 },
    portalTitle: { templates: ['{documentName}', '{certificateName}'], fallback: '行政许可' },
    import: { kind: 'licence' },
  },
  PENALTY: {
    typeName: 'AdministrativePenalty', description: '行政处罚 (双公示 penalty information).',
    input: { field: 'penalty', description: 'Own fields of an administrative penalty (record kind PENALTY).' },
    derived: { documentNumber: 'documentNumber', decidedOn: 'decisionDate', publicityEndsOn: 'publishUntil' },
    profile: 'penalties',
    report: { key: 'penalties', title: '行政处罚信息', label: '行政处罚', part: '行政管理信息', order: 20 },
    portalTitle: { templates: ['行政处罚决定书 {documentNumber}'], fallback: '行政处罚' },
    import: {
      kind: 'penalty',
      aliases: {
        legalRepresentative: ['法定代表人姓名', 'CF_FR'],
        penaltyCategory: ['处罚类别1', 'CF_CFLB1'],
        penaltyContent: ['处罚结果', 'CF_JG'],
        violationFacts: ['处罚事由'],
      },
    },
  },
  HONOUR: {
    typeName: 'Honour', description: '诚实守信相关荣誉.',
    input: { field: 'honour', description: 'Own fields of an honour (record kind HONOUR).' },
    derived: { awardedOn: 'decisionDate' },
    profile: 'honesty',
    report: { key: 'honours', title: '诚实守信相关荣誉信息', label: '诚实守信相关荣誉', part: '诚实守信相关荣誉信息', order: 30 },
    portalTitle: { templates: ['{honourName}'], fallback: '诚实守信相关荣誉' },
    import: null,
  },
  SERIOUS_LIST: {
    typeName: 'SeriousListRecord', description: '严重失信主体名单信息: the subject is on a serious-dishonesty list.',
    input: null,
    profile: 'seriousLists',
    report: { key: 'seriousLists', title: '严重失信主体名单信息', label: '严重失信主体名单', part: '严重失信主体名单信息', order: 40 },
    portalTitle: { templates: ['{listName}'], fallback: '严重失信主体名单' },
    import: null,
  },
  BUSINESS_ANOMALY: {
    typeName: 'BusinessAnomaly', description: '经营异常名录 listing.',
    input: { field: 'businessAnomaly', description: 'Own fields of a business-anomaly listing (record kind BUSINESS_ANOMALY).' },
    derived: { listedOn: 'decisionDate' },
    profile: 'anomalies',
    report: { key: 'anomalies', title: '经营（活动）异常名录信息', label: '经营（活动）异常名录', part: '经营（活动）异常名录信息', order: 50 },
    portalTitle: { templates: ['{reason}'], fallback: '列入经营异常名录' },
    import: null,
  },
  COMMITMENT: {
    typeName: 'CreditCommitment', description: '信用承诺 and its fulfilment.',
    input: { field: 'commitment', description: 'Own fields of a credit commitment (record kind COMMITMENT).' },
    derived: { madeOn: 'decisionDate' },
    profile: 'honesty',
    report: { key: 'commitments', title: '信用承诺信息', label: '信用承诺', part: '信用承诺信息', order: 60 },
    portalTitle: { templates: ['信用承诺（{commitmentType}）'], fallback: '信用承诺' },
    import: null,
  },
  COMMITMENT_FULFILMENT: {
    typeName: 'CreditCommitmentFulfilment', description: '信用承诺履约: whether a credit commitment was kept, as its accepting unit found on checking.',
    input: { field: 'commitmentFulfilment', description: 'Own fields of a finding on a credit commitment\'s fulfilment (record kind COMMITMENT_FULFILMENT).' },
    derived: { verifiedOn: 'decisionDate' },
    profile: 'honesty',
    report: { key: 'commitmentFulfilments', title: '信用承诺履约信息', label: '信用承诺履约', part: '信用承诺信息', order: 65 },
    portalTitle: { templates: ['信用承诺履约（{outcome}）'], fallback: '信用承诺履约' },
    import: null,
  },
  EVALUATION: {
    typeName: 'CreditEvaluation', description: '信用评价结果.',
    input: { field: 'evaluation', description: 'Own fields of a credit evaluation (record kind EVALUATION).' },
    profile: 'honesty',
    report: { key: 'evaluations', title: '信用评价信息', label: '信用评价', part: '信用评价信息', order: 70 },
    portalTitle: { templates: ['{evaluationName}'], fallback: '信用评价' },
    import: null,
  },
  COURT_ENFORCEMENT: {
    typeName: 'CourtEnforcementRecord', description: '失信被执行人: a judgment debtor on the courts\' dishonesty list.',
    input: { field: 'courtEnforcement', description: 'Own fields of a court-list record (record kind COURT_ENFORCEMENT).' },
    profile: 'seriousLists',
    report: {
      key: 'judicial', title: '司法判决及执行信息', label: '司法判决及执行 (失信被执行人)', part: '司法判决及执行信息', order: 80,
      note: 'the courts\' 失信被执行人 list',
    },
    portalTitle: { templates: ['失信被执行人 {caseNumber}'], fallback: '失信被执行人' },
    import: null,
  },
} as const satisfies Record<StoredRecordKind, RecordKindDescriptor>;

export type KindDescriptor<K extends StoredRecordKind> = (typeof RECORD_KIND_DESCRIPTORS)[K];

/** The stored kinds, in the order of RECORD_KINDS. */
export const STORED_RECORD_KINDS = RECORD_KIND_NAMES.filter((k): k is StoredRecordKind => k !== 'REGISTRATION');

/** Kinds recordCreditInformation writes (those with an input field group). */
export type WritableRecordKind = { [K in StoredRecordKind]: KindDescriptor<K>['input'] extends null ? never : K }[StoredRecordKind];

/** The descriptor of a kind, typed loosely for lookups. */
export function descriptorOf(kind: StoredRecordKind): RecordKindDescriptor {
  return RECORD_KIND_DESCRIPTORS[kind];
}

/** Report section keys, in report order. */
export type ReportSectionKey = KindDescriptor<StoredRecordKind>['report']['key'];

/** Profile section keys with the kinds each holds, in portal order. */
export function profileSections(): Array<{ key: ProfileSectionKey; spec: ProfileSectionSpec; kinds: StoredRecordKind[] }> {
  return (Object.entries(PROFILE_SECTIONS) as Array<[ProfileSectionKey, ProfileSectionSpec]>)
    .sort(([, a], [, b]) => a.order - b.order)
    .map(([key, spec]) => ({ key, spec, kinds: STORED_RECORD_KINDS.filter((k) => RECORD_KIND_DESCRIPTORS[k].profile === key) }));
}

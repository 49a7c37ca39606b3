/**
 * GraphQL enums derived from the closed vocabularies of the database (src/db/schema/enums.ts)
 * and the catalog (src/catalog/), so that the API, the tables and the catalog can never
 * disagree on a value. Every enum is declared through `describedEnum`, whose description
 * table is typed over the vocabulary: a value added without a description does not compile
 * (the schema linter, `npm run schema:lint`, checks the same on the emitted SDL).
 */
import { registerEnumType } from 'type-graphql';
import type { ShareRule } from '../catalog/catalog.bundle';
import { CATEGORIES, CATEGORY_CODES, type PublishRule } from '../catalog/catalog.schema';
import { MEASURE_CATEGORIES, STANDARD_LEVELS } from '../catalog/measures.schema';
import { RECORD_KIND_DESCRIPTORS, STORED_RECORD_KINDS } from '../catalog/record-kind.descriptors';
import { RECORD_KIND_NAMES, type RecordKind as RecordKindName } from '../catalog/record-kinds';
import { PERSONAL_DATA_BASES, PURPOSE_DECLARERS } from '../catalog/vocabulary.schema';
import { DOCUMENT_KINDS, LENIENCY_GROUNDS, RECORD_STATUSES, SEVERITIES, SUBJECT_KINDS } from '../db/schema/enums';

/** `{ V: 'V', … }` for a vocabulary: what type-graphql registers, and what resolvers return. */
export type EnumOf<T extends readonly string[]> = { [K in T[number]]: K };

/**
 * Registers the vocabulary `values` as the GraphQL enum `name`, each value described by
 * `valueDescriptions` (one per value, required by the type). Returns the enum object to pass
 * to `@Field(() => …)`.
 */
export function describedEnum<T extends readonly string[]>(
  name: string,
  description: string,
  values: T,
  valueDescriptions: { readonly [K in T[number]]: string },
): EnumOf<T> {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as EnumOf<T>;
  registerEnumType(enumObject, {
    name,
    description,
    valuesConfig: Object.fromEntries(values.map((v: T[number]) => [v, { description: valueDescriptions[v] }])) as Partial<
      Record<T[number], { description: string }>
    >,
  });
  return enumObject;
}

/**
 * `describedEnum` for a vocabulary the catalog declares as a type (a discriminated union's
 * tags) rather than an array: the values are the keys of the description table, which the
 * type makes complete and exact.
 */
export function describedEnumOf<V extends string>(name: string, description: string, valueDescriptions: { readonly [K in V]: string }) {
  return describedEnum(name, description, Object.keys(valueDescriptions) as V[], valueDescriptions);
}

export const SubjectKind = describedEnum(
  'SubjectKind',
  '行政相对人类别: legal person or unincorporated organisation, individual business, natural person',
  SUBJECT_KINDS,
  {
    LEGAL_PERSON: '法人及非法人组织: registered under a unified social credit code.',
    INDIVIDUAL_BUSINESS: '个体工商户: registered under a unified social credit code.',
    NATURAL_PERSON: '自然人: identified by resident ID number, never published in clear.',
  },
);

export const DocumentKind = describedEnum(
  'DocumentKind',
  'Kind of legally effective document a finding rests on (49号 二(二)): judgment, arbitral award, administrative penalty or ruling, or another instrument a law names',
  DOCUMENT_KINDS,
  {
    JUDGMENT: '生效司法裁判文书: a court judgment or ruling in force.',
    ARBITRAL_AWARD: '仲裁文书: an arbitral award.',
    ADMINISTRATIVE_PENALTY: '行政处罚决定书: an administrative penalty decision.',
    ADMINISTRATIVE_RULING: '行政裁决书: an administrative ruling.',
    OTHER_STATUTORY: 'Another instrument a law or administrative regulation names (needs a structured statutory citation).',
  },
);

export const Severity = describedEnum('Severity', 'Severity tier of a dishonesty finding: 轻微, 一般, 严重', SEVERITIES, {
  MINOR: '轻微失信.',
  GENERAL: '一般失信.',
  SERIOUS: '严重失信.',
});

export const LeniencyGround = describedEnum(
  'LeniencyGround',
  '49号 八(十六) grounds for lenient treatment: 未成年人, 不可抗力, 非主观故意, 轻微失信',
  LENIENCY_GROUNDS,
  {
    MINOR_SUBJECT: '未成年人: the subject is a minor.',
    FORCE_MAJEURE: '不可抗力: the breach was caused by force majeure.',
    NOT_INTENTIONAL: '非主观故意: the breach was not intentional.',
    MINOR_BREACH: '轻微失信: the breach is minor.',
  },
);

export const RecordStatus = describedEnum('RecordStatus', 'Where a credit record stands.', RECORD_STATUSES, {
  ACTIVE: 'In force: published and shared as its catalog item says.',
  REPAIRED: 'Repaired (信用修复): no longer published or shared; its subject still sees it, marked.',
  REVOKED: 'Withdrawn (撤销): by its agency, or by an objection\'s decision (PUBLICATION_WITHDRAWN); no longer published or shared.',
});

/**
 * The record kinds of src/catalog/record-kinds.ts: the stored kinds described by their
 * descriptors (record-kind.descriptors.ts), and REGISTRATION, the subject's own information.
 */
export const RecordKind = describedEnum(
  'RecordKind',
  'Kind of record a catalog item holds: REGISTRATION (the subject\'s own registration information, read as Subject), or a kind of credit record (each an object type implementing CreditRecord).',
  RECORD_KIND_NAMES,
  {
    REGISTRATION: '登记注册基本信息: the subject\'s own registration information (the fields of Subject).',
    ...Object.fromEntries(
      STORED_RECORD_KINDS.map((k) => [k, `${RECORD_KIND_DESCRIPTORS[k].description} Records are ${RECORD_KIND_DESCRIPTORS[k].typeName} objects.`]),
    ),
  } as Record<RecordKindName, string>,
);

/** The national catalog's categories, each described by the name the catalog gives it. */
export const CatalogCategory = describedEnum(
  'CatalogCategory',
  'Category of the national base catalog (公共信用信息基础目录) a catalog item belongs to.',
  CATEGORY_CODES,
  CATEGORIES,
);

export const MeasureCategory = describedEnum(
  'MeasureCategory',
  'Category of a punishment measure in the measures list (失信惩戒措施清单, 49号 五(九)).',
  MEASURE_CATEGORIES,
  {
    RIGHTS_REDUCTION: '由公共管理机构依法依规实施的减损信用主体权益或增加其义务的措施.',
    MANAGEMENT: '由公共管理机构根据履职需要实施的相关管理措施.',
    THIRD_PARTY_VOLUNTARY: '由公共管理机构以外的组织自主实施的措施.',
  },
);

export const StandardLevel = describedEnum(
  'StandardLevel',
  'Level of the instrument setting a serious-dishonesty list\'s standard (49号 四(六): only law, regulation or central policy may set one).',
  STANDARD_LEVELS,
  {
    LAW: '法律.',
    ADMINISTRATIVE_REGULATION: '行政法规.',
    CENTRAL_POLICY: '党中央、国务院政策文件.',
    DEPARTMENT_RULE: '部门规章.',
    LOCAL_REGULATION: '地方性法规.',
    JUDICIAL_INTERPRETATION: '司法解释 (the courts\' lists).',
  },
);

export const PurposeDeclarer = describedEnum('PurposeDeclarer', 'Who may declare a purpose in X-Purpose.', PURPOSE_DECLARERS, {
  AGENCY: 'A partner or department agency.',
  SUBJECT: 'The data subject, about their own data.',
  AUDITOR: 'An auditor.',
});

export const PersonalDataBasis = describedEnum(
  'PersonalDataBasis',
  'On what ground a purpose lets natural persons\' data be shared (PIPL).',
  PERSONAL_DATA_BASES,
  {
    STATUTORY_DUTY: 'A statutory duty (PIPL 第十三条第一款第（三）项): no consent needed.',
    CONSENT: 'A live consent of the natural person is required.',
  },
);

export const ShareScope = describedEnumOf<ShareRule['scope']>('ShareScope', '共享属性 of a catalog item: who may receive its records.', {
  NONE: '不予共享: shared with no agency.',
  CONDITIONAL: '有条件共享: the agencies and purposes the item lists.',
  UNCONDITIONAL: '无条件共享: any agency, for the purposes the item allows (every agency purpose when it names none).',
});

export const PublishScope = describedEnumOf<PublishRule['scope']>('PublishScope', '公开属性 of a catalog item: whether and how its records are published.', {
  NONE: '不予公开: never published.',
  ON_REQUEST: '依申请公开: disclosed on request.',
  PUBLIC: '主动公开: published, within the item\'s publication period.',
});

/**
 * The fixed set of record kinds and their own fields. A catalog item names one record kind
 * and must give a disclosure rule for every field listed here (catalog.checks.ts), so adding a
 * field here forces every catalog that uses the kind to decide about it.
 *
 * Subject identification (名称, 类别, 统一社会信用代码 and the legacy codes 2-6) is not repeated
 * in record kinds: it belongs to the subject (REGISTRATION). `code` is the column code of the
 * 双公示 standard (domain.md §4.1) or, for licences, the Credit China JSON name (§4.4) where one
 * is documented. `personal` marks fields that hold that kind of personal data whenever filled;
 * a catalog must declare the same kind on the field (it cannot forget that an ID number is one).
 *
 * Everything else about a kind — its GraphQL type, input, profile and report sections, portal
 * title, import columns — is its descriptor in record-kind.descriptors.ts, which must name every
 * kind listed here (a kind without one does not compile).
 */

export type PersonalDataKind = 'NAME' | 'ID_NUMBER' | 'PHONE' | 'ADDRESS' | 'BANK_ACCOUNT' | 'HEALTH';
export const PERSONAL_DATA_KINDS = ['NAME', 'ID_NUMBER', 'PHONE', 'ADDRESS', 'BANK_ACCOUNT', 'HEALTH'] as const satisfies readonly PersonalDataKind[];

export type RecordFieldType = 'STRING' | 'TEXT' | 'DATE' | 'DECIMAL' | 'INTEGER' | 'ENUM';

export interface RecordFieldSpec {
  readonly key: string;
  readonly label: string;
  readonly code?: string;
  readonly type: RecordFieldType;
  readonly enumValues?: readonly string[];
  /**
   * An ENUM field that may hold several of its values: one decision imposing 警告 and 罚款 (行政处罚法
   * 第九条 types are combined, 并处). Exports separate them with ; ； 、 or , — stored in the
   * order of `enumValues`, joined by 、, so the same decision reads the same whatever the file wrote.
   */
  readonly multiple?: true;
  readonly personal?: PersonalDataKind;
}

/** Separators real 双公示 exports put between the values of a multi-valued field. */
const VALUE_SEPARATORS = /[;；、,，]/;
export const VALUE_JOINER = '、';

/** The values of a multi-valued field's text, trimmed, blanks dropped (stored text or a file's cell). */
export function valuesOf(text: string | null | undefined): string[] {
  return (text ?? '').split(VALUE_SEPARATORS).map((v) => v.trim()).filter((v) => v !== '');
}

/** 证件类型 (CF_FR_ZJLX / CF_XDR_ZJLX). The standard writes other documents as "其他-<名称>"; stored as 其他. */
const ID_TYPES = ['身份证', '护照号', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '其他'] as const;

/** 行政处罚法 (2021) 第九条, one value per type; the 14th stands for 法律、行政法规规定的其他行政处罚. */
const PENALTY_CATEGORIES = [
  '警告', '通报批评', '罚款', '没收违法所得', '没收非法财物', '暂扣许可证件', '降低资质等级', '吊销许可证件',
  '限制开展生产经营活动', '责令停产停业', '责令关闭', '限制从业', '行政拘留', '其他行政处罚',
] as const;

export const RECORD_KINDS = {
  /** 登记注册基本信息: attributes of the subject itself. */
  REGISTRATION: [
    { key: 'name', label: '名称（姓名）', type: 'STRING' },
    { key: 'uscc', label: '统一社会信用代码', type: 'STRING' },
    { key: 'subjectKind', label: '行政相对人类别', type: 'ENUM', enumValues: ['法人及非法人组织', '自然人', '个体工商户'] },
    { key: 'legalRepresentative', label: '法定代表人（经营者）', type: 'STRING', personal: 'NAME' },
    { key: 'legalRepIdNumber', label: '法定代表人证件号码', type: 'STRING', personal: 'ID_NUMBER' },
    { key: 'idNumber', label: '身份证号码', type: 'STRING', personal: 'ID_NUMBER' },
    { key: 'entityType', label: '企业类型', type: 'STRING' },
    { key: 'status', label: '登记状态', type: 'STRING' },
    { key: 'establishedOn', label: '成立日期', type: 'DATE' },
    { key: 'registeredCapital', label: '注册资本（万元）', type: 'DECIMAL' },
    { key: 'address', label: '住所', type: 'STRING', personal: 'ADDRESS' },
    { key: 'registrationAuthority', label: '登记机关', type: 'STRING' },
    { key: 'businessScope', label: '经营范围', type: 'TEXT' },
    { key: 'phone', label: '联系电话', type: 'STRING', personal: 'PHONE' },
  ],
  /** 行政许可, domain.md §4.2 minus the respondent's identification. */
  LICENCE: [
    { key: 'legalRepresentative', label: '法定代表人', code: 'XK_FR', type: 'STRING', personal: 'NAME' },
    { key: 'legalRepIdType', label: '法定代表人证件类型', type: 'ENUM', enumValues: ID_TYPES },
    { key: 'legalRepIdNumber', label: '法定代表人证件号码', type: 'STRING', personal: 'ID_NUMBER' },
    { key: 'documentName', label: '行政许可决定文书名称', type: 'STRING' },
    { key: 'documentNumber', label: '行政许可决定文书号', code: 'XK_WSH', type: 'STRING' },
    { key: 'licenceCategory', label: '许可类别', code: 'XK_SPLB', type: 'ENUM', enumValues: ['普通', '特许', '认可', '核准', '登记', '其他'] },
    { key: 'certificateName', label: '许可证书名称', type: 'STRING' },
    { key: 'licenceNumber', label: '许可编号', type: 'STRING' },
    { key: 'content', label: '许可内容', code: 'XK_NR', type: 'TEXT' },
    { key: 'decidedOn', label: '许可决定日期', code: 'XK_JDRQ', type: 'DATE' },
    { key: 'validFrom', label: '有效期自', type: 'DATE' },
    { key: 'validUntil', label: '有效期至', code: 'XK_JZQ', type: 'DATE' },
    { key: 'licensingAuthority', label: '许可机关', code: 'XK_XZJG', type: 'STRING' },
    { key: 'licensingAuthorityUscc', label: '许可机关统一社会信用代码', type: 'STRING' },
    { key: 'status', label: '当前状态', type: 'ENUM', enumValues: ['有效', '无效'] },
    { key: 'dataSource', label: '数据来源单位', type: 'STRING' },
    { key: 'dataSourceUscc', label: '数据来源单位统一社会信用代码', type: 'STRING' },
    { key: 'remarks', label: '备注', type: 'TEXT' },
  ],
  /** 行政处罚, domain.md §4.1 fields 9-30. */
  PENALTY: [
    { key: 'legalRepresentative', label: '法定代表人', code: 'CF_FRDB', type: 'STRING', personal: 'NAME' },
    { key: 'legalRepIdType', label: '法定代表人证件类型', code: 'CF_FR_ZJLX', type: 'ENUM', enumValues: ID_TYPES },
    { key: 'legalRepIdNumber', label: '法定代表人证件号码', code: 'CF_FR_ZJHM', type: 'STRING', personal: 'ID_NUMBER' },
    { key: 'idType', label: '证件类型', code: 'CF_XDR_ZJLX', type: 'ENUM', enumValues: ID_TYPES },
    { key: 'idNumber', label: '证件号码', code: 'CF_XDR_ZJHM', type: 'STRING', personal: 'ID_NUMBER' },
    { key: 'documentNumber', label: '行政处罚决定书文号', code: 'CF_WSH', type: 'STRING' },
    { key: 'violationType', label: '违法行为类型', code: 'CF_WFXW', type: 'STRING' },
    { key: 'violationFacts', label: '违法事实', code: 'CF_SY', type: 'TEXT' },
    { key: 'penaltyBasis', label: '处罚依据', code: 'CF_YJ', type: 'TEXT' },
    { key: 'penaltyCategory', label: '处罚类别', code: 'CF_CFLB', type: 'ENUM', enumValues: PENALTY_CATEGORIES, multiple: true },
    { key: 'penaltyContent', label: '处罚内容', code: 'CF_NR', type: 'TEXT' },
    { key: 'fineAmount', label: '罚款金额（万元）', code: 'CF_NR_FK', type: 'DECIMAL' },
    { key: 'confiscatedAmount', label: '没收违法所得、没收非法财物的金额（万元）', code: 'CF_NR_WFFF', type: 'DECIMAL' },
    { key: 'suspendedOrRevokedLicence', label: '暂扣或吊销证照名称及编号', code: 'CF_NR_ZKDX', type: 'STRING' },
    { key: 'decidedOn', label: '处罚决定日期', code: 'CF_JDRQ', type: 'DATE' },
    { key: 'validUntil', label: '处罚有效期', code: 'CF_YXQ', type: 'DATE' },
    { key: 'publicityEndsOn', label: '公示截止期', code: 'CF_GSJZQ', type: 'DATE' },
    { key: 'decidingAuthority', label: '处罚机关', code: 'CF_CFJG', type: 'STRING' },
    { key: 'decidingAuthorityUscc', label: '处罚机关统一社会信用代码', code: 'CF_CFJGDM', type: 'STRING' },
    { key: 'dataSource', label: '数据来源单位', code: 'CF_SJLY', type: 'STRING' },
    { key: 'dataSourceUscc', label: '数据来源单位统一社会信用代码', code: 'CF_SJLYDM', type: 'STRING' },
    { key: 'remarks', label: '备注', code: 'BZ', type: 'TEXT' },
  ],
  /** 失信被执行人: published fields of the SPC rule (2013) art. 4 and Credit China's list view (domain.md §5.5, §8). */
  COURT_ENFORCEMENT: [
    { key: 'caseNumber', label: '案号', type: 'STRING' },
    { key: 'court', label: '执行法院', type: 'STRING' },
    { key: 'regionName', label: '地域名称', type: 'STRING' },
    { key: 'enforcementBasisNumber', label: '执行依据文号', type: 'STRING' },
    { key: 'enforcementBasisIssuer', label: '作出执行依据单位', type: 'STRING' },
    { key: 'obligation', label: '法律生效文书确定的义务', type: 'TEXT' },
    { key: 'performance', label: '被执行人的履行情况', type: 'ENUM', enumValues: ['全部未履行', '部分未履行'] },
    { key: 'specificCircumstance', label: '失信被执行人具体情形', type: 'TEXT' },
    { key: 'filedOn', label: '立案时间', type: 'DATE' },
    { key: 'publishedOn', label: '发布时间', type: 'DATE' },
    { key: 'performedPart', label: '已履行部分', type: 'TEXT' },
    { key: 'unperformedPart', label: '未履行部分', type: 'TEXT' },
    { key: 'legalRepresentative', label: '法定代表人或者负责人姓名', type: 'STRING', personal: 'NAME' },
    // 姓名 of a natural-person debtor (the SPC rule art. 4 publishes it): the record must carry it,
    // because a natural person's registration information is not published.
    { key: 'personName', label: '被执行人姓名（自然人）', type: 'STRING', personal: 'NAME' },
    { key: 'respondentIdNumber', label: '身份证号码', type: 'STRING', personal: 'ID_NUMBER' },
    { key: 'sex', label: '性别', type: 'ENUM', enumValues: ['男', '女'] },
    { key: 'age', label: '年龄', type: 'INTEGER' },
  ],
  /** 经营异常名录 (企业信息公示暂行条例 第十七条; Credit China 经营异常 section). */
  BUSINESS_ANOMALY: [
    { key: 'reason', label: '列入经营异常名录原因类型名称', type: 'STRING' },
    { key: 'listedOn', label: '列入日期', type: 'DATE' },
    { key: 'listingAuthority', label: '列入决定机关名称', type: 'STRING' },
    { key: 'removedOn', label: '移出日期', type: 'DATE' },
    { key: 'removalReason', label: '移出原因', type: 'STRING' },
    { key: 'removalAuthority', label: '移出决定机关名称', type: 'STRING' },
  ],
  /** 严重失信主体名单: the elements a listing decision must state (49号 四(八)). */
  SERIOUS_LIST: [
    { key: 'listName', label: '名单名称', type: 'STRING' },
    { key: 'reasons', label: '列入事由', type: 'TEXT' },
    { key: 'basis', label: '列入依据', type: 'TEXT' },
    { key: 'decisionDocumentNumber', label: '认定决定文书号', type: 'STRING' },
    { key: 'decidingAuthority', label: '认定部门', type: 'STRING' },
    { key: 'listedOn', label: '列入日期', type: 'DATE' },
    { key: 'measuresNotice', label: '失信惩戒措施提示', type: 'TEXT' },
    { key: 'removalConditions', label: '移出条件和程序', type: 'TEXT' },
    { key: 'remedies', label: '救济措施', type: 'TEXT' },
  ],
  /** 诚实守信相关荣誉 (Credit China 诚实守信: 数据类别, 数据来源, 评价年度, 文件名). */
  HONOUR: [
    { key: 'honourName', label: '荣誉名称', type: 'STRING' },
    { key: 'awardingAuthority', label: '授予单位', type: 'STRING' },
    { key: 'awardedOn', label: '授予日期', type: 'DATE' },
    { key: 'validUntil', label: '有效期至', type: 'DATE' },
    { key: 'documentName', label: '文件名', type: 'STRING' },
    { key: 'evaluationYear', label: '评价年度', type: 'INTEGER' },
  ],
  /** 信用承诺 (credit report section 六). */
  COMMITMENT: [
    { key: 'commitmentType', label: '承诺类型', type: 'ENUM', enumValues: ['主动型', '审批替代型'] },
    { key: 'content', label: '承诺内容', type: 'TEXT' },
    { key: 'acceptingUnit', label: '受理单位', type: 'STRING' },
    { key: 'madeOn', label: '承诺日期', type: 'DATE' },
    { key: 'fulfilmentStatus', label: '履行状态', type: 'STRING' },
  ],
  /**
   * 信用承诺履约: whether a subject kept a credit commitment, as the accepting unit found on
   * checking it (国办发〔2019〕35号 (一)2 and 〔2020〕42号 (三)4: 履约情况 enters the credit record).
   */
  COMMITMENT_FULFILMENT: [
    { key: 'commitmentContent', label: '承诺事项', type: 'TEXT' },
    { key: 'commitmentType', label: '承诺类型', type: 'ENUM', enumValues: ['主动型', '审批替代型'] },
    { key: 'commitmentMadeOn', label: '承诺日期', type: 'DATE' },
    { key: 'acceptingUnit', label: '受理单位', type: 'STRING' },
    { key: 'verifiedOn', label: '核查日期', type: 'DATE' },
    { key: 'verifyingAuthority', label: '核查单位', type: 'STRING' },
    { key: 'outcome', label: '履约情况', type: 'ENUM', enumValues: ['已履约', '部分履约', '未履约'] },
    { key: 'breachCircumstance', label: '违诺情形', type: 'TEXT' },
    { key: 'handling', label: '处理措施', type: 'TEXT' },
  ],
  /** 信用评价结果 (e.g. 纳税信用等级). */
  EVALUATION: [
    { key: 'evaluationName', label: '评价名称', type: 'STRING' },
    { key: 'result', label: '评价结果', type: 'STRING' },
    { key: 'evaluationYear', label: '评价年度', type: 'INTEGER' },
    { key: 'evaluator', label: '评价单位', type: 'STRING' },
  ],
} as const satisfies Record<string, readonly RecordFieldSpec[]>;

export type RecordKind = keyof typeof RECORD_KINDS;
/** Kinds stored as credit records: all but REGISTRATION, which describes the subject itself. */
export type StoredRecordKind = Exclude<RecordKind, 'REGISTRATION'>;
export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as [RecordKind, ...RecordKind[]];

/** The fields of one record kind, typed loosely for lookups. */
export function recordKindFields(kind: RecordKind): readonly RecordFieldSpec[] {
  return RECORD_KINDS[kind];
}

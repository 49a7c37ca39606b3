/**
 * One credit record as the public reads it: a titled block with its publication window
 * (公示期 and 公示截止期) and a table of the fields the catalog publishes. Fields the API left
 * null (not recorded, or not disclosed) are not listed.
 */
import { h } from './dom.js';
import * as f from './format.js';
import { kvTable } from './ui.js';

/** Long texts: a row of their own in the record table. */
const WIDE = new Set([
  'content', 'violationFacts', 'penaltyBasis', 'penaltyContent', 'suspendedOrRevokedLicence', 'reasons', 'basis',
  'measuresNotice', 'removalConditions', 'remedies', 'obligation', 'specificCircumstance', 'documentName',
]);

/** Per record kind: the title of the block, and the rows [label, field, format]. */
const KINDS = {
  AdministrativeLicence: {
    title: (r) => r.documentName || r.certificateName || '行政许可',
    rows: [
      ['行政许可决定文书号', 'documentNumber'], ['许可证书名称', 'certificateName'], ['许可编号', 'licenceNumber'],
      ['许可类别', 'licenceCategory'], ['许可内容', 'content'], ['许可机关', 'licensingAuthority'],
      ['许可决定日期', 'decidedOn', f.date], ['有效期自', 'validFrom', f.date], ['有效期至', 'validUntil', f.date],
      ['当前状态', 'status'], ['法定代表人', 'legalRepresentative'], ['数据来源单位', 'dataSource'],
    ],
  },
  AdministrativePenalty: {
    title: (r) => (r.documentNumber ? `行政处罚决定书 ${r.documentNumber}` : '行政处罚'),
    rows: [
      ['行政处罚决定书文号', 'documentNumber'], ['违法行为类型', 'violationType'], ['违法事实', 'violationFacts'],
      ['处罚依据', 'penaltyBasis'], ['处罚类别', 'penaltyCategory'], ['处罚内容', 'penaltyContent'],
      ['罚款金额', 'fineAmount', f.wan], ['没收违法所得、没收非法财物的金额', 'confiscatedAmount', f.wan],
      ['暂扣或吊销证照名称及编号', 'suspendedOrRevokedLicence'], ['处罚机关', 'decidingAuthority'],
      ['处罚决定日期', 'decidedOn', f.date], ['处罚有效期', 'validUntil', f.date],
      ['法定代表人', 'legalRepresentative'], ['数据来源单位', 'dataSource'],
    ],
  },
  BusinessAnomaly: {
    title: (r) => r.reason || '列入经营异常名录',
    rows: [
      ['列入经营异常名录原因', 'reason'], ['列入日期', 'listedOn', f.date], ['列入决定机关', 'listingAuthority'],
      ['移出日期', 'removedOn', f.date], ['移出原因', 'removalReason'], ['移出决定机关', 'removalAuthority'],
    ],
  },
  Honour: {
    title: (r) => r.honourName || '诚实守信相关荣誉',
    rows: [
      ['荣誉名称', 'honourName'], ['授予单位', 'awardingAuthority'], ['授予日期', 'awardedOn', f.date],
      ['评价年度', 'evaluationYear', f.integer], ['文件名', 'documentName'], ['有效期至', 'validUntil', f.date],
    ],
  },
  CreditCommitment: {
    title: (r) => `信用承诺${r.commitmentType ? `（${r.commitmentType}）` : ''}`,
    rows: [
      ['承诺类型', 'commitmentType'], ['承诺内容', 'content'], ['受理单位', 'acceptingUnit'],
      ['承诺日期', 'madeOn', f.date], ['履行状态', 'fulfilmentStatus'],
    ],
  },
  CreditEvaluation: {
    title: (r) => r.evaluationName || '信用评价',
    rows: [['评价名称', 'evaluationName'], ['评价年度', 'evaluationYear', f.integer], ['评价单位', 'evaluator'], ['评价结果', 'result']],
  },
  SeriousListRecord: {
    title: (r) => r.listName || '严重失信主体名单',
    rows: [
      ['名单名称', 'listName'], ['列入事由', 'reasons'], ['列入依据', 'basis'], ['认定部门', 'decidingAuthority'],
      ['认定决定文书号', 'decisionDocumentNumber'], ['列入日期', 'listedOn', f.date], ['失信惩戒措施提示', 'measuresNotice'],
      ['移出条件和程序', 'removalConditions'], ['救济措施', 'remedies'],
    ],
  },
  CourtEnforcementRecord: {
    title: (r) => `失信被执行人${r.caseNumber ? ` ${r.caseNumber}` : ''}`,
    rows: [
      ['案号', 'caseNumber'], ['被执行人姓名', 'personName'], ['性别', 'sex'], ['年龄', 'age', f.integer],
      ['身份证号码', 'respondentIdNumber'], ['法定代表人或者负责人', 'legalRepresentative'], ['执行法院', 'court'],
      ['地域名称', 'regionName'], ['执行依据文号', 'enforcementBasisNumber'], ['作出执行依据单位', 'enforcementBasisIssuer'],
      ['法律生效文书确定的义务', 'obligation'], ['被执行人的履行情况', 'performance'], ['已履行部分', 'performedPart'],
      ['未履行部分', 'unperformedPart'], ['失信被执行人具体情形', 'specificCircumstance'],
      ['立案时间', 'filedOn', f.date], ['发布时间', 'publishedOn', f.date],
    ],
  },
};

function present(value) {
  return value !== null && value !== undefined && value !== '';
}

/** The title of a record, as used in its block and in list tables. */
export function recordTitle(record) {
  const kind = KINDS[record.__typename];
  return kind ? kind.title(record) : record.catalogItem?.name ?? '信用记录';
}

/** 公示期 / 公示截止期 line: the public sees a record only inside this window. */
export function publicationLine(record) {
  return h('p', { class: 'pub-window' },
    h('strong', null, '公示期：'), f.publicationWindow(record.publicationStart, record.publicationEnd),
    '　', h('strong', null, '公示截止期：'), record.publicationEnd ? record.publicationEnd : '无固定截止期');
}

export function recordBadges(record) {
  const sev = f.severity(record.severity);
  return [
    sev ? h('span', { class: `badge ${sev.badge}` }, `失信程度：${sev.label}`) : null,
    record.disputed ? h('span', { class: 'badge badge-disputed', title: '信用主体已提出异议，正在核查处理' }, '异议处理中') : null,
  ];
}

/** A record block; `headingLevel` keeps the page's heading order (h3 under a section's h2). */
export function recordBlock(record, headingLevel = 3) {
  const kind = KINDS[record.__typename];
  const headingId = `record-${record.id}`;
  const cells = (kind?.rows ?? [])
    .filter(([, key]) => present(record[key]))
    .map(([label, key, format]) => ({ label, value: (format ?? f.text)(record[key]), wide: WIDE.has(key) }));
  cells.push(
    { label: '信息类别', value: `${record.catalogItem?.name ?? '—'}（目录编号 ${record.catalogItem?.code ?? '—'}）` },
    // The id a subject cites when it objects or applies for repair through the API.
    { label: '记录编号', value: record.id, mono: true },
  );
  return h('article', { class: 'record', 'aria-labelledby': headingId },
    h('div', { class: 'record-head' },
      h(`h${headingLevel}`, { id: headingId, tabindex: '-1' }, recordTitle(record)),
      h('span', null, recordBadges(record))),
    publicationLine(record),
    kvTable(cells));
}

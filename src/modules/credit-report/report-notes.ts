/**
 * 报告说明: the notes printed at the end of every report. The wording follows the notes of the
 * national report (domain.md §8): objective, unedited, no scoring or grading, how to object and
 * how to apply for credit repair; plus what the edition at hand contains.
 */
import { ReportEdition } from './credit-report.type';
import { SECTION_RECORD_LIMIT } from './report-sections';

const COMMON_HEAD = [
  '本报告依据《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）和公共信用信息目录，' +
    '如实列示信用主体的公共信用信息，不对所列信息作任何编辑，不对信用主体作评分或评级。',
  '报告所列信息均以具有法律效力的文书为依据，由认定部门（单位）提供；信息内容以提供部门的认定为准。',
];

const EDITION_NOTE: Record<ReportEdition, string> = {
  [ReportEdition.PUBLIC]:
    '本报告为公开版：仅列示公共信用信息目录确定主动公开、且在公示期内的信息；已修复或已撤销的信息不予列示；' +
    '自然人的个人信息已作去标识化处理；标注“不予公开”的字段依目录不向社会公开。',
  [ReportEdition.FULL]:
    '本报告为完整版：在公开信息之外，还列示报告申请方依其身份（信用主体本人、信息提供部门或共享单位）和所申报用途依法可获取的信息；' +
    '本次查询已记入访问日志，信用主体可查询其信息被访问的记录。请依申报用途使用，不得向第三方提供。',
};

const COMMON_TAIL = [
  `各部分最多列示最近 ${SECTION_RECORD_LIMIT} 条记录，概要中的数量为全部记录数。`,
  '信用主体认为所列信息存在错误、遗漏的，可以提出异议申诉；已纠正失信行为、履行相关义务的，可以依法申请信用修复，信用修复不收取任何费用。',
  '报告内容截至报告生成时间。报告编号唯一；校验码为报告内容（规范化 JSON）的 SHA-256 摘要，可用于核对打印件与所出具报告是否一致。',
];

export function reportNotes(edition: ReportEdition): string[] {
  return [...COMMON_HEAD, EDITION_NOTE[edition], ...COMMON_TAIL];
}

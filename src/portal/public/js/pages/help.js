/**
 * 异议申诉与信用修复: how a subject objects to its information or applies for credit repair,
 * free of charge (国办发〔2020〕49号; 信用修复管理办法, 国家发展和改革委员会令第36号;
 * 国办发〔2025〕22号). Text only: filing needs the subject's own token, through the API.
 * The time limits are the catalog's in force when the server started (set on the page by the server).
 */
import { h, tableWrap } from '../dom.js';
import { breadcrumb } from '../ui.js';

function limits() {
  const d = document.documentElement.dataset;
  return { objection: d.objectionDays, repair: d.repairDays, listObjection: d.listObjectionDays };
}

const FILE_OBJECTION = `# 请求头：Authorization: Bearer <信用主体令牌（SUBJECT）>
#         （或登录后由浏览器会话认证：X-CSRF-Token: <GET /auth/session 返回的 csrfToken>）
#         content-type: application/json
mutation {
  fileObjection(input: {
    creditRecordId: "<记录编号>"          # 或 listEntryId: "<名单告知/列入编号>"
    reason: "处罚决定已被复议机关撤销，附复议决定书编号……"
  }) { id state dueOn }
}`;

const APPLY_REPAIR = `mutation {
  applyForCreditRepair(input: {
    creditRecordId: "<记录编号>"          # 或 listEntryId: "<名单列入编号>"
    commitment: "本单位承诺所提交材料真实有效，如有虚假愿承担相应法律责任。"
    obligationsEvidence: "罚款已于2026年6月10日缴清（缴款书编号……），违法行为已整改完毕。"
  }) { id state dueOn }
}`;

const PROGRESS = `query {
  myObjections { edges { node { id state dueOn outcome response } } }
  myRepairApplications { edges { node { id state dueOn decisionReason treatment } } }
}`;

function section(id, title, ...content) {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'panel-head' }, h('h2', { id: `${id}-title` }, title)),
    h('div', { class: 'panel-body prose' }, content));
}

const li = (...c) => h('li', null, c);
const p = (...c) => h('p', null, c);

export function render({ view, setTitle }) {
  const d = limits();
  setTitle('异议申诉与信用修复');
  view.replaceChildren(
    breadcrumb(['首页', '/'], ['异议申诉与信用修复']),
    h('h1', { tabindex: '-1' }, '异议申诉与信用修复'),
    h('p', { class: 'free-notice' }, h('strong', null, '异议申诉和信用修复均免费办理。'),
      '信用修复是面向信用主体的公益服务，任何单位不得收取费用。以“付费修复”“有偿删除”等名义收费的，均不是本平台的服务，请注意防范。'),
    h('p', null, '登录后可在', h('a', { href: '/my' }, '“我的信用”'), '中直接提出异议、上传证明材料、申请信用修复并查看办理进度，无需调用接口。'),
    h('nav', { class: 'panel', 'aria-label': '本页目录' }, h('div', { class: 'panel-body' }, h('ul', null,
      li(h('a', { href: '#objection' }, '一、信用信息异议申诉')),
      li(h('a', { href: '#repair' }, '二、信用修复')),
      li(h('a', { href: '#periods' }, '三、行政处罚信息的公示期限')),
      li(h('a', { href: '#api' }, '四、通过接口办理'))))),

    section('objection', '一、信用信息异议申诉',
      p('信用主体认为本平台公示或共享的本主体信用信息存在错误、遗漏，或者侵犯商业秘密、个人隐私等合法权益的，可以提出异议申诉。'),
      h('h3', null, '可以提出异议的信息'),
      h('ul', null,
        li('本主体的信用记录：行政许可、行政处罚、经营异常名录、诚实守信等信息；'),
        li('严重失信主体名单：拟列入名单的告知，以及已列入的名单信息。')),
      h('h3', null, '办理流程'),
      h('ol', null,
        li('提出异议：写明信息错在哪里、理由和可以提供的证据（5至2000字），注明所针对信息的记录编号（见主体信用信息页面每条记录）。'),
        li('即时标注：异议提交后，该条信息立即标注为“异议处理中”。'),
        li(`核查处理：由信息提供单位（或名单认定部门）在 ${d.objection} 个工作日内核查并作出处理，答复处理结果和理由。`),
        li('处理结果：更正信息、补充信息、撤销公示、移出名单，或经核查信息无误的，维持原信息并说明理由。')),
      h('h3', null, '严重失信主体名单的告知与异议'),
      p(`认定部门拟将主体列入严重失信主体名单的，应当事先告知拟列入的事由、依据和主体依法享有的陈述、申辩等权利。主体可以在告知之日起 ${d.listObjection} 个工作日内提出异议；异议处理完毕前，不作出列入决定（国办发〔2020〕49号）。`)),

    section('repair', '二、信用修复',
      p('除法律、法规和党中央、国务院政策文件明确规定不可修复的情形外，纠正失信行为、消除不良影响的信用主体，可以申请信用修复（国办发〔2020〕49号）。'),
      h('h3', null, '申请条件'),
      h('ol', null,
        li('最短公示期已经届满；'),
        li('已经纠正失信行为，履行了行政处罚决定、经营异常名录或严重失信主体名单规定的义务（如缴清罚款、完成整改）；'),
        li('作出信用承诺：保证所提交材料真实，并愿意承担不实承诺的责任；'),
        li('法律、行政法规和部门规章规定的其他条件。')),
      p('法律、法规或党中央、国务院政策文件明确规定不可修复的信息，不予修复，公示期满后自动停止公示。公共信用信息目录对每一类信息注明是否可以修复。'),
      h('h3', null, '办理流程'),
      h('ol', null,
        li('提交申请：信用承诺，以及履行义务的情况和证明材料所在（能由部门自行核查的，无需重复提交）。'),
        li(`审核决定：由信息提供单位在 ${d.repair} 个工作日内作出决定；不予修复的，说明不符合的条件。`),
        li('修复效果：该信息终止公示、停止共享，不再作为失信惩戒的依据；属于严重失信主体名单的，移出名单；相应失信惩戒措施同时解除。信息按规定予以标注、屏蔽或删除。')),
      p('也可以到各地政务服务大厅的信用修复窗口线下办理。')),

    section('periods', '三、行政处罚信息的公示期限',
      p('自2026年4月1日起，行政处罚信息按失信程度确定公示期限，自行政处罚决定作出之日起计算（《信用修复管理办法》，国家发展和改革委员会令第36号；国办发〔2025〕22号）：'),
      tableWrap('行政处罚信息公示期限', h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, '行政处罚信息公示期限'),
        h('thead', null, h('tr', null, ['失信程度', '最短公示期', '最长公示期'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null,
          h('tr', null, h('td', null, '轻微'), h('td', null, '原则上不予公示'), h('td', null, '确需公示的，最长3个月')),
          h('tr', null, h('td', null, '一般'), h('td', null, '3个月'), h('td', null, '1年')),
          h('tr', null, h('td', null, '严重'), h('td', null, '1年'), h('td', null, '3年'))))),
      p('最短公示期届满后，可以申请信用修复提前终止公示；最长公示期届满后，信息自动停止公示，无需申请。每条信息的公示期和公示截止期在主体信用信息页面列明。')),

    section('api', '四、通过接口办理',
      p('本页面只作说明，不提供需要登录的在线表单。信用主体经身份认证取得本主体的访问令牌（SUBJECT 角色）后，可以通过本平台的 GraphQL 接口 ',
        h('code', null, '/graphql'), ' 办理，请求头携带 ', h('code', null, 'Authorization: Bearer <令牌>'), '。'),
      p('已接入统一身份认证的，也可以访问 ', h('a', { href: '/auth/login' }, '/auth/login'),
        ' 登录：个人以本人身份认证，企业经办人以企业统一社会信用代码（电子营业执照）认证。登录后由浏览器会话认证，请求头改为携带 ',
        h('code', null, 'X-CSRF-Token'), '（取自 ', h('code', null, 'GET /auth/session'), ' 返回的 csrfToken），退出登录请向 ',
        h('code', null, 'POST /auth/logout'), ' 提交。'),
      h('h3', null, '提出异议（fileObjection）'),
      h('pre', { tabindex: '0', 'aria-label': 'fileObjection 示例' }, h('code', null, FILE_OBJECTION)),
      h('h3', null, '申请信用修复（applyForCreditRepair）'),
      h('pre', { tabindex: '0', 'aria-label': 'applyForCreditRepair 示例' }, h('code', null, APPLY_REPAIR)),
      h('h3', null, '查询办理进度'),
      h('pre', { tabindex: '0', 'aria-label': '办理进度查询示例' }, h('code', null, PROGRESS)),
      p('返回的 dueOn 为办理期限的最后一日。信用主体还可以用同一令牌查询本主体的全部信用信息（含已过公示期的信息）和被查询记录。')),
  );
}

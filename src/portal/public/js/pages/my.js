/**
 * 我的信用 (my credit), for the signed-in subject: its own records in full with their 公示期 and
 * status and every version of a corrected one; notices of an intended listing with their
 * objection deadline; its objections and repair applications with state, deadline, outcome and
 * files; consents to grant and revoke; who read its data and why, with the log's receipts.
 * Forms: /my/object (异议), /my/repair (信用修复), /my/consent (授权). Everything goes through
 * the GraphQL API as the SUBJECT (my-api.js); the server's policy decides what is shown.
 */
import { h, tableWrap, uid } from '../dom.js';
import { recordBlock, recordTitle } from '../records.js';
import { MY_PROFILE, SECTIONS } from '../queries.js';
import { announce, breadcrumb, errorAlert, infoAlert, loading } from '../ui.js';
import { downloadFile, myGraphql, session, uploadFile } from '../my-api.js';

const ATT = 'id fileName contentType size sha256 erasedAt downloadPath';
const MY_CASES = `query MyCases {
  mySeriousListEntries(first: 20) { edges { node { id listName state notifiedAt objectionDeadline objectionDeadlineProvisional objectionPending noticeReasons noticeBasis noticeRights agencyName } } }
  myObjections(first: 20) { edges { node { id creditRecordId listEntryId reason filedAt dueOn dueOnProvisional overdue state outcome response decidedAt decidedBy attachments { ${ATT} } } } }
  myRepairApplications(first: 20) { edges { node { id creditRecordId listEntryId filedAt dueOn dueOnProvisional overdue state treatment decisionReason decidedAt decidedBy attachments { ${ATT} } } } }
  myConsents(first: 20) { edges { node { id agencyCode agencyName purposes itemCodes channel grantedAt expiresAt revokedAt state } } }
}`;
const MY_ACCESS = `query MyAccess { myAccessLog(first: 30) { totalCount edges { node { seq at role agencyCode purpose operation itemCode decision reason hash checkpoint { lastSeq head at keyId } } } } }`;
const HISTORY = `query MyRecordHistory($id: ID!) { creditRecordHistory(recordId: $id) { changedAt change ground actor actorAgency changes { field before after withheld } } }`;

const RECORD_STATUS = { ACTIVE: '公示中', EXPIRED: '公示期满', REPAIRED: '已信用修复', REVOKED: '已撤销' };
const ENTRY_STATE = { NOTIFIED: '已告知（拟列入）', OBJECTED: '异议处理中', LISTED: '已列入名单', REMOVED: '已移出', DROPPED: '已终止' };
const OBJECTION_OUTCOME = { CORRECTED: '已更正', SUPPLEMENTED: '已补充', PUBLICATION_WITHDRAWN: '已撤下公示', REMOVED_FROM_LIST: '已移出名单（或终止列入）', REJECTED: '异议不成立' };
const REPAIR_STATE = { SUBMITTED: '已提交', ACCEPTED: '已受理', REJECTED: '不予修复', APPROVED: '准予修复' };
const TREATMENT = { MARKED: '标注修复', SHIELDED: '屏蔽公示', DELETED: '删除' };
const CHANGE = { OBJECTION_FILED: '提出异议', OBJECTION_DECIDED: '异议处理决定', REPAIR_DECIDED: '信用修复决定', REVOCATION: '撤销', LIST_REMOVAL: '移出名单', PERSONAL_DATA_ERASED: '个人信息删除', UNATTRIBUTED: '系统外变更' };
const ROLE = { SUBJECT: '本人', PARTNER: '合作机构', DEPARTMENT: '政府部门', AUDITOR: '审计', CATALOG_ADMIN: '目录管理' };
const CONSENT_STATE = { ACTIVE: '有效', EXPIRED: '已到期', REVOKED: '已撤销' };

const LIMITS = { maxBytes: 5 * 1024 * 1024, perCase: 3, types: ['application/pdf', 'image/jpeg', 'image/png'] };

const dateTime = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
const size = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

function section(id, title, ...content) {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'panel-head' }, h('h2', { id: `${id}-title` }, title)),
    h('div', { class: 'panel-body' }, content));
}

function table(label, head, rows) {
  return tableWrap(label, h('table', { class: 'data-table' },
    h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows)));
}

/**
 * The files of a case: name, size, SHA-256 receipt and a download button (fetched with the
 * session's token); a file erased with the record's personal data keeps only its receipt.
 */
function fileList(attachments) {
  if (!attachments?.length) return h('p', { class: 'hint' }, '未附材料');
  return h('ul', { class: 'file-list' }, attachments.map((a) => h('li', null,
    a.erasedAt
      ? h('span', null, `材料已于 ${dateTime(a.erasedAt)} 随记录个人信息删除`)
      : h('button', {
        class: 'btn btn-secondary btn-small', type: 'button',
        onclick: (e) => downloadFile(a.downloadPath, a.fileName).catch((err) => e.target.after(h('span', { role: 'alert' }, err.message))),
      }, `下载 ${a.fileName}`),
    ` ${size(a.size)} · SHA-256 `, h('code', { class: 'mono' }, a.sha256.slice(0, 16), '…'))));
}

function signInPrompt(view) {
  view.append(infoAlert('请先登录',
    '“我的信用”展示您本人的全部信用记录、异议和信用修复办理进度、授权情况及查询记录。',
    h('a', { class: 'btn', href: `/auth/login?return=${encodeURIComponent(location.pathname + location.search)}` }, '登录')));
}

function heading(ctx, title, crumbs) {
  ctx.setTitle(title);
  ctx.view.replaceChildren(breadcrumb(['首页', '/'], ...crumbs), h('h1', { tabindex: '-1' }, title));
}

export async function render(ctx) {
  const form = ctx.params[0];
  if (form === 'object') return objectionPage(ctx);
  if (form === 'repair') return repairPage(ctx);
  if (form === 'consent') return consentPage(ctx);
  return overview(ctx);
}

// ---------------------------------------------------------------- overview

async function overview(ctx) {
  heading(ctx, '我的信用', [['我的信用']]);
  const { view, signal } = ctx;
  const status = loading('正在读取您的信用信息…');
  view.append(status);
  const s = await session();
  if (!s.signedIn) {
    status.remove();
    signInPrompt(view);
    return;
  }
  if (!s.recordsHeld) {
    status.replaceWith(infoAlert('本平台暂无您的信用信息', '身份已核验，但本平台没有归集与您有关的信用信息。'));
    return;
  }
  let profile;
  let cases;
  try {
    [profile, cases] = await Promise.all([myGraphql(MY_PROFILE, { first: 20 }, { signal }), myGraphql(MY_CASES, undefined, { signal })]);
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    status.replaceWith(errorAlert(err, { title: '读取未成功', onRetry: () => ctx.navigate(location.href, { replace: true }) }));
    return;
  }
  const me = profile.mySubject;
  status.replaceWith(
    h('p', { class: 'lead' }, `${me?.name ?? ''}${me?.uscc ? `（统一社会信用代码 ${me.uscc}）` : ''}：以下为您本人可见的全部信息，包括已期满、已修复的记录。异议和信用修复均不收取任何费用。`),
    h('nav', { class: 'toc', 'aria-label': '本页目录' }, h('ul', null,
      [['my-records', '信用记录'], ['my-notices', '列入名单告知'], ['my-objections', '异议'], ['my-repairs', '信用修复'], ['my-consents', '授权管理'], ['my-access', '查询记录']]
        .map(([id, t]) => h('li', null, h('a', { href: `#${id}` }, t))))),
    recordsSection(me),
    noticesSection(cases.mySeriousListEntries.edges.map((e) => e.node)),
    objectionsSection(cases.myObjections.edges.map((e) => e.node)),
    repairsSection(cases.myRepairApplications.edges.map((e) => e.node)),
    consentsSection(cases.myConsents.edges.map((e) => e.node), ctx),
    accessSection(ctx),
  );
  announce('您的信用信息已显示');
}

function recordsSection(me) {
  const blocks = [];
  let total = 0;
  for (const s of SECTIONS) {
    const conn = me?.profile?.[s.key];
    total += conn?.totalCount ?? 0;
    for (const { node } of conn?.edges ?? []) blocks.push(myRecord(node));
  }
  // Each section's newest 20 (the API's cost limit per request); the credit report lists every record.
  const more = total > blocks.length && me?.uscc
    ? h('p', { class: 'hint' }, `每类显示最近 20 条；全部 ${total} 条见`, h('a', { href: `/report/${me.uscc}` }, '信用报告'), '。')
    : null;
  return section('my-records', `信用记录（${total} 条）`,
    blocks.length ? blocks : h('p', null, '暂无信用记录。'), more);
}

function myRecord(record) {
  const block = recordBlock(record, 3);
  const historyId = uid('history');
  const historySlot = h('div', { id: historyId });
  const active = record.recordStatus === 'ACTIVE';
  block.append(h('div', { class: 'record-actions' },
    h('span', { class: 'badge' }, `状态：${RECORD_STATUS[record.recordStatus] ?? record.recordStatus}`),
    active ? h('a', { class: 'btn btn-small', href: `/my/object?record=${encodeURIComponent(record.id)}` }, '提出异议') : null,
    active ? h('a', { class: 'btn btn-secondary btn-small', href: `/my/repair?record=${encodeURIComponent(record.id)}` }, '申请信用修复') : null,
    h('button', {
      class: 'btn btn-secondary btn-small', type: 'button', 'aria-controls': historyId, 'aria-expanded': 'false',
      onclick: (e) => showHistory(record, historySlot, e.currentTarget),
    }, '修改记录')),
  historySlot);
  return block;
}

async function showHistory(record, slot, button) {
  button.setAttribute('aria-expanded', 'true');
  slot.replaceChildren(loading('正在读取修改记录…'));
  try {
    const { creditRecordHistory: versions } = await myGraphql(HISTORY, { id: record.id });
    slot.replaceChildren(versions.length
      ? table(`${recordTitle(record)}的修改记录`, ['时间', '事项', '依据', '变更内容'], versions.map((v) => h('tr', null,
        h('td', null, dateTime(v.changedAt)),
        h('td', null, CHANGE[v.change] ?? v.change, v.actorAgency ? `（${v.actorAgency}）` : ''),
        h('td', null, v.ground ?? '—'),
        h('td', null, v.changes.length ? h('ul', { class: 'changes' }, v.changes.map((c) => h('li', null,
          `${c.field.replace(/^payload\./, '')}：`, c.withheld ? `（${c.withheld}）` : `${c.before ?? '空'} → ${c.after ?? '空'}`))) : '—'))))
      : h('p', null, '该记录未被修改过。'));
    announce('修改记录已显示');
  } catch (err) {
    slot.replaceChildren(errorAlert(err, { title: '读取修改记录未成功' }));
  }
}

function noticesSection(entries) {
  if (!entries.length) return section('my-notices', '列入严重失信主体名单告知', h('p', null, '没有针对您的列入名单告知或名单记录。'));
  return section('my-notices', '列入严重失信主体名单告知', entries.map((e) => {
    // A provisional window has not closed: its exact end, once next year's holiday notice is in, may be later.
    const open = e.state === 'NOTIFIED' && !e.objectionPending && (e.objectionDeadline >= today() || e.objectionDeadlineProvisional);
    return h('article', { class: 'record' },
      h('div', { class: 'record-head' }, h('h3', null, e.listName), h('span', { class: 'badge' }, ENTRY_STATE[e.state] ?? e.state)),
      h('p', { class: 'pub-window' }, h('strong', null, '告知日期：'), dateTime(e.notifiedAt), '　', h('strong', null, '异议截止日：'), e.objectionDeadline,
        e.objectionDeadlineProvisional ? h('span', { class: 'badge', title: '下一年度节假日安排尚未公布，暂按周末及法定节假日计算；公布后重新计算，只会延后，不会提前' }, '暂定') : null),
      h('div', { class: 'panel-body' },
        h('p', null, h('strong', null, '告知机关：'), e.agencyName),
        h('p', null, h('strong', null, '事实和理由：'), e.noticeReasons),
        h('p', null, h('strong', null, '依据：'), e.noticeBasis),
        h('p', null, h('strong', null, '您的权利：'), e.noticeRights),
        open ? h('a', { class: 'btn btn-small', href: `/my/object?entry=${encodeURIComponent(e.id)}` }, '提出异议') : null,
        e.state === 'LISTED' ? h('a', { class: 'btn btn-secondary btn-small', href: `/my/repair?entry=${encodeURIComponent(e.id)}` }, '申请提前移出（信用修复）') : null));
  }));
}

/** `provisional`: counted before next year's holiday notice was published (dueOnProvisional); recounted once it is. */
function caseHead(state, dueOn, overdue, provisional) {
  return [state, h('br'), `办理期限：${dueOn}`,
    provisional ? h('span', { class: 'badge', title: '下一年度节假日安排尚未公布，暂按周末及法定节假日计算，公布后重新计算' }, '暂定') : null,
    overdue ? h('span', { class: 'badge badge-serious' }, '已超期') : null];
}

function objectionsSection(objections) {
  return section('my-objections', '我的异议',
    objections.length ? table('我的异议', ['提出时间', '对象', '异议理由', '状态与期限', '处理结果', '材料'], objections.map((o) => h('tr', null,
      h('td', null, dateTime(o.filedAt)),
      h('td', { class: 'mono' }, o.creditRecordId ? `记录 ${o.creditRecordId}` : `名单 ${o.listEntryId}`),
      h('td', null, o.reason),
      h('td', null, caseHead(o.state === 'PENDING' ? '处理中' : '已处理', o.dueOn, o.overdue, o.dueOnProvisional)),
      h('td', null, o.outcome ? [h('strong', null, OBJECTION_OUTCOME[o.outcome] ?? o.outcome), h('br'), o.response, h('br'), `${o.decidedBy ?? ''} ${dateTime(o.decidedAt)}`] : '—'),
      h('td', null, fileList(o.attachments)))))
      : h('p', null, '您没有提出过异议。'));
}

function repairsSection(applications) {
  return section('my-repairs', '我的信用修复申请',
    applications.length ? table('我的信用修复申请', ['申请时间', '对象', '状态与期限', '决定', '材料'], applications.map((a) => h('tr', null,
      h('td', null, dateTime(a.filedAt)),
      h('td', { class: 'mono' }, a.creditRecordId ? `记录 ${a.creditRecordId}` : `名单 ${a.listEntryId}`),
      h('td', null, caseHead(REPAIR_STATE[a.state] ?? a.state, a.dueOn, a.overdue, a.dueOnProvisional)),
      h('td', null, a.decidedAt ? [a.treatment ? `${TREATMENT[a.treatment]}。` : '', a.decisionReason, h('br'), `${a.decidedBy ?? ''} ${dateTime(a.decidedAt)}`] : '—'),
      h('td', null, fileList(a.attachments)))))
      : h('p', null, '您没有申请过信用修复。'));
}

function consentsSection(consents, ctx) {
  return section('my-consents', '授权管理',
    h('p', null, '您可以授权金融机构、用人单位等为特定用途查询您的特定信用信息，授权须设定到期日，可随时撤销。'),
    h('a', { class: 'btn btn-small', href: '/my/consent' }, '新增授权'),
    consents.length ? table('我的授权', ['被授权机构', '用途', '信息项', '到期', '状态', '操作'], consents.map((c) => h('tr', null,
      h('td', null, c.agencyName ?? c.agencyCode),
      h('td', null, c.purposes.join('、')),
      h('td', { class: 'mono' }, c.itemCodes.join(' ')),
      h('td', null, dateTime(c.expiresAt)),
      h('td', null, CONSENT_STATE[c.state] ?? c.state),
      h('td', null, c.state === 'ACTIVE' ? h('button', {
        class: 'btn btn-secondary btn-small', type: 'button',
        onclick: async (e) => {
          e.currentTarget.disabled = true;
          try {
            await myGraphql('mutation MyRevoke($id: ID!) { revokeConsent(id: $id) { id state } }', { id: c.id });
            announce('授权已撤销');
            ctx.navigate(location.href, { replace: true });
          } catch (err) {
            e.target.after(h('span', { role: 'alert' }, err.message));
          }
        },
      }, '撤销授权') : '—'))))
      : h('p', null, '暂无授权。'));
}

function accessSection(ctx) {
  const body = h('div', null, loading('正在读取查询记录…'));
  myGraphql(MY_ACCESS, undefined, { signal: ctx.signal }).then(({ myAccessLog: log }) => {
    body.replaceChildren(
      h('p', null, `共 ${log.totalCount} 条，显示最近 ${log.edges.length} 条。每条记录的哈希值与签名检查点可作为该次查询确曾发生的凭证。`),
      table('查询记录', ['时间', '查询方', '用途', '操作', '信息', '结果', '凭证'], log.edges.map(({ node: n }) => h('tr', null,
        h('td', null, dateTime(n.at)),
        h('td', null, ROLE[n.role] ?? n.role, n.agencyCode ? `（${n.agencyCode}）` : ''),
        h('td', null, n.purpose ?? '—'),
        h('td', { class: 'mono' }, n.operation),
        h('td', { class: 'mono' }, n.itemCode ?? '—'),
        h('td', null, n.decision === 'DENY' ? `拒绝（${n.reason}）` : '已提供'),
        h('td', { class: 'mono' }, `#${n.seq} ${n.hash.slice(0, 12)}…`, n.checkpoint ? [h('br'), `检查点 #${n.checkpoint.lastSeq}`] : [h('br'), '待签名'])))));
  }).catch((err) => {
    if (err?.name !== 'AbortError') body.replaceChildren(errorAlert(err, { title: '读取查询记录未成功' }));
  });
  return section('my-access', '谁查看了我的信息', body);
}

// ---------------------------------------------------------------- forms

/** The target named in the address: ?record=<CreditRecord id> or ?entry=<SeriousListEntry id>. */
function targetOf(url) {
  const record = url.searchParams.get('record');
  const entry = url.searchParams.get('entry');
  return record ? { creditRecordId: record } : entry ? { listEntryId: entry } : undefined;
}

/** A file input that checks type, size and count before anything is sent (the server checks again, by content). */
function fileField(id, hintText) {
  const hintId = `${id}-hint`;
  const problem = h('p', { class: 'field-error', role: 'alert', id: `${id}-error` });
  const input = h('input', {
    id, name: 'files', type: 'file', multiple: true, accept: LIMITS.types.join(','), 'aria-describedby': `${hintId} ${id}-error`,
    onchange: () => { problem.textContent = filesProblem([...input.files]) ?? ''; },
  });
  return {
    input,
    element: h('div', { class: 'field' },
      h('label', { for: id }, '证明材料（选填）'),
      input,
      h('p', { class: 'hint', id: hintId }, hintText ?? `PDF、JPG 或 PNG 格式，每个不超过 5 MB，最多 ${LIMITS.perCase} 个。`),
      problem),
    problem: () => filesProblem([...input.files]),
  };
}

function filesProblem(files) {
  if (files.length > LIMITS.perCase) return `最多上传 ${LIMITS.perCase} 个文件，您选择了 ${files.length} 个。`;
  const big = files.find((f) => f.size > LIMITS.maxBytes);
  if (big) return `“${big.name}”超过 5 MB。`;
  const odd = files.find((f) => f.type && !LIMITS.types.includes(f.type));
  if (odd) return `“${odd.name}”不是 PDF、JPG 或 PNG 文件。`;
  return undefined;
}

/** Sends the files one by one after the case is filed; names each that failed (the case stands either way). */
async function sendFiles(kind, caseId, files, report) {
  const failed = [];
  for (const file of files) {
    try {
      await uploadFile(kind, caseId, file);
    } catch (err) {
      failed.push(`“${file.name}”：${err.message}`);
    }
  }
  if (failed.length) report.replaceChildren(errorAlert({ code: 'UPLOAD', message: `以下材料未能上传（可在处理决定作出前重新上传）：${failed.join('；')}` }, { title: '部分材料未上传' }));
}

async function formPage(ctx, title, build) {
  heading(ctx, title, [['我的信用', '/my'], [title]]);
  const s = await session();
  if (!s.signedIn) return signInPrompt(ctx.view);
  const target = targetOf(ctx.url);
  if (!target && build.needsTarget) {
    ctx.view.append(errorAlert({ code: 'BAD_USER_INPUT', message: '请从“我的信用”页面中的记录或告知进入。' }, { title: '缺少办理对象' }));
    return undefined;
  }
  return build(target);
}

function objectionPage(ctx) {
  const build = async (target) => {
    const reasonId = uid('reason');
    const files = fileField(uid('files'));
    const result = h('div', { 'aria-live': 'polite' });
    const reason = h('textarea', { id: reasonId, name: 'reason', rows: '6', required: true, minlength: '5', maxlength: '2000', 'aria-describedby': `${reasonId}-hint` });
    const form = h('form', { class: 'my-form', method: 'post', novalidate: true },
      h('p', null, target.creditRecordId ? `异议对象：信用记录 ${target.creditRecordId}` : `异议对象：列入名单告知 ${target.listEntryId}`),
      h('div', { class: 'field' },
        h('label', { for: reasonId }, '异议理由（必填）'), reason,
        h('p', { class: 'hint', id: `${reasonId}-hint` }, '请写明哪项信息有误、正确情况是什么及依据，5至2000字。提出异议后该记录即标注“异议处理中”。')),
      files.element,
      h('p', null, '异议申请不收取任何费用。认定单位将在规定期限内核查处理并答复您。'),
      h('button', { class: 'btn', type: 'submit' }, '提交异议'),
      result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = reason.value.trim();
      if ([...text].length < 5) return void result.replaceChildren(errorAlert({ code: 'BAD_USER_INPUT', message: '请填写异议理由（至少5个字）。' }, { title: '请完善表单' }));
      const fileProblem = files.problem();
      if (fileProblem) return void result.replaceChildren(errorAlert({ code: 'BAD_USER_INPUT', message: fileProblem }, { title: '请检查材料' }));
      form.querySelector('button[type=submit]').disabled = true;
      try {
        const { fileObjection: o } = await myGraphql('mutation MyObjection($i: FileObjectionInput!) { fileObjection(input: $i) { id dueOn dueOnProvisional } }', { i: { ...target, reason: text } });
        const report = h('div');
        await sendFiles('OBJECTION', o.id, [...files.input.files], report);
        result.replaceChildren(infoAlert('异议已提交', `办理期限至 ${o.dueOn}${o.dueOnProvisional ? '（暂定：下一年度节假日安排公布后重新计算）' : ''}。您可在“我的信用”中查看处理进度和结果。`, h('a', { href: '/my#my-objections' }, '查看办理进度')), report);
        announce('异议已提交');
      } catch (err) {
        form.querySelector('button[type=submit]').disabled = false;
        result.replaceChildren(errorAlert(err, { title: '异议未能提交' }));
      }
    });
    ctx.view.append(form);
  };
  build.needsTarget = true;
  return formPage(ctx, '提出异议', build);
}

/** 信用承诺书: the commitment Order 36 art. 3 requires, shown in full and accepted before applying. */
const COMMITMENT = '本人（本单位）郑重承诺：所提交的信用修复申请材料真实、准确、完整，已履行行政处罚等决定所确定的法定义务，'
  + '已纠正失信行为、消除不良影响；如有虚假，愿意承担相应法律责任，并接受有关部门依法依规作出的处理。';

function repairPage(ctx) {
  const build = async (target) => {
    const status = loading('正在核对修复条件…');
    ctx.view.append(status);
    let e;
    try {
      ({ repairEligibility: e } = await myGraphql(`query MyEligibility($r: ID, $e: ID) { repairEligibility(creditRecordId: $r, listEntryId: $e) {
        eligible reason eligibleFrom minimumPeriodEnds publishUntil repairable } }`, { r: target.creditRecordId ?? null, e: target.listEntryId ?? null }, { signal: ctx.signal }));
    } catch (err) {
      if (err?.name === 'AbortError') throw err;
      status.replaceWith(errorAlert(err, { title: '未能核对修复条件' }));
      return;
    }
    status.replaceWith(section('repair-conditions', '修复条件',
      h('ul', null,
        h('li', null, `最短公示期届满日：${e.minimumPeriodEnds ?? '无最短公示期要求'}。最短公示期届满前不能申请信用修复。`),
        h('li', null, `公示截止日：${e.publishUntil ?? '长期'}。届满后自动停止公示，无需申请。`),
        h('li', null, e.repairable ? '该类信息可以申请信用修复。' : '法律、法规或党中央、国务院政策文件规定该类信息不可修复。'),
        h('li', null, '须已履行行政处罚等决定确定的法定义务，并作出信用承诺。信用修复不收取任何费用。')),
      e.eligible
        ? h('p', { class: 'alert alert-info' }, '您目前符合申请条件。')
        : h('div', { class: 'alert alert-error', role: 'alert' }, h('p', null, '您目前暂不能申请：', e.reason ?? ''), e.eligibleFrom ? h('p', null, `可于 ${e.eligibleFrom} 起申请。`) : null)));
    if (!e.eligible) return;
    const evidenceId = uid('evidence');
    const acceptId = uid('accept');
    const files = fileField(uid('files'), `缴款凭证、整改报告等，PDF、JPG 或 PNG 格式，每个不超过 5 MB，最多 ${LIMITS.perCase} 个。`);
    const evidence = h('textarea', { id: evidenceId, rows: '4', required: true, maxlength: '4000' });
    const accept = h('input', { id: acceptId, type: 'checkbox', required: true });
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'my-form', method: 'post', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: evidenceId }, '履行法定义务情况（必填）'), evidence,
        h('p', { class: 'hint' }, '如：罚款已于某日缴清（缴款书编号），违法行为已整改完毕。')),
      files.element,
      h('fieldset', { class: 'commitment' }, h('legend', null, '信用承诺书'), h('p', null, COMMITMENT),
        h('div', { class: 'check' }, accept, h('label', { for: acceptId }, '我已阅读并同意以上信用承诺'))),
      h('button', { class: 'btn', type: 'submit' }, '提交信用修复申请'),
      result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const problems = [];
      if (!evidence.value.trim()) problems.push('请填写履行法定义务情况。');
      if (!accept.checked) problems.push('请阅读并同意信用承诺书。');
      const fileProblem = files.problem();
      if (fileProblem) problems.push(fileProblem);
      if (problems.length) return void result.replaceChildren(errorAlert({ code: 'BAD_USER_INPUT', message: problems.join(' ') }, { title: '请完善表单' }));
      form.querySelector('button[type=submit]').disabled = true;
      try {
        const { applyForCreditRepair: a } = await myGraphql('mutation MyRepair($i: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $i) { id dueOn dueOnProvisional } }',
          { i: { ...target, commitment: COMMITMENT, obligationsEvidence: evidence.value.trim() } });
        const report = h('div');
        await sendFiles('REPAIR', a.id, [...files.input.files], report);
        result.replaceChildren(infoAlert('信用修复申请已提交', `办理期限至 ${a.dueOn}${a.dueOnProvisional ? '（暂定：下一年度节假日安排公布后重新计算）' : ''}。`, h('a', { href: '/my#my-repairs' }, '查看办理进度')), report);
        announce('信用修复申请已提交');
      } catch (err) {
        form.querySelector('button[type=submit]').disabled = false;
        result.replaceChildren(errorAlert(err, { title: '申请未能提交' }));
      }
    });
    ctx.view.append(form);
  };
  build.needsTarget = true;
  return formPage(ctx, '申请信用修复', build);
}

function consentPage(ctx) {
  return formPage(ctx, '新增授权', async () => {
    const field = (label, input, hint) => h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint ? h('p', { class: 'hint' }, hint) : null);
    const agency = h('input', { id: uid('agency'), required: true, maxlength: '40', placeholder: '如：JL_BANK' });
    const purposes = h('input', { id: uid('purposes'), required: true, placeholder: '如：FINANCIAL_SERVICE' });
    const items = h('input', { id: uid('items'), required: true, placeholder: '如：03-02-001' });
    const expires = h('input', { id: uid('expires'), type: 'date', required: true, min: today() });
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'my-form', method: 'post', novalidate: true },
      field('被授权机构代码（必填）', agency),
      field('用途（必填）', purposes, '多个用途以逗号分隔。仅限以本人同意为依据的用途。'),
      field('信息项目录编号（必填）', items, '多个以逗号分隔。'),
      field('授权到期日（必填）', expires, '授权须设定到期日，到期自动失效；可随时撤销。'),
      h('button', { class: 'btn', type: 'submit' }, '确认授权'),
      result);
    const list = (v) => v.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const missing = [[agency, '机构'], [purposes, '用途'], [items, '信息项'], [expires, '到期日']].filter(([i]) => !i.value.trim()).map(([, n]) => n);
      if (missing.length) return void result.replaceChildren(errorAlert({ code: 'BAD_USER_INPUT', message: `请填写：${missing.join('、')}。` }, { title: '请完善表单' }));
      try {
        await myGraphql('mutation MyGrant($i: GrantConsentInput!) { grantConsent(input: $i) { id state } }', { i: {
          agencyCode: agency.value.trim(), purposes: list(purposes.value), itemCodes: list(items.value),
          expiresAt: new Date(`${expires.value}T23:59:59+08:00`).toISOString(), channel: '公示平台网站', evidence: `portal session ${new Date().toISOString()}`,
        } });
        result.replaceChildren(infoAlert('授权已生效', h('a', { href: '/my#my-consents' }, '返回授权管理')));
        announce('授权已生效');
      } catch (err) {
        result.replaceChildren(errorAlert(err, { title: '授权未成功' }));
      }
    });
    ctx.view.append(form);
  });
}

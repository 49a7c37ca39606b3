/**
 * 主体信用信息: basic information and the portal sections the server's record-kind descriptors
 * define (行政许可, 行政处罚, 诚实守信, 经营异常, 严重失信主体名单), each record with its
 * publication window; links to the
 * printable credit report and its PDF.
 */
import { graphql } from '../api.js';
import { h } from '../dom.js';
import { PortalError, messageFor } from '../errors.js';
import * as f from '../format.js';
import { SECTIONS, SUBJECT_PROFILE, sectionPage } from '../queries.js';
import { recordBlock } from '../records.js';
import { announce, breadcrumb, errorAlert, kvTable, loading } from '../ui.js';

const SECTION_PAGE = 10;

function decodedCode(raw) {
  try {
    return decodeURIComponent(raw).trim().toUpperCase();
  } catch {
    return raw.trim().toUpperCase();
  }
}

function basicInfo(s) {
  const cells = [
    { label: '主体名称', value: f.text(s.name) }, { label: '统一社会信用代码', value: f.text(s.uscc), mono: true },
    { label: '主体类别', value: f.subjectKind(s.subjectKind) }, { label: '企业类型', value: f.text(s.entityType) },
    { label: '法定代表人/负责人', value: f.text(s.legalRepresentative) }, { label: '成立日期', value: f.date(s.establishedOn) },
    { label: '注册资本', value: f.wan(s.registeredCapital) }, { label: '登记状态', value: f.text(s.status) },
    { label: '登记机关', value: f.text(s.registrationAuthority), wide: true },
    { label: '经营范围', value: f.text(s.businessScope), wide: true },
  ];
  return h('section', { class: 'panel', id: 'basic', 'aria-labelledby': 'basic-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'basic-title' }, '基本信息')),
    h('div', { class: 'panel-body' }, kvTable(cells)));
}

function header(s) {
  const code = encodeURIComponent(s.uscc);
  return h('div', { class: 'panel' }, h('div', { class: 'panel-body subject-head' },
    h('dl', { class: 'subject-meta' },
      h('div', null, h('dt', null, '统一社会信用代码：'), h('dd', { class: 'mono' }, f.text(s.uscc))),
      h('div', null, h('dt', null, '登记状态：'), h('dd', null, f.text(s.status))),
      h('div', null, h('dt', null, '法定代表人/负责人：'), h('dd', null, f.text(s.legalRepresentative)))),
    h('div', { class: 'actions' },
      h('a', { class: 'btn', href: `/report/${code}` }, '查看信用报告'),
      h('a', { class: 'btn btn-secondary', href: `/report/${code}.pdf` }, '下载信用报告（PDF）'),
      h('a', { class: 'btn btn-secondary', href: '/help' }, '异议申诉与信用修复'))));
}

function sectionNav(profile) {
  return h('nav', { class: 'section-nav', 'aria-label': '信用信息分类' }, h('ul', null,
    h('li', null, h('a', { href: '#basic' }, '基本信息')),
    SECTIONS.map((s) => h('li', null, h('a', { href: `#${s.key}` }, s.title, h('span', { class: 'n' }, profile[s.key].totalCount))))));
}

/** One section with its first page, and 加载更多 fetching the next pages in place. */
function section(code, def, connection, signal) {
  const titleId = `${def.key}-title`;
  const list = h('div', { class: 'records' });
  const more = h('div', { class: 'more' });
  let shown = 0;
  const append = (conn) => {
    const blocks = conn.edges.map((e) => recordBlock(e.node, 3));
    list.append(...blocks);
    shown += blocks.length;
    more.replaceChildren();
    if (conn.pageInfo.hasNextPage) {
      more.append(h('button', {
        class: 'btn btn-secondary', type: 'button',
        onclick: () => loadMore(conn.pageInfo.endCursor),
      }, `加载更多${def.title}（还有 ${conn.totalCount - shown} 条）`));
    }
    return blocks;
  };
  const loadMore = async (after) => {
    more.replaceChildren(loading('正在加载…'));
    try {
      const data = await graphql(sectionPage(def), { code, first: SECTION_PAGE, after }, { signal, context: { code } });
      const conn = data.subject?.profile?.[def.key];
      if (!conn) throw new PortalError('NOT_FOUND', messageFor('NOT_FOUND', { code }));
      const blocks = append(conn);
      blocks[0]?.querySelector('h3')?.focus();
      announce(`已加载${def.title} ${shown} 条，共 ${conn.totalCount} 条`);
    } catch (err) {
      if (err?.name === 'AbortError') return;
      more.replaceChildren(errorAlert(err, { title: '加载未成功', onRetry: () => loadMore(after) }));
    }
  };
  if (connection.totalCount === 0) list.append(h('p', { class: 'empty' }, def.empty));
  else append(connection);
  return h('section', { class: 'panel', id: def.key, 'aria-labelledby': titleId },
    h('div', { class: 'panel-head' },
      h('h2', { id: titleId }, def.title),
      h('span', null, '共 ', h('span', { class: 'count' }, connection.totalCount), ' 条')),
    h('div', { class: 'panel-body' }, list, more));
}

export async function render({ view, params, signal, setTitle }) {
  const code = decodedCode(params[0]);
  const title = h('h1', { tabindex: '-1' }, '主体信用信息');
  const body = h('div', null);
  view.replaceChildren(breadcrumb(['首页', '/'], ['信用信息查询', '/search'], ['主体信用信息']), title, body);
  setTitle('主体信用信息');
  const load = async () => {
    body.replaceChildren(loading());
    let data;
    try {
      data = await graphql(SUBJECT_PROFILE, { code, first: SECTION_PAGE }, { signal, context: { code } });
      if (!data.subject) throw new PortalError('NOT_FOUND', messageFor('NOT_FOUND', { code }));
    } catch (err) {
      if (err?.name === 'AbortError') throw err;
      body.replaceChildren(errorAlert(err, { onRetry: load }), h('p', null, h('a', { href: '/search' }, '返回信用信息查询')));
      return;
    }
    const s = data.subject;
    title.textContent = s.name ?? code;
    setTitle(s.name ?? code);
    body.replaceChildren(
      header(s),
      sectionNav(s.profile),
      h('p', { class: 'lead' }, '以下为在公示期内依法公示的信息，每条信息注明公示期和公示截止期；涉及自然人的信息已脱敏展示。'),
      basicInfo(s),
      ...SECTIONS.map((def) => section(code, def, s.profile[def.key], signal)));
    const total = SECTIONS.reduce((n, def) => n + s.profile[def.key].totalCount, 0);
    announce(`已加载${s.name ?? code}的信用信息，共 ${total} 条公示记录`);
  };
  await load();
}

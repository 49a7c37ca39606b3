/**
 * 严重失信主体名单: the serious-dishonesty lists as the public may see them, all lists or one
 * type with its standard, period and exits; natural persons only as the catalog allows, masked.
 */
import { graphql } from '../api.js';
import { h, tableWrap } from '../dom.js';
import * as f from '../format.js';
import { PAGE_SIZE, cursorPager, pageState } from '../paging.js';
import { SERIOUS_LISTS, SERIOUS_LIST_TYPES } from '../queries.js';
import { announce, breadcrumb, errorAlert, infoAlert, kvTable, loading } from '../ui.js';

function filterForm(types, selected) {
  return h('form', { class: 'filter', action: '/lists', method: 'get', 'aria-label': '名单筛选' },
    h('div', null,
      h('label', { for: 'list-type' }, '名单类型'),
      h('select', { id: 'list-type', name: 'type' },
        h('option', { value: '', selected: !selected }, '全部名单'),
        types.map((t) => h('option', { value: t.code, selected: t.code === selected }, t.name)))),
    h('button', { class: 'btn', type: 'submit' }, '筛选'));
}

function typeInfo(t) {
  const rows = [
    ['认定标准', t.standardDocument], ['列入期限', `${t.listingPeriodYears} 年`], ['移出条件', t.removalConditions],
    ['移出程序', t.removalProcedure], ['救济措施', t.remedies],
  ];
  return h('section', { class: 'panel', 'aria-labelledby': 'type-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'type-title' }, t.name)),
    h('div', { class: 'panel-body' }, kvTable(rows.map(([label, value]) => ({ label, value: f.text(value), wide: true })))));
}

/** Who is listed: the subject when the public may see it, else the court record's masked person. */
function listedParty(node) {
  const r = node.record;
  const name = node.subject?.name ?? r.personName ?? null;
  const code = node.subject?.uscc ?? r.respondentIdNumber ?? null;
  const nameCell = node.subject?.uscc
    ? h('a', { href: `/subject/${encodeURIComponent(node.subject.uscc)}` }, f.text(name))
    : f.text(name);
  return { nameCell, code };
}

function listTable(edges, offset) {
  return tableWrap('严重失信主体名单列表', h('table', { class: 'data-table' },
    h('caption', { class: 'visually-hidden' }, '严重失信主体名单'),
    h('thead', null, h('tr', null, ['序号', '主体名称/姓名', '统一社会信用代码/身份证号码', '名单', '列入事由', '认定部门/执行法院', '列入日期', '公示期', '公示截止期']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, edges.map(({ node }, i) => {
      const r = node.record;
      const { nameCell, code } = listedParty(node);
      return h('tr', null,
        h('td', { class: 'num' }, offset + i + 1),
        h('td', null, nameCell),
        h('td', { class: 'mono nowrap' }, f.text(code)),
        h('td', null, node.listName),
        h('td', null, f.text(r.reasons ?? r.specificCircumstance ?? r.caseNumber)),
        h('td', null, f.text(r.decidingAuthority ?? r.court)),
        h('td', { class: 'nowrap' }, f.date(r.listedOn ?? r.publishedOn ?? r.decisionDate)),
        h('td', { class: 'nowrap' }, f.date(r.publicationStart), ' 至', h('br'), r.publicationEnd ?? '长期'),
        h('td', { class: 'nowrap' }, r.publicationEnd ?? '无固定截止期'));
    }))));
}

export async function render(ctx) {
  const { view, url, state, signal, setTitle } = ctx;
  const selected = url.searchParams.get('type') ?? '';
  const filters = h('div', { class: 'panel-body' }, loading('正在加载名单类型…'));
  const info = h('div');
  const results = h('div', { class: 'panel-body' });
  const count = h('span');
  view.replaceChildren(
    breadcrumb(['首页', '/'], ['严重失信主体名单']),
    h('h1', { tabindex: '-1' }, '严重失信主体名单'),
    h('p', { class: 'lead' }, '依据法律、法规和党中央、国务院政策文件认定，在公示期内的严重失信主体名单。自然人信息已脱敏展示。'),
    h('div', { class: 'panel' }, filters),
    info,
    h('section', { class: 'panel', 'aria-labelledby': 'list-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'list-title' }, '名单信息'), count),
      results));
  setTitle('严重失信主体名单');
  const { after, page } = pageState(url, state);
  const load = async () => {
    results.replaceChildren(loading());
    try {
      const [typesData, listData] = await Promise.all([
        graphql(SERIOUS_LIST_TYPES, {}, { signal }),
        graphql(SERIOUS_LISTS, { listType: selected || null, first: PAGE_SIZE, after }, { signal }),
      ]);
      const types = typesData.seriousListTypes;
      const type = types.find((t) => t.code === selected);
      filters.replaceChildren(filterForm(types, selected));
      info.replaceChildren(type ? typeInfo(type) : '');
      if (type) setTitle(`${type.name} - 严重失信主体名单`);
      const lists = listData.seriousLists;
      count.replaceChildren('共 ', h('span', { class: 'count' }, lists.totalCount), ' 条');
      if (lists.totalCount === 0) {
        results.replaceChildren(infoAlert('暂无名单信息', type ? `${type.name}暂无在公示期内的公示信息。` : '暂无在公示期内的严重失信主体名单信息。'));
        announce('暂无名单信息');
        return;
      }
      results.replaceChildren(
        listTable(lists.edges, (page - 1) * PAGE_SIZE),
        cursorPager(ctx, { label: '名单分页', totalCount: lists.totalCount, pageInfo: lists.pageInfo }));
      announce(`${type ? type.name : '严重失信主体名单'}共 ${lists.totalCount} 条，当前第 ${page} 页`);
    } catch (err) {
      if (err?.name === 'AbortError') throw err;
      filters.replaceChildren(filterForm(selected ? [{ code: selected, name: selected }] : [], selected));
      results.replaceChildren(errorAlert(err, { onRetry: load }));
    }
  };
  await load();
}

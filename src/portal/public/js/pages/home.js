/**
 * 首页: the search box first, then the other services, the public figures (records in their
 * publication period per category, the latest 双公示 records, each serious list's size, the
 * catalog in force — public GraphQL queries, so counts only of what the public may see) and
 * what the portal publishes.
 */
import { graphql } from '../api.js';
import { h, tableWrap } from '../dom.js';
import * as f from '../format.js';
import { HOME_FIGURES, listSizes } from '../queries.js';
import { errorAlert, loading, searchForm } from '../ui.js';

const RECORD_KINDS = { AdministrativeLicence: '行政许可', AdministrativePenalty: '行政处罚' };

function panel(id, title, ...body) {
  return h('section', { class: 'panel', 'aria-labelledby': id },
    h('div', { class: 'panel-head' }, h('h2', { id }, title)),
    h('div', { class: 'panel-body' }, ...body));
}

function table(label, head, rows) {
  return tableWrap(label, h('table', { class: 'data-table' },
    h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c) => h('td', null, c)))))));
}

function figures(data, sizes) {
  const counts = data.publishedCounts.filter((c) => c.count > 0);
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const catalogs = data.catalogVersions.filter((v) => v.kind === 'BASE_CATALOG' && v.publishedAt && !v.retiredAt);
  return [
    panel('figures-title', '公示信息统计',
      h('p', null, '公示期内的公共信用信息共 ', h('strong', { class: 'count' }, String(total)), ' 条。'),
      table('按信息类别统计', ['信息类别', '条数'], counts.map((c) => [c.name, String(c.count)]))),
    panel('latest-title', '最新双公示信息',
      data.latestPublications.length === 0 ? h('p', null, '暂无公示中的行政许可、行政处罚信息。')
        : table('最新公示的行政许可和行政处罚信息', ['公示日期', '类别', '信用主体', '事项'], data.latestPublications.map((p) => [
          f.date(p.record.publicationStart ?? p.record.decisionDate),
          RECORD_KINDS[p.record.__typename] ?? p.record.__typename,
          p.subject ? h('a', { href: `/subject/${encodeURIComponent(p.subject.uscc)}` }, p.subject.name) : '—',
          f.text(p.record.catalogItem?.name),
        ]))),
    panel('lists-size-title', '严重失信主体名单',
      table('各名单在列主体数', ['名单', '在列主体'], data.seriousListTypes.map((t, i) => [
        h('a', { href: `/lists?type=${encodeURIComponent(t.code)}` }, t.name), String(sizes[`l${i}`]?.totalCount ?? 0),
      ]))),
    panel('catalog-title', '现行公共信用信息目录',
      catalogs.length === 0 ? h('p', null, '—')
        : table('现行目录版本', ['目录', '文号', '条目数'], catalogs.map((v) => [v.edition, f.text(v.documentNumber), String(v.entries)]))),
  ];
}

async function loadFigures(holder, signal) {
  holder.replaceChildren(loading('正在载入公示统计…'));
  try {
    const data = await graphql(HOME_FIGURES, {}, { signal });
    const codes = data.seriousListTypes.map((t) => t.code);
    const sizes = codes.length ? await graphql(listSizes(codes.length), Object.fromEntries(codes.map((c, i) => [`t${i}`, c])), { signal }) : {};
    holder.replaceChildren(...figures(data, sizes));
  } catch (err) {
    if (err?.name === 'AbortError' || signal?.aborted) return;
    holder.replaceChildren(errorAlert(err, { title: '公示统计暂时无法载入', onRetry: () => loadFigures(holder, signal) }));
  }
}

const SERVICES = [
  ['/search', '信用信息查询', '按主体名称或统一社会信用代码查询基本信息、行政许可、行政处罚等公示信息。'],
  ['/lists', '严重失信主体名单', '浏览依法认定并在公示期内的严重失信主体名单，含失信被执行人名单。'],
  ['/help', '异议申诉与信用修复', '信息有误如何提出异议，符合条件如何申请信用修复。全部免费办理。'],
];

export function render({ view, setTitle, signal }) {
  setTitle('');
  const holder = h('div', { class: 'home-figures' });
  view.replaceChildren(
    h('section', { class: 'hero', 'aria-labelledby': 'home-title' },
      h('h1', { id: 'home-title', tabindex: '-1' }, '公共信用信息查询'),
      h('p', null, '查询法人和非法人组织、个体工商户在公示期内依法公示的公共信用信息。'),
      searchForm({ large: true })),
    h('section', { 'aria-labelledby': 'services-title' },
      h('h2', { id: 'services-title', class: 'visually-hidden' }, '常用服务'),
      h('div', { class: 'tiles' }, SERVICES.map(([href, title, text]) =>
        h('a', { class: 'tile', href }, h('strong', null, title), h('span', null, text))))),
    holder,
    h('section', { class: 'panel', 'aria-labelledby': 'about-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'about-title' }, '公示说明')),
      h('div', { class: 'panel-body prose' },
        h('ul', null,
          h('li', null, '本平台公示的信息依据公共信用信息目录确定，每条信息均注明公示期和公示截止期；公示截止期届满后自动停止公示。'),
          h('li', null, '行政处罚等失信信息按失信程度确定公示期限；信用主体在最短公示期届满并纠正失信行为后，可以申请信用修复。'),
          h('li', null, '涉及自然人的信息依法脱敏展示（如 陈**、3201**********1239），不公开住址、联系方式等个人隐私。'),
          h('li', null, '对公示信息有异议的，可以提出异议申诉。异议申诉和信用修复均不收取任何费用。')))),
  );
  return loadFigures(holder, signal);
}

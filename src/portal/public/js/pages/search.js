/** 信用信息查询: search by name keyword or by a full 统一社会信用代码, ten results a page. */
import { graphql } from '../api.js';
import { h, tableWrap } from '../dom.js';
import { PortalError, messageFor } from '../errors.js';
import * as f from '../format.js';
import { SEARCH_SUBJECTS, SUBJECT_BY_CODE } from '../queries.js';
import { PAGE_SIZE, cursorPager, pageState } from '../paging.js';
import { announce, breadcrumb, errorAlert, infoAlert, loading, searchForm } from '../ui.js';

/** Letters and digits only, about code length, with a digit: meant as a code, so checked as one. */
function looksLikeCode(keyword) {
  return /^[0-9A-Za-z]{15,20}$/.test(keyword) && /\d/.test(keyword);
}

function subjectLink(subject) {
  return subject.uscc ? h('a', { href: `/subject/${encodeURIComponent(subject.uscc)}` }, f.text(subject.name)) : f.text(subject.name);
}

function resultsTable(subjects, offset, caption) {
  return tableWrap('查询结果列表', h('table', { class: 'data-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ['序号', '主体名称', '统一社会信用代码', '法定代表人/负责人', '主体类别', '登记状态', '登记机关']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, subjects.map((s, i) => h('tr', null,
      h('td', { class: 'num' }, offset + i + 1),
      h('td', null, subjectLink(s)),
      h('td', { class: 'mono' }, f.text(s.uscc)),
      h('td', null, f.text(s.legalRepresentative)),
      h('td', null, f.subjectKind(s.subjectKind)),
      h('td', null, f.text(s.status)),
      h('td', null, f.text(s.registrationAuthority)))))));
}

async function findByCode(code, signal) {
  const data = await graphql(SUBJECT_BY_CODE, { code }, { signal, context: { code } });
  if (!data.subject) throw new PortalError('NOT_FOUND', messageFor('NOT_FOUND', { code }));
  return data.subject;
}

export async function render(ctx) {
  const { view, url, state, signal, setTitle } = ctx;
  const keyword = (url.searchParams.get('q') ?? '').trim();
  const results = h('div', { id: 'results' });
  view.replaceChildren(
    breadcrumb(['首页', '/'], ['信用信息查询']),
    h('h1', { tabindex: '-1' }, '信用信息查询'),
    h('div', { class: 'panel' }, h('div', { class: 'panel-body' }, searchForm({ value: keyword }))),
    h('section', { 'aria-labelledby': 'results-title' }, h('h2', { id: 'results-title', class: 'visually-hidden' }, '查询结果'), results));
  setTitle(keyword ? `“${keyword}”的查询结果` : '信用信息查询');
  if (!keyword) {
    results.replaceChildren(infoAlert('请输入查询条件', '输入主体名称（至少2个字）或完整的18位统一社会信用代码，然后按“查询”。'));
    return;
  }
  if ([...keyword].length < 2) {
    results.replaceChildren(errorAlert(new PortalError('KEYWORD', messageFor('KEYWORD'))));
    return;
  }
  const { after, page } = pageState(url, state);
  const load = async () => {
    results.replaceChildren(loading());
    try {
      if (looksLikeCode(keyword)) {
        const subject = await findByCode(keyword.toUpperCase(), signal);
        results.replaceChildren(resultsTable([subject], 0, `统一社会信用代码 ${subject.uscc} 的查询结果`));
        announce(`查询到 1 个主体：${subject.name ?? ''}`);
        return;
      }
      const { searchSubjects: found } = await graphql(SEARCH_SUBJECTS, { keyword, first: PAGE_SIZE, after }, { signal });
      if (found.totalCount === 0) {
        results.replaceChildren(infoAlert('未找到相关主体', `没有名称包含“${keyword}”的公示主体。请核对名称，或改用统一社会信用代码查询。自然人信息不支持按姓名查询。`));
        announce('未找到相关主体');
        return;
      }
      results.replaceChildren(
        resultsTable(found.edges.map((e) => e.node), (page - 1) * PAGE_SIZE, `名称包含“${keyword}”的主体，共 ${found.totalCount} 个`),
        cursorPager(ctx, { label: '查询结果分页', totalCount: found.totalCount, pageInfo: found.pageInfo }));
      announce(`查询到 ${found.totalCount} 个主体，当前第 ${page} 页`);
    } catch (err) {
      if (err?.name === 'AbortError') throw err;
      results.replaceChildren(errorAlert(err, { onRetry: load }));
    }
  };
  await load();
}

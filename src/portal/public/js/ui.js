/** Shared pieces of every page: search box, messages, loading state, pager, announcements. */
import { h, uid } from './dom.js';

/** Tells screen-reader users what changed (results loaded, page turned) through the live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Cleared first so that the same message twice is announced twice.
  region.textContent = '';
  window.setTimeout(() => { region.textContent = message; }, 50);
}

/**
 * The search box: a GET form to /search, so it works as a plain link target too; the router
 * intercepts the submission and renders in place.
 */
export function searchForm({ value = '', large = false } = {}) {
  const inputId = large ? 'keyword-home' : 'keyword';
  const hintId = uid('hint');
  return h('form', { class: 'search-form', role: 'search', action: '/search', method: 'get', 'aria-label': '信用信息查询' },
    h('label', { for: inputId }, '主体名称或统一社会信用代码'),
    h('div', { class: 'search-row' },
      h('input', {
        id: inputId, name: 'q', type: 'search', value, maxlength: '50', autocomplete: 'off',
        spellcheck: 'false', 'aria-describedby': hintId, placeholder: '如：南京钢铁联合有限公司 或 91320100748204660Q',
      }),
      h('button', { class: 'btn', type: 'submit' }, '查询')),
    h('p', { class: 'hint', id: hintId }, '输入至少2个字的主体名称，或完整的18位统一社会信用代码。自然人信息不支持按姓名查询。'));
}

export function loading(message = '正在查询，请稍候…') {
  return h('p', { class: 'loading', role: 'status' }, message);
}

/**
 * An error in Chinese. role="alert" makes screen readers read it at once; a retry button is
 * offered when trying again can help (network, service), not for wrong input.
 */
export function errorAlert(error, { title = '查询未成功', onRetry } = {}) {
  const retry = onRetry && error.retryable !== false
    ? h('button', { class: 'btn btn-secondary btn-small', type: 'button', onclick: onRetry }, '重新查询')
    : null;
  return h('div', { class: 'alert alert-error', role: 'alert' },
    h('h2', null, title),
    h('p', { 'data-error-code': error.code ?? 'UNKNOWN' }, error.message),
    retry);
}

export function infoAlert(title, ...paragraphs) {
  return h('div', { class: 'alert alert-info' }, h('h2', null, title), paragraphs.map((p) => h('p', null, p)));
}

/**
 * Previous/next pager over cursor pages. The cursors of the pages before this one travel in
 * history.state (`trail`), so 上一页 works after a reload too; a page opened from a shared
 * link without that trail offers 首页 instead.
 */
export function pager({ label, page, pageSize, totalCount, hasNextPage, onPrevious, onFirst, onNext }) {
  const pages = Math.max(1, Math.ceil(totalCount / pageSize));
  const back = page > 1
    ? (onPrevious
      ? h('button', { class: 'btn btn-secondary btn-small', type: 'button', onclick: onPrevious }, '上一页')
      : h('button', { class: 'btn btn-secondary btn-small', type: 'button', onclick: onFirst }, '首页'))
    : null;
  return h('nav', { class: 'pager', 'aria-label': label },
    back,
    h('p', null, `第 ${page} 页，共 ${pages} 页（${totalCount} 条）`),
    hasNextPage ? h('button', { class: 'btn btn-secondary btn-small', type: 'button', onclick: onNext }, '下一页') : null);
}

export function breadcrumb(...items) {
  return h('nav', { class: 'breadcrumb', 'aria-label': '当前位置' },
    h('ol', null, items.map(([text, href], i) => h('li', null,
      href ? h('a', { href }, text) : h('span', { 'aria-current': i === items.length - 1 ? 'page' : null }, text)))));
}

/**
 * A label/value table, two pairs a row on wide screens; `wide` values (long texts) take a
 * row of their own. cells: [{ label, value, wide?, mono? }].
 */
export function kvTable(cells) {
  const rows = [];
  let pending = null;
  const row = (pair, full) => h('tr', null, pair.map((c) => [
    h('th', { scope: 'row' }, c.label),
    h('td', { colspan: full ? '3' : null, class: c.mono ? 'mono' : null }, c.value),
  ]));
  for (const cell of cells) {
    if (cell.wide) {
      if (pending) rows.push(row([pending], true));
      rows.push(row([cell], true));
      pending = null;
    } else if (pending) {
      rows.push(row([pending, cell], false));
      pending = null;
    } else {
      pending = cell;
    }
  }
  if (pending) rows.push(row([pending], true));
  return h('table', { class: 'kv' },
    h('colgroup', null, h('col', { class: 'kv-label' }), h('col'), h('col', { class: 'kv-label' }), h('col')),
    h('tbody', null, rows));
}

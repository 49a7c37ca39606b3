/**
 * Paging of result lists over the API's cursors: the URL holds the page's cursor (`after`)
 * and number (`p`); the cursors of the pages before it travel in history.state.
 */
import { pager } from './ui.js';

export const PAGE_SIZE = 10;

/** Cursor trail of the pages before this one (see ui.pager); null when opened without it. */
export function pageState(url, state) {
  const after = url.searchParams.get('after');
  const page = after ? Math.max(2, Number(url.searchParams.get('p')) || 2) : 1;
  const trail = Array.isArray(state.trail) && state.trail.length === page - 1 ? state.trail : page === 1 ? [] : null;
  return { after, page, trail };
}

/** The address of a page of the same query. */
function pageUrl(url, after, page) {
  const next = new URL(url.pathname, location.origin);
  for (const [k, v] of url.searchParams) if (k !== 'after' && k !== 'p') next.searchParams.set(k, v);
  if (after) {
    next.searchParams.set('after', after);
    next.searchParams.set('p', String(page));
  }
  return next;
}

/** Pager wired to the URL and the cursor trail; shared with the lists page. */
export function cursorPager(ctx, { label, totalCount, pageInfo }) {
  const { url, state, navigate } = ctx;
  const { after, page, trail } = pageState(url, state);
  return pager({
    label, page, pageSize: PAGE_SIZE, totalCount, hasNextPage: pageInfo.hasNextPage,
    onPrevious: trail ? () => navigate(pageUrl(url, trail[page - 2], page - 1), { state: { trail: trail.slice(0, page - 2) } }) : undefined,
    onFirst: () => navigate(pageUrl(url, null, 1), { state: { trail: [] } }),
    onNext: () => navigate(pageUrl(url, pageInfo.endCursor, page + 1), { state: { trail: trail ? [...trail, after] : null } }),
  });
}

/**
 * The portal's router: every page address is served the same document, and this module draws
 * the page for the address in place. Links and GET forms to portal pages are intercepted;
 * back/forward work through the history API. After a navigation focus moves to the new page's
 * heading, so keyboard and screen-reader users start at the top of what changed.
 */
import { errorAlert } from './ui.js';
import * as home from './pages/home.js';
import * as search from './pages/search.js';
import * as subject from './pages/subject.js';
import * as lists from './pages/lists.js';
import * as help from './pages/help.js';
import * as my from './pages/my.js';
import { showAccount } from './account.js';

const SITE = '公共信用信息公示平台';

/** path pattern → page module, and the main-menu entry it belongs to. */
const ROUTES = [
  { path: /^\/$/, page: home, nav: 'home' },
  { path: /^\/search$/, page: search, nav: 'search' },
  { path: /^\/subject\/([^/]+)$/, page: subject, nav: 'search' },
  { path: /^\/lists$/, page: lists, nav: 'lists' },
  { path: /^\/help$/, page: help, nav: 'help' },
  { path: /^\/my(?:\/(object|repair|consent))?$/, page: my, nav: 'my' },
];

let inFlight;
/** Path and query of the page on screen: a change of #fragment alone is not a new page. */
let shownAddress;
/** Whether the router has drawn (or kept) a page since the document loaded. */
let rendered = false;

function routeFor(pathname) {
  for (const route of ROUTES) {
    const match = route.path.exec(pathname);
    if (match) return { ...route, params: match.slice(1) };
  }
  return undefined;
}

function markNavigation(active) {
  for (const link of document.querySelectorAll('.main-nav a[data-nav]')) {
    if (link.dataset.nav === active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function focusHeading() {
  const heading = document.querySelector('#view h1');
  (heading ?? document.getElementById('main'))?.focus({ preventScroll: true });
}

export function navigate(target, { state = null, replace = false } = {}) {
  const url = new URL(target, location.origin);
  if (replace) history.replaceState(state, '', url);
  else history.pushState(state, '', url);
  void render({ focus: true });
}

async function render({ focus }) {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const url = new URL(location.href);
  shownAddress = url.pathname + url.search;
  const route = routeFor(url.pathname);
  const view = document.getElementById('view');
  markNavigation(route?.nav);
  // An address no page has: the server answered with its 404 page (and status); leave it shown.
  // A page's own errors (a malformed or unknown code, 400/404 too) the page explains itself.
  if (!rendered && !route && view.querySelector('[data-server-status]')) {
    rendered = true;
    return;
  }
  rendered = true;
  if (!route) {
    // Back to an address no page has: the server says so (404), not the router.
    location.reload();
    return;
  }
  const context = {
    view,
    url,
    params: route.params,
    state: history.state ?? {},
    signal: controller.signal,
    navigate,
    setTitle: (title) => { document.title = title ? `${title} - ${SITE}` : SITE; },
  };
  // Pages draw their heading before their first await, so focus can move there at once.
  const drawn = route.page.render(context);
  if (focus) {
    window.scrollTo(0, 0);
    focusHeading();
  }
  try {
    await drawn;
  } catch (err) {
    if (err?.name === 'AbortError' || controller.signal.aborted) return;
    console.error(err);
    view.replaceChildren(errorAlert({ code: 'CLIENT', message: '页面显示出错，请刷新页面后重试。', retryable: false }));
  }
}

function isPortalPage(url) {
  return url.origin === location.origin && routeFor(url.pathname) !== undefined;
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href);
  if (!isPortalPage(url)) return;
  // Same page, different #fragment: the browser scrolls to the section itself.
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url);
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'get') return;
  const url = new URL(form.action);
  if (!isPortalPage(url)) return;
  event.preventDefault();
  url.search = '';
  for (const [name, value] of new FormData(form)) {
    const trimmed = String(value).trim();
    if (trimmed) url.searchParams.set(name, trimmed);
  }
  navigate(url);
});

window.addEventListener('popstate', () => {
  // Back from an in-page section link (#penalties) stays on the same page: the browser scrolls.
  if (location.pathname + location.search === shownAddress) return;
  void render({ focus: true });
});

void render({ focus: false });
void showAccount(document.getElementById('account'));

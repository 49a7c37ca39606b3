/**
 * Builds DOM nodes from data without ever parsing HTML: every text from the API lands in a
 * text node. The page's CSP requires Trusted Types, so string-to-HTML sinks would throw anyway.
 */

/**
 * h('a', { href: '/help', class: 'btn' }, '办理指引') → <a href="/help" class="btn">办理指引</a>.
 * Attributes null/undefined/false are left out; `on<event>` attributes add listeners.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  appendAll(el, children);
  return el;
}

/** Appends nodes and strings (nested arrays allowed); null, undefined and false are skipped. */
export function appendAll(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** A scrollable table container keyboard users can focus and scroll. */
export function tableWrap(label, table) {
  // Each cell carries its column's heading: narrow screens lay the rows out as cards and show
  // the heading beside the value (portal.css, .data-table td::before).
  // Explicit roles keep the table a table for assistive technology when CSS lays it out as
  // blocks (browsers drop the implicit semantics of a table with display: block).
  const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  table.setAttribute('role', 'table');
  for (const group of table.querySelectorAll('thead, tbody')) group.setAttribute('role', 'rowgroup');
  for (const th of table.querySelectorAll('thead th')) th.setAttribute('role', 'columnheader');
  for (const row of table.querySelectorAll('tr')) row.setAttribute('role', 'row');
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, i) => {
      cell.setAttribute('role', cell.tagName === 'TH' ? 'rowheader' : 'cell');
      if (headings[i]) cell.setAttribute('data-label', headings[i]);
    });
  }
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

let idCounter = 0;
/** A document-unique id for aria-labelledby / aria-describedby pairs. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

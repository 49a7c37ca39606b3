/**
 * One credit record as the public reads it: a titled block with its publication window
 * (公示期 and 公示截止期) and a table of the fields the catalog publishes (their labels, types and
 * the title templates from record-kinds.js, generated from the record-kind descriptors). Fields
 * the API left null (not recorded, or not disclosed) are not listed.
 */
import { h } from './dom.js';
import * as f from './format.js';
import { KINDS } from './record-kinds.js';
import { kvTable } from './ui.js';

/** Display format by field type; long texts (TEXT) get a row of their own in the record table. */
const FORMATS = { DATE: f.date, DECIMAL: f.wan, INTEGER: f.integer };

/** The first title template whose {fields} are all present, else the kind's fallback. */
function titleOf(title, record) {
  for (const template of title.templates) {
    const keys = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    if (keys.every((k) => present(record[k]))) return template.replace(/\{(\w+)\}/g, (_, k) => String(record[k]));
  }
  return title.fallback;
}

function present(value) {
  return value !== null && value !== undefined && value !== '';
}

/** The title of a record, as used in its block and in list tables. */
export function recordTitle(record) {
  const kind = KINDS[record.__typename];
  return kind ? titleOf(kind.title, record) : record.catalogItem?.name ?? '信用记录';
}

/** 公示期 / 公示截止期 line: the public sees a record only inside this window. */
export function publicationLine(record) {
  return h('p', { class: 'pub-window' },
    h('strong', null, '公示期：'), f.publicationWindow(record.publicationStart, record.publicationEnd),
    '　', h('strong', null, '公示截止期：'), record.publicationEnd ? record.publicationEnd : '无固定截止期');
}

export function recordBadges(record) {
  const sev = f.severity(record.severity);
  return [
    sev ? h('span', { class: `badge ${sev.badge}` }, `失信程度：${sev.label}`) : null,
    record.disputed ? h('span', { class: 'badge badge-disputed', title: '信用主体已提出异议，正在核查处理' }, '异议处理中') : null,
  ];
}

/** A record block; `headingLevel` keeps the page's heading order (h3 under a section's h2). */
export function recordBlock(record, headingLevel = 3) {
  const kind = KINDS[record.__typename];
  const headingId = `record-${record.id}`;
  const cells = (kind?.fields ?? [])
    .filter(({ key }) => present(record[key]))
    .map(({ key, label, type }) => ({ label, value: (FORMATS[type] ?? f.text)(record[key]), wide: type === 'TEXT' }));
  cells.push(
    { label: '信息类别', value: `${record.catalogItem?.name ?? '—'}（目录编号 ${record.catalogItem?.code ?? '—'}）` },
    // The readable number a subject cites (the API takes it wherever it takes the record's id).
    { label: '记录编号', value: record.recordNumber ?? record.id, mono: true },
  );
  return h('article', { class: 'record', 'aria-labelledby': headingId },
    h('div', { class: 'record-head' },
      h(`h${headingLevel}`, { id: headingId, tabindex: '-1' }, recordTitle(record)),
      h('span', null, recordBadges(record))),
    publicationLine(record),
    kvTable(cells));
}

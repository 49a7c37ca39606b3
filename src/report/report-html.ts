/**
 * The printable HTML report: one self-contained page (inline CSS, no scripts, fonts or images
 * from anywhere), A4 print layout whose page margins carry the report number, the generation
 * time (China Standard Time) and "第 N 页 共 M 页" on every printed page.
 */
import { FALLBACK_BOLD_FONT_URL, FALLBACK_FONT_URL } from '../portal/portal-assets';
import { qrSvgPath } from './report-qr';
import { NO_REGISTRATION, registrationShown, type RecordBlock, type ReportView, type Row } from './report-view';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** CSS strings for @page margin boxes: only the characters a CSS string literal needs escaped. */
const cssString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ')}"`;

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", "Report Noto Sans SC", sans-serif';

/** CJK blocks (as portal.css): the web font is fetched only for CJK text no installed font draws. */
const CJK_RANGE = 'U+2E80-2FDF, U+3000-303F, U+3100-312F, U+31C0-31EF, U+3200-33FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF, U+20000-2A6DF';

/**
 * The server's own CJK font, from the server's origin (the page's CSP allows font-src 'self' and
 * nothing else), so the report reads on a machine with no CJK font installed. An installed Noto
 * Sans CJK / Source Han Sans is used first. font-display: block, so a report printed as it opens
 * is never printed in the fallback's □.
 */
export const REPORT_FONT_FACE = [[400, FALLBACK_FONT_URL, 'Regular'], [700, FALLBACK_BOLD_FONT_URL, 'Bold']]
  .map(([weight, url, style]) => `@font-face { font-family: "Report Noto Sans SC"; font-weight: ${weight}; font-display: block;
  src: local("Noto Sans CJK SC${style === 'Bold' ? ' Bold' : ''}"), local("NotoSansCJKsc-${style}"), local("SourceHanSansSC-${style}"), url("${url}") format("opentype");
  unicode-range: ${CJK_RANGE}; }`)
  .join('\n');

function styles(v: ReportView): string {
  return `
${REPORT_FONT_FACE}
@page { size: A4; margin: 20mm 16mm 18mm;
  @top-left { content: ${cssString(`公共信用信息报告 · ${v.edition}`)}; font: 8pt ${FONT}; color: #555; }
  @top-right { content: ${cssString(`报告编号 ${v.reportNumber}`)}; font: 8pt ${FONT}; color: #555; }
  @bottom-left { content: ${cssString(`生成时间 ${v.generatedAt}（北京时间） 校验码 ${v.checkCode}`)}; font: 7.5pt ${FONT}; color: #555; }
  @bottom-right { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font: 8pt ${FONT}; color: #555; }
}
* { box-sizing: border-box; }
html { font-family: ${FONT}; font-size: 10pt; line-height: 1.5; color: #111; }
body { margin: 0 auto; max-width: 178mm; padding: 8mm 0; }
h1 { font-size: 20pt; text-align: center; letter-spacing: 0.2em; margin: 0 0 2mm; }
.edition { text-align: center; font-size: 11pt; margin: 0 0 6mm; color: #333; }
h2 { font-size: 13pt; border-bottom: 1.5pt solid #8b0000; color: #8b0000; padding-bottom: 1mm; margin: 7mm 0 3mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
h4 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; }
th, td { border: 0.5pt solid #999; padding: 1.2mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #f2f2f2; font-weight: bold; width: 36mm; }
table.record { break-inside: avoid; }
table.summary { table-layout: fixed; }
table.summary th, table.summary td { text-align: center; width: auto; padding: 1.2mm 0.5mm; }
.withheld { color: #555; font-style: italic; }
.empty { color: #555; }
.verify { display: flex; gap: 4mm; align-items: center; margin: 0 0 3mm; font-size: 9pt; color: #333; }
.verify .qr { flex: none; }
.meta td.digest { font-family: monospace; font-size: 8.5pt; }
ol.notes { padding-left: 6mm; }
ol.notes li { margin-bottom: 1.5mm; }
@media screen { body { padding: 12mm 16mm; box-shadow: 0 0 4mm #ccc; margin: 6mm auto; max-width: 210mm; } }
/* On screens the summary's ten columns keep room for their headings; a narrow screen scrolls the table, not the page. */
@media screen { .summary-wrap { overflow-x: auto; } table.summary { table-layout: auto; } table.summary th, table.summary td { min-width: 7em; } }
@media screen and (max-width: 600px) {
  body { padding: 4mm 3mm; margin: 0; box-shadow: none; }
  th { width: 7.5em; }
  h1 { letter-spacing: 0.05em; }
}
`;
}

function rows(list: readonly Row[]): string {
  return list
    .map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td${r.withheld ? ' class="withheld"' : ''}>${escapeHtml(r.value)}</td></tr>`)
    .join('');
}

function record(r: RecordBlock): string {
  return `<h4>${escapeHtml(r.heading)}</h4><table class="record">${rows(r.rows)}</table>`;
}

function groups(v: ReportView): string {
  return v.groups
    .map((g) => {
      const single = g.sections.length === 1;
      const body = g.sections
        .map((s, i) => {
          const heading = single ? '' : `<h3>（${'一二三四五六七八九'[i]}）${escapeHtml(s.title)}</h3>`;
          const count = `<p class="empty">共 ${s.totalCount} 条${s.records.length < s.totalCount ? `，列示最近 ${s.records.length} 条` : ''}。</p>`;
          return heading + (s.totalCount === 0 ? '<p class="empty">无记录。</p>' : count + s.records.map(record).join(''));
        })
        .join('');
      return `<section><h2>${escapeHtml(g.heading)}</h2>${body}</section>`;
    })
    .join('');
}

/** The QR code opening /verify with this report's number and 校验码 (inline SVG: the CSP loads nothing). */
function verification(v: ReportView): string {
  const size = v.qr.length + 8;
  const page = v.verifyUrl.split('?')[0]!;
  const label = `报告验证二维码：${v.verifyUrl}`;
  return `<div class="verify"><svg class="qr" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${size} ${size}" width="${size * 1.6}pt" height="${size * 1.6}pt" shape-rendering="crispEdges">`
    + `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${qrSvgPath(v.qr)}"/></svg>`
    // Text, not a link: the report page is inert (no href, nothing loads); the QR code carries the address.
    + `<p>报告验证：扫描二维码，或在 ${escapeHtml(page)} 输入报告编号和校验码，核验本报告是否由本平台出具、内容未被篡改。</p></div>`;
}

export function renderReportHtml(v: ReportView): string {
  const summaryHead = v.summary.map((s) => `<th scope="col">${escapeHtml(s.label.replace(/信息$/, ''))}</th>`).join('');
  const summaryRow = v.summary.map((s) => `<td>${s.count}</td>`).join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>公共信用信息报告 ${escapeHtml(v.reportNumber)}</title>
<style>${styles(v)}</style>
</head>
<body>
<main>
<h1>公共信用信息报告</h1>
<p class="edition">（${escapeHtml(v.edition)}）</p>
<table class="meta">
<tr><th scope="row">信用主体</th><td>${escapeHtml(v.subjectName)}</td></tr>
<tr><th scope="row">统一社会信用代码<br>（身份证号码）</th><td>${escapeHtml(v.subjectCode)}</td></tr>
<tr><th scope="row">报告编号</th><td>${escapeHtml(v.reportNumber)}</td></tr>
<tr><th scope="row">生成时间</th><td>${escapeHtml(v.generatedAt)}（北京时间）</td></tr>
<tr><th scope="row">校验码</th><td class="digest">${escapeHtml(v.checkCode)}</td></tr>
<tr><th scope="row">内容摘要（SHA-256）</th><td class="digest">${escapeHtml(v.digest)}</td></tr>
</table>
${verification(v)}
<section><h2>信用信息概要</h2>
<div class="summary-wrap" role="region" aria-label="信用信息概要" tabindex="0"><table class="summary"><tr>${summaryHead}<th scope="col">合计</th></tr><tr>${summaryRow}<td>${v.total}</td></tr></table></div>
</section>
<section><h2>一、登记注册基础信息</h2>
${registrationShown(v) ? `<table class="record">${rows(v.registration)}</table>` : `<p class="empty">${NO_REGISTRATION}</p>`}
</section>
${groups(v)}
<section><h2>报告说明</h2><ol class="notes">${v.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ol></section>
</main>
</body>
</html>
`;
}

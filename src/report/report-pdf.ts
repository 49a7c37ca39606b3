/**
 * The PDF report (pdfkit): A4, Noto Sans Hans embedded as subsets, the same content and order as
 * the HTML. Every page carries the report number and edition at the top, and the generation
 * time (China Standard Time), the digest and "第 N 页 共 M 页" at the bottom — drawn once all
 * pages exist, so the page count is known.
 */
import PDFDocument from 'pdfkit';
import { reportFonts } from './report-fonts';
import { NO_REGISTRATION, registrationShown, type ReportView, type Row } from './report-view';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 62, bottom: 58, left: 46, right: 46 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LABEL_WIDTH = 118;
const PAD = 4;
const ACCENT = '#8b0000';
/** Room a heading needs below it, so that it is never the last thing on a page. */
const KEEP_WITH_NEXT = { 2: 130, 3: 95, 4: 60 } as const;

type Doc = PDFKit.PDFDocument;

/** Starts a new page when `height` does not fit above the bottom margin. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > A4.height - MARGIN.bottom) doc.addPage();
}

function heading(doc: Doc, text: string, level: 2 | 3 | 4): void {
  const size = level === 2 ? 13 : level === 3 ? 11 : 10;
  // A heading never ends a page: it keeps what follows it (a sub-heading, a count, a table row) with it.
  ensureSpace(doc, KEEP_WITH_NEXT[level]);
  doc.moveDown(level === 2 ? 0.8 : 0.4);
  doc.font('bold').fontSize(size).fillColor(level === 2 ? ACCENT : '#111').text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  if (level === 2) {
    doc.moveTo(MARGIN.left, doc.y + 1).lineTo(MARGIN.left + CONTENT_WIDTH, doc.y + 1).lineWidth(1.2).strokeColor(ACCENT).stroke();
    doc.y += 5;
  } else {
    doc.y += 2;
  }
  doc.fillColor('#111');
}

function paragraph(doc: Doc, text: string, size = 9.5): void {
  doc.font('regular').fontSize(size);
  ensureSpace(doc, doc.heightOfString(text, { width: CONTENT_WIDTH }) + 4);
  doc.fillColor('#333').text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH }).fillColor('#111');
  doc.y += 2;
}

/** A two-column label/value table; rows move to the next page whole. */
function table(doc: Doc, rows: readonly Row[]): void {
  const valueWidth = CONTENT_WIDTH - LABEL_WIDTH;
  doc.fontSize(9);
  for (const r of rows) {
    doc.font('bold');
    const lh = doc.heightOfString(r.label, { width: LABEL_WIDTH - 2 * PAD });
    doc.font('regular');
    const vh = doc.heightOfString(r.value, { width: valueWidth - 2 * PAD });
    const h = Math.max(lh, vh) + 2 * PAD;
    ensureSpace(doc, h);
    const y = doc.y;
    doc.rect(MARGIN.left, y, LABEL_WIDTH, h).fillAndStroke('#f2f2f2', '#999');
    doc.rect(MARGIN.left + LABEL_WIDTH, y, valueWidth, h).lineWidth(0.5).stroke('#999');
    doc.fillColor('#111').font('bold').text(r.label, MARGIN.left + PAD, y + PAD, { width: LABEL_WIDTH - 2 * PAD });
    doc.fillColor(r.withheld ? '#777' : '#111').font('regular')
      .text(r.value, MARGIN.left + LABEL_WIDTH + PAD, y + PAD, { width: valueWidth - 2 * PAD });
    doc.fillColor('#111');
    doc.y = y + h;
  }
  doc.y += 4;
}

/** The counts as a grid: one column per section plus the total. */
function summaryGrid(doc: Doc, v: ReportView): void {
  const cells = [...v.summary.map((s) => [s.label.replace(/信息$/, ''), String(s.count)] as const), ['合计', String(v.total)] as const];
  const w = CONTENT_WIDTH / cells.length;
  doc.font('bold').fontSize(8.5);
  const hh = Math.max(...cells.map(([l]) => doc.heightOfString(l, { width: w - 2 * PAD }))) + 2 * PAD;
  const vh = 9 + 2 * PAD + 2;
  ensureSpace(doc, hh + vh);
  const y = doc.y;
  cells.forEach(([label, count], i) => {
    const x = MARGIN.left + i * w;
    doc.rect(x, y, w, hh).fillAndStroke('#f2f2f2', '#999');
    doc.rect(x, y + hh, w, vh).lineWidth(0.5).stroke('#999');
    doc.fillColor('#111').font('bold').fontSize(8.5).text(label, x + PAD, y + PAD, { width: w - 2 * PAD, align: 'center' });
    doc.font('regular').fontSize(10).text(count, x + PAD, y + hh + PAD, { width: w - 2 * PAD, align: 'center' });
  });
  doc.y = y + hh + vh + 6;
}

function body(doc: Doc, v: ReportView): void {
  doc.font('bold').fontSize(20).text('公共信用信息报告', MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 4 });
  doc.font('regular').fontSize(11).fillColor('#333').text(`（${v.edition}）`, { width: CONTENT_WIDTH, align: 'center' }).fillColor('#111');
  doc.y += 10;
  table(doc, [
    { label: '信用主体', value: v.subjectName, withheld: false },
    { label: '统一社会信用代码（身份证号码）', value: v.subjectCode, withheld: false },
    { label: '报告编号', value: v.reportNumber, withheld: false },
    { label: '生成时间', value: `${v.generatedAt}（北京时间）`, withheld: false },
    { label: '校验码', value: v.checkCode, withheld: false },
    { label: '内容摘要（SHA-256）', value: v.digest, withheld: false },
  ]);
  verificationBlock(doc, v);
  heading(doc, '信用信息概要', 2);
  summaryGrid(doc, v);
  heading(doc, '一、登记注册基础信息', 2);
  if (registrationShown(v)) table(doc, v.registration);
  else paragraph(doc, NO_REGISTRATION);
  for (const g of v.groups) {
    heading(doc, g.heading, 2);
    g.sections.forEach((s, i) => {
      if (g.sections.length > 1) heading(doc, `（${'一二三四五六七八九'[i]}）${s.title}`, 3);
      if (s.totalCount === 0) return paragraph(doc, '无记录。');
      paragraph(doc, `共 ${s.totalCount} 条${s.records.length < s.totalCount ? `，列示最近 ${s.records.length} 条` : ''}。`);
      for (const r of s.records) {
        heading(doc, r.heading, 4);
        table(doc, r.rows);
      }
    });
  }
  heading(doc, '报告说明', 2);
  v.notes.forEach((n, i) => paragraph(doc, `${i + 1}. ${n}`, 9));
}

/** The QR code opening /verify with this report's number and 校验码, and how to verify by hand. */
function verificationBlock(doc: Doc, v: ReportView): void {
  const module = 1.6;
  const side = (v.qr.length + 8) * module;
  const x = MARGIN.left;
  const y = doc.y;
  doc.save().rect(x, y, side, side).fill('#fff');
  v.qr.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) if (row[c] === '1') doc.rect(x + (c + 4) * module, y + (r + 4) * module, module, module);
  });
  doc.fill('#000').restore();
  doc.font('regular').fontSize(8.5).fillColor('#333')
    .text(`报告验证：扫描二维码，或在 ${v.verifyUrl.split('?')[0]} 输入报告编号和校验码，核验本报告是否由本平台出具、内容未被篡改。`,
      x + side + 8, y + 8, { width: CONTENT_WIDTH - side - 8 });
  doc.fillColor('#111');
  doc.x = MARGIN.left;
  doc.y = Math.max(doc.y, y + side) + 6;
}

/** Header and footer of every page, drawn into the margins once the page count is known. */
function pageFurniture(doc: Doc, v: ReportView): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a page: lift the margin meanwhile.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#555');
    doc.text(`公共信用信息报告 · ${v.edition}`, MARGIN.left, 30, { width: CONTENT_WIDTH / 2, lineBreak: false });
    doc.text(`报告编号 ${v.reportNumber}`, MARGIN.left + CONTENT_WIDTH / 2, 30, { width: CONTENT_WIDTH / 2, align: 'right', lineBreak: false });
    doc.moveTo(MARGIN.left, 44).lineTo(MARGIN.left + CONTENT_WIDTH, 44).lineWidth(0.5).strokeColor('#999').stroke();
    const fy = A4.height - 40;
    doc.moveTo(MARGIN.left, fy - 6).lineTo(MARGIN.left + CONTENT_WIDTH, fy - 6).lineWidth(0.5).strokeColor('#999').stroke();
    doc.fontSize(7.5).text(`生成时间 ${v.generatedAt}（北京时间）  校验码 ${v.checkCode}`, MARGIN.left, fy, {
      width: CONTENT_WIDTH * 0.75, lineBreak: false,
    });
    doc.fontSize(8).text(`第 ${i - start + 1} 页 共 ${count} 页`, MARGIN.left + CONTENT_WIDTH * 0.75, fy, {
      width: CONTENT_WIDTH * 0.25, align: 'right', lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

export function renderReportPdf(v: ReportView): Promise<Buffer> {
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: `公共信用信息报告 ${v.reportNumber}`,
      Subject: `${v.subjectName}（${v.edition}）`,
      Keywords: `${v.reportNumber} sha256:${v.digest}`,
      Creator: 'public-credit-api',
      CreationDate: new Date(),
    },
    lang: 'zh-CN',
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  body(doc, v);
  pageFurniture(doc, v);
  doc.end();
  return done;
}

/**
 * The report's QR code (opening /verify with its number and 校验码), made by `qrcode` and kept
 * as rows of '0'/'1' so that both renderers draw it with their own primitives (inline SVG in
 * the HTML, whose CSP loads nothing; filled squares in the PDF) and the view stays plain data.
 */
import QRCode from 'qrcode';

export function qrModules(text: string): string[] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    let row = '';
    for (let x = 0; x < modules.size; x++) row += modules.get(y, x) ? '1' : '0';
    rows.push(row);
  }
  return rows;
}

/** The dark modules as an SVG path (one unit square each, a 4-module quiet zone around). */
export function qrSvgPath(rows: readonly string[]): string {
  let d = '';
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') d += `M${x + 4} ${y + 4}h1v1h-1z`;
  });
  return d;
}

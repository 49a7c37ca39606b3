/**
 * The PDF fonts: Noto Sans Hans Regular and Bold (OTF, SIL OFL) from @embedpdf/fonts-sc. Each
 * is read and parsed once per process and the parsed font is shared by every report: parsing
 * an 8 MB CJK font (its layout tables above all) per document tripled the time a PDF took.
 * pdfkit (0.20) accepts a parsed fontkit font wherever it accepts a file, and embeds only the
 * glyphs a report uses, so a report stays small. fontkit is taken from pdfkit's own
 * dependency, so both always agree on the font object's shape.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What registerFont accepts; a parsed fontkit font is one of them at run time. */
export type FontSource = Parameters<PDFKit.PDFDocument['registerFont']>[1];

export interface ReportFonts {
  regular: FontSource;
  bold: FontSource;
}

let loaded: ReportFonts | undefined;

/** The package exports only its JS entry; the fonts are in the directory beside it. */
export function fontDirectory(): string {
  return join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
}

function parse(file: string): FontSource {
  const fontkit = require(require.resolve('fontkit', { paths: [dirname(require.resolve('pdfkit'))] })) as {
    create(data: Uint8Array): { layout: unknown };
  };
  const font = fontkit.create(readFileSync(join(fontDirectory(), file)));
  if (typeof font.layout !== 'function') throw new Error(`${file}: not a font fontkit can lay out`);
  return font as unknown as FontSource;
}

export function reportFonts(): ReportFonts {
  loaded ??= { regular: parse('NotoSansHans-Regular.otf'), bold: parse('NotoSansHans-Bold.otf') };
  return loaded;
}

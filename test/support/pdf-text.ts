import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows, read without a renderer: every font's ToUnicode map (pdfkit writes one
 * per embedded subset) applied to every hex string of every TJ/Tj in the content streams. Runs
 * are decoded with each map in turn, so the result holds the text of whichever font drew them.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
  }
  const maps = streams.filter((s) => s.includes('beginbfrange')).map((cmap) => {
    const map = new Map<number, string>();
    for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
      [...list!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((e, i) => {
        map.set(parseInt(from!, 16) + i, String.fromCharCode(...e[1]!.split(' ').map((h) => parseInt(h, 16))));
      });
    }
    return map;
  });
  const runs = streams.flatMap((s) => [...s.matchAll(/\[((?:<[0-9a-f]*>|[-\d.\s])*)\]\s*TJ/gi)].map((m) => m[1]!.match(/<([0-9a-f]*)>/gi)!.join('')));
  return maps
    .map((map) => runs.map((run) => (run.replace(/[<>]/g, '').match(/.{4}/g) ?? []).map((h) => map.get(parseInt(h, 16)) ?? '\uFFFD').join('')).join('\n'))
    .join('\n');
}

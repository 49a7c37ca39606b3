/**
 * Personal data that must never reach a log line, recognised in any text: resident ID
 * numbers (18 digits, the last possibly X, and the 15-digit numbers issued before 1999,
 * with or without spaces or hyphens between groups), phone numbers (mainland mobiles, with
 * or without +86, and landlines with their area code), and bearer tokens (the `Bearer …`
 * header form and any JWT). Percent-encoded digits are decoded first, so `%33%32…` is seen
 * as the number it spells.
 *
 * `redactText` runs on every finished log line (src/logger.ts) — the last line of defence
 * whatever a log call was handed; `loggedPath` is what the access line shows of a URL path.
 */

const MARK = '[redacted]';

// Digits or separators glued to a match would make it part of a longer number: not an ID.
const ID_18 = /(?<!\d)\d{6}[ -]?\d{4}[ -]?\d{4}[ -]?\d{3}[\dXx](?![\dXx])|(?<!\d)\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx](?![\dXx])/g;
const ID_15 = /(?<!\d)\d{6}[ -]?\d{6}[ -]?\d{3}(?!\d)/g;
// 6-4-4-4 and other groupings of 18 or 15 digits separated by single spaces or hyphens.
const DIGIT_RUN = /(?<![\d-])(?:\d[ -]?){14}\d(?:[ -]?\d[ -]?\d[ -]?[\dXx])?(?![\dXx])/g;
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?!\d)/g;
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3}[ -])\d{3,4}[ -]?\d{4}(?!\d)/g;
const BEARER = /(Bearer)\s+[^\s"',;]+/gi;
const JWT = /eyJ[\w-]*\.[\w-]+\.[\w-]*/g;

// Only what can spell a number, a separator or a percent sign: never a quote, so a JSON line stays JSON.
const ENCODED = /%(25|3[0-9]|58|78|20|2[bBdD])/g;

function decodeNumbers(text: string): string {
  let out = text;
  for (let round = 0; round < 3 && out.includes('%'); round++) {
    const next = out.replace(ENCODED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === out) break;
    out = next;
  }
  return out;
}

/*
 * The system's own ids (request, subject, principal, record) are random UUIDs, and about one in
 * 150 holds a hyphenated digit run that reads as an ID or phone number (`…83153-6515-4761-8721-3…`).
 * Redacted, its log line would lose the id that joins it to its response and access-log rows.
 * A whole UUID, bounded by non-word characters, is therefore left as it is; the numbers around it
 * are still redacted. Nobody writes an ID number in 8-4-4-4-12 hexadecimal groups.
 */
const UUID = /(?<![\w-])([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![\w-])/;
const UUID_SPLIT = new RegExp(UUID.source, 'g');

function redactNumbers(text: string): string {
  return text
    .replace(ID_18, MARK).replace(ID_15, MARK).replace(DIGIT_RUN, MARK)
    .replace(MOBILE, MARK).replace(LANDLINE, MARK);
}

/** `text` with every ID number, phone number and bearer token replaced by `[redacted]`. */
export function redactText(text: string): string {
  let out = text.includes('%') ? decodeNumbers(text) : text;
  out = out.replace(BEARER, `$1 ${MARK}`).replace(JWT, MARK);
  // Cheap exit: no run of digits long enough for any of the numbers.
  if (!/\d{3}/.test(out)) return out;
  if (!UUID.test(out)) return redactNumbers(out);
  // split with a capture group: the text between UUIDs at even places, the UUIDs at odd ones.
  return out.split(UUID_SPLIT).map((part, i) => (i % 2 === 1 ? part : redactNumbers(part))).join('');
}

/**
 * A request path as the access line shows it: percent-decoded (as the router sees it),
 * personal data redacted, bounded. The server's own paths are ASCII, so anything else in
 * one — a name typed where a code belongs, `/report/王建军` — came from the client and is
 * not logged, nor are percent-escapes left undecoded (bytes that are not UTF-8).
 */
export function loggedPath(pathname: string): string {
  let decoded = pathname;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      next = decodeNumbers(decoded);
    }
    if (next === decoded) break;
    decoded = next;
  }
  const ascii = decoded.replace(/(?:[^\x20-\x7e]|%[0-9A-Fa-f]{2})+/g, MARK);
  return redactText(ascii).slice(0, 200);
}

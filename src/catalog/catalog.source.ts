/** Catalog files as parsed data plus a way back to their lines. */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import type { CatalogProblem } from './catalog.errors';

export type PathKey = string | number;

/** One parsed file. `lineOf` is absent for data built in memory (tests of validateBundle). */
export interface SourceFile {
  readonly file: string;
  readonly data: unknown;
  readonly lineOf?: (path: readonly PathKey[]) => number | undefined;
  readonly sha256?: string;
}

export type YamlParse = { ok: true; source: SourceFile } | { ok: false; problems: CatalogProblem[] };

/**
 * Limits on one catalog document. A catalog is data typed by people: a few anchors at most,
 * never aliases of aliases. An alias bomb (`b: [*a, *a, …]`, `c: [*b, *b, …]`) expands
 * exponentially when converted; it is refused, counted, before anything is expanded.
 */
export const YAML_LIMITS = Object.freeze({ bytes: 2_000_000, aliases: 100 });

/** Parses YAML 1.2 (core schema: dates stay strings, `03-02-001` stays a string). */
export function parseYamlSource(file: string, text: string, sha256?: string): YamlParse {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > YAML_LIMITS.bytes) {
    return { ok: false, problems: [{ file, line: 1, message: `the document is ${bytes} bytes; a catalog document may have at most ${YAML_LIMITS.bytes}` }] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // One error often cascades into several at the same spot: report the first per line.
    const byLine = new Map<number, CatalogProblem>();
    for (const e of doc.errors) {
      const line = counter.linePos(e.pos[0]).line;
      const message = `YAML syntax error (${e.code}): ${e.message.split('\n')[0]}; fix the syntax before anything else is checked`;
      if (!byLine.has(line)) byLine.set(line, { file, line, message });
    }
    return { ok: false, problems: [...byLine.values()] };
  }
  let aliases = 0;
  let firstAlias: number | undefined;
  visit(doc, { Alias: (_key, node) => { aliases += 1; firstAlias ??= isAlias(node) ? node.range?.[0] : undefined; } });
  if (aliases > YAML_LIMITS.aliases) {
    return { ok: false, problems: [{
      file, line: firstAlias === undefined ? 1 : counter.linePos(firstAlias).line,
      message: `the document uses ${aliases} YAML aliases (*name); at most ${YAML_LIMITS.aliases} are allowed: write the values out`,
    }] };
  }
  let data: unknown;
  try {
    // maxAliasCount bounds the expansion of nested aliases that stayed under the count above.
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.aliases });
  } catch (err) {
    return { ok: false, problems: [{ file, line: 1, message: `the document's aliases expand too far (${(err as Error).message}); write the values out` }] };
  }
  const lineOf = (path: readonly PathKey[]) => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
  return { ok: true, source: { file, data, lineOf, sha256 } };
}

/**
 * Start offset of the deepest node on `path` that exists: for a map entry the key (so a block
 * value is reported on its `key:` line), for a sequence element the element. A path through a
 * missing key stops at the nearest existing ancestor.
 */
function offsetOf(doc: Document, path: readonly PathKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      node = node.items[key];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

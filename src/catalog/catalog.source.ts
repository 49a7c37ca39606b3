/** Catalog files as parsed data plus a way back to their lines. */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
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

/** Parses YAML 1.2 (core schema: dates stay strings, `03-02-001` stays a string). */
export function parseYamlSource(file: string, text: string, sha256?: string): YamlParse {
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
  const lineOf = (path: readonly PathKey[]) => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
  return { ok: true, source: { file, data: doc.toJS(), lineOf, sha256 } };
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

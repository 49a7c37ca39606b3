/**
 * Reads the catalog files from disk. The catalog is the law of the system: nothing outside a
 * loaded catalog may be recorded, shared or published, so a bundle with any problem is refused
 * as a whole (CatalogLoadError lists every problem).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CatalogBundle } from './catalog.bundle';
import type { ParsedDocument } from './catalog.documents';
import { type CatalogProblem, CatalogLoadError } from './catalog.errors';
import { type SourceFile, parseYamlSource } from './catalog.source';
import { validateBundle, validateFile } from './catalog.validate';

export { CatalogLoadError, formatProblem, type CatalogProblem } from './catalog.errors';
export { validateBundle, validateFile, type BundleValidation, type FileValidation } from './catalog.validate';
export type { SourceFile } from './catalog.source';
export type * from './catalog.bundle';

/** The catalog files shipped with the code. */
export const DEFAULT_CATALOG_DIR = join(__dirname, 'data');

/** Loads and checks every `*.yaml` / `*.yml` file of `dir` as one bundle. */
export function loadCatalogBundle(dir: string = DEFAULT_CATALOG_DIR): CatalogBundle {
  const names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  const sources: SourceFile[] = [];
  const syntaxProblems: CatalogProblem[] = [];
  for (const name of names) {
    const read = readSource(join(dir, name));
    if (read.ok) sources.push(read.source);
    else syntaxProblems.push(...read.problems);
  }
  if (syntaxProblems.length > 0) {
    // Without every file the cross-file checks would only add noise; check the readable files alone.
    const others = sources.flatMap((s) => {
      const result = validateFile(s);
      return result.ok ? [] : result.problems;
    });
    throw new CatalogLoadError([...syntaxProblems, ...others]);
  }
  const result = validateBundle(sources);
  if (!result.ok) throw new CatalogLoadError(result.problems);
  return result.bundle;
}

/** Loads and checks one file on its own; references to other files are not resolved. */
export function loadCatalogFile(path: string): ParsedDocument {
  const read = readSource(path);
  if (!read.ok) throw new CatalogLoadError(read.problems);
  const result = validateFile(read.source);
  if (!result.ok) throw new CatalogLoadError(result.problems);
  return result.document;
}

function readSource(path: string) {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return parseYamlSource(displayPath(path), bytes.toString('utf8'), sha256);
}

/** Relative to the working directory when inside it, so editors can open `file:line`. */
function displayPath(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

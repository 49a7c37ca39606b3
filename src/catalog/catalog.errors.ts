/** One thing wrong with the catalog files, located as precisely as the source allows. */
export interface CatalogProblem {
  /** File the problem is in; empty for problems of the bundle as a whole (a missing file). */
  readonly file: string;
  /** 1-based line in `file`, when the source carries positions (YAML does). */
  readonly line?: number;
  /** The entry concerned, e.g. `item 03-02-001`, `list type COURT_DEFAULTER`. */
  readonly entity?: string;
  /** The record-kind field concerned, for catalog items. */
  readonly field?: string;
  /** Path inside the entry (or the file), e.g. `share.purposes[1]`. */
  readonly at?: string;
  /** What is wrong and what is expected. */
  readonly message: string;
}

/** `<file>:<line> item <code> field <key> at <path>: <message>`, omitting the parts that do not apply. */
export function formatProblem(p: CatalogProblem): string {
  const parts = [p.file ? (p.line ? `${p.file}:${p.line}` : p.file) : 'catalog bundle'];
  if (p.entity) parts.push(p.entity);
  if (p.field) parts.push(`field ${p.field}`);
  if (p.at) parts.push(`at ${p.at}`);
  return `${parts.join(' ')}: ${p.message}`;
}

/** Problems in file order, then line order, so the message reads top to bottom. */
export function sortProblems(problems: readonly CatalogProblem[]): CatalogProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Thrown when catalog files cannot be loaded. The message lists every problem, one per line,
 * so one run of the loader tells the catalog editor everything that has to change.
 */
export class CatalogLoadError extends Error {
  readonly problems: readonly CatalogProblem[];

  constructor(problems: readonly CatalogProblem[]) {
    const sorted = sortProblems(problems);
    super(`catalog files have ${sorted.length} problem(s):\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'CatalogLoadError';
    this.problems = sorted;
  }
}

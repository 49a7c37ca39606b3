/**
 * The texts a catalog bundle is validated from: the files shipped with the code (read once),
 * plus the versions created through the API, whose submitted document is kept in
 * catalog_versions.definition. Drafts are checked against the same validator as the shipped
 * files (src/catalog/catalog.validate.ts), so a problem names file, line, item and field.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogLoadError, DEFAULT_CATALOG_DIR, formatProblem, validateBundle, type CatalogProblem, type SourceFile } from '../../catalog/catalog.loader';
import type { CatalogBundle } from '../../catalog/catalog.bundle';
import { parseYamlSource } from '../../catalog/catalog.source';
import { appError } from '../../errors';

/** The kinds a catalog version can have; the other files are vocabulary shipped with the code. */
export const VERSIONED_KINDS = ['BASE_CATALOG', 'SUPPLEMENTARY_CATALOG', 'MEASURE_LIST', 'SHARING_AGREEMENTS'] as const;
export type VersionedKind = (typeof VERSIONED_KINDS)[number];

export interface StoredVersion {
  id: string;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  definition: unknown;
}

export class CatalogSources {
  private shipped: readonly SourceFile[] | undefined;
  private shippedIds: ReadonlySet<string> | undefined;

  /**
   * `expected`: file name → sha256 of the files the server started with (CatalogBundle.sourceHashes).
   * A file changed on disk since then is refused: the catalog in force changes by publishing a
   * version or by a deployment (restart), never by an edit under a running server.
   */
  constructor(
    private readonly expected: Readonly<Record<string, string>> = {},
    private readonly dir: string = DEFAULT_CATALOG_DIR,
  ) {}

  /** The shipped files, parsed once: they change only with a deployment. */
  shippedSources(): readonly SourceFile[] {
    if (!this.shipped) {
      const problems: CatalogProblem[] = [];
      const sources: SourceFile[] = [];
      const names = readdirSync(this.dir).filter((n) => /\.ya?ml$/.test(n)).sort();
      const known = Object.keys(this.expected);
      if (known.length && known.sort().join('|') !== names.join('|')) {
        throw new Error(`catalog files in ${this.dir} are not the ones the server started with (${names.join(', ')}); restart the server to load them`);
      }
      for (const name of names) {
        const bytes = readFileSync(join(this.dir, name));
        const hash = createHash('sha256').update(bytes).digest('hex');
        if (known.length && this.expected[name] !== hash) throw new Error(`catalog file ${name} changed on disk since start-up; restart the server to load it`);
        const parsed = parseYamlSource(name, bytes.toString('utf8'), hash);
        if (parsed.ok) sources.push(parsed.source);
        else problems.push(...parsed.problems);
      }
      if (problems.length) throw new CatalogLoadError(problems);
      this.shipped = sources;
      this.shippedIds = new Set(sources.map((s) => (s.data as { id?: unknown }).id).filter((id): id is string => typeof id === 'string'));
    }
    return this.shipped;
  }

  isShipped(id: string): boolean {
    this.shippedSources();
    return this.shippedIds!.has(id);
  }

  /**
   * The bundle of the shipped files, the stored API versions in force or retired, and
   * `candidate` if given. A stored definition with `sourceFile` came from a shipped file that
   * is no longer shipped: it is left out, as at start-up (its items fail closed).
   */
  validate(stored: readonly StoredVersion[], candidate?: SourceFile) {
    const extra = stored
      .filter((v) => v.status !== 'DRAFT' && !this.isShipped(v.id) && !(isObject(v.definition) && 'sourceFile' in v.definition))
      .filter((v) => v.id !== (candidate?.data as { id?: unknown } | undefined)?.id)
      .map((v): SourceFile => ({ file: `catalog version ${v.id}`, data: v.definition }));
    return validateBundle([...this.shippedSources(), ...extra, ...(candidate ? [candidate] : [])]);
  }

  /** Like `validate`, but a problem is the caller's: BAD_USER_INPUT listing every problem. */
  validateOrThrow(stored: readonly StoredVersion[], candidate?: SourceFile): CatalogBundle {
    const result = this.validate(stored, candidate);
    if (!result.ok) throw problemsError(result.problems);
    return result.bundle;
  }
}

export function problemsError(problems: readonly CatalogProblem[]) {
  return appError('BAD_USER_INPUT', `catalog draft has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`, {
    problems: problems.map((p) => ({ ...p, text: formatProblem(p) })),
  });
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Collects problems and turns a data path into `<file>:<line> item <code> field <key> at <path>`.
 * Every check reports through here, so all messages locate themselves the same way.
 */
import type { CatalogProblem } from './catalog.errors';
import type { PathKey, SourceFile } from './catalog.source';

/** How a document's entries are addressed, for naming them in messages. */
export interface DocShape {
  /** Noun for one entry: `item`, `measure`, `list type`, … */
  readonly noun: string;
  /** Key of the entry list (`items`), whose elements carry a `code`. */
  readonly list?: string;
  /** Key of an entry map (`formats`), whose keys name the entries. */
  readonly map?: string;
  /** Key of an entry's record-kind field list (`fields`), whose elements carry a `key`. */
  readonly fieldList?: string;
}

export class ProblemSink {
  readonly problems: CatalogProblem[] = [];

  add(problem: CatalogProblem): void {
    this.problems.push(problem);
  }

  /** Reports `message` at `path` of `source`; `field` names a record-kind field the path cannot reach (a missing one). */
  at(source: SourceFile, shape: DocShape, path: readonly PathKey[], message: string, field?: string): void {
    const located = locate(source.data, shape, path);
    this.add({
      file: source.file,
      line: source.lineOf?.(path),
      entity: located.entity,
      field: field ?? located.field,
      at: located.at || undefined,
      message,
    });
  }
}

function locate(data: unknown, shape: DocShape, path: readonly PathKey[]) {
  const [head, index] = path;
  if (shape.list !== undefined && head === shape.list && typeof index === 'number') {
    const entry = valueAt(data, [head, index]);
    const entity = `${shape.noun} ${stringProp(entry, 'code') ?? `#${index + 1}`}`;
    const rest = path.slice(2);
    const [fieldsKey, fieldIndex] = rest;
    if (shape.fieldList !== undefined && fieldsKey === shape.fieldList && typeof fieldIndex === 'number') {
      const field = stringProp(valueAt(entry, [fieldsKey, fieldIndex]), 'key') ?? `#${fieldIndex + 1}`;
      return { entity, field, at: formatPath(rest.slice(2)) };
    }
    return { entity, field: undefined, at: formatPath(rest) };
  }
  if (shape.map !== undefined && head === shape.map && typeof index === 'string') {
    return { entity: `${shape.noun} ${index}`, field: undefined, at: formatPath(path.slice(2)) };
  }
  return { entity: undefined, field: undefined, at: formatPath(path) };
}

/** `share.purposes[1]` */
export function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}

export function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return value;
}

function stringProp(value: unknown, key: string): string | undefined {
  const v = valueAt(value, [key]);
  return typeof v === 'string' ? v : undefined;
}

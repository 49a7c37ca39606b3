/**
 * The kinds of catalog file and their shape check. Entries are checked one by one, so one bad
 * item does not hide the problems of the others, and the good entries still go through the
 * cross-checks.
 */
import { z } from 'zod';
import { BaseCatalogSchema, SupplementaryCatalogSchema } from './catalog.schema';
import { ListTypesSchema, MeasureListSchema } from './measures.schema';
import { DisclosureFormatsSchema, PurposesSchema, RegimesSchema } from './vocabulary.schema';
import { AgreementsSchema } from './agreements.schema';
import { AgencyPowersSchema } from './powers.schema';
import { LeniencyGroundsSchema } from './leniency.schema';
import { valueAt, type DocShape, type ProblemSink } from './catalog.problems';
import type { PathKey, SourceFile } from './catalog.source';

export const DOCUMENT_SPECS = {
  BASE_CATALOG: { schema: BaseCatalogSchema, shape: { noun: 'item', list: 'items', fieldList: 'fields' } },
  SUPPLEMENTARY_CATALOG: { schema: SupplementaryCatalogSchema, shape: { noun: 'item', list: 'items', fieldList: 'fields' } },
  MEASURE_LIST: { schema: MeasureListSchema, shape: { noun: 'measure', list: 'measures' } },
  SERIOUS_LIST_TYPES: { schema: ListTypesSchema, shape: { noun: 'list type', list: 'listTypes' } },
  PURPOSES: { schema: PurposesSchema, shape: { noun: 'purpose', list: 'purposes' } },
  PUBLICATION_REGIMES: { schema: RegimesSchema, shape: { noun: 'regime', list: 'regimes' } },
  DISCLOSURE_FORMATS: { schema: DisclosureFormatsSchema, shape: { noun: 'format', map: 'formats' } },
  SHARING_AGREEMENTS: { schema: AgreementsSchema, shape: { noun: 'agreement', list: 'agreements' } },
  AGENCY_POWERS: { schema: AgencyPowersSchema, shape: { noun: 'measure', list: 'measureImplementers' } },
  LENIENCY_GROUNDS: { schema: LeniencyGroundsSchema, shape: { noun: 'ground', list: 'grounds' } },
} as const satisfies Record<string, { schema: z.ZodObject; shape: DocShape }>;

export type DocumentKind = keyof typeof DOCUMENT_SPECS;
export const DOCUMENT_KINDS = Object.keys(DOCUMENT_SPECS) as [DocumentKind, ...DocumentKind[]];
export type DocumentOf<K extends DocumentKind> = z.infer<(typeof DOCUMENT_SPECS)[K]['schema']>;

interface ParsedOf<K extends DocumentKind> {
  readonly kind: K;
  readonly source: SourceFile;
  readonly doc: DocumentOf<K>;
  /** Index in the file of each entry kept in `doc`'s list (entries failing their shape are dropped). */
  readonly origin: readonly number[];
}
/** A file whose header is valid, narrowed by `kind`. */
export type ParsedDocument = { [K in DocumentKind]: ParsedOf<K> }[DocumentKind];

/** What a file declares, even when its shape is broken: enough to avoid follow-on noise. */
export interface DocumentParse {
  readonly kind?: DocumentKind;
  readonly source: SourceFile;
  readonly parsed?: ParsedDocument;
  /** Codes of all entries with a string `code`, valid or not. */
  readonly declaredCodes: ReadonlySet<string>;
}

export function shapeOf(kind: DocumentKind): DocShape {
  return DOCUMENT_SPECS[kind].shape;
}

export type Report = (path: readonly PathKey[], message: string, field?: string) => void;

/** Reports problems of one parsed document by path. */
export function reporterFor(p: ParsedDocument, sink: ProblemSink): Report {
  return (path, message, field) => sink.at(p.source, shapeOf(p.kind), path, message, field);
}

export function parseDocument(source: SourceFile, sink: ProblemSink): DocumentParse {
  const kindCheck = z.object({ kind: z.enum(DOCUMENT_KINDS) }).safeParse(source.data);
  if (!kindCheck.success) {
    const got = JSON.stringify(valueAt(source.data, ['kind']) ?? null);
    sink.at(source, { noun: '' }, ['kind'], `unknown file kind ${got}; expected kind: one of ${DOCUMENT_KINDS.join(', ')}`);
    return { source, declaredCodes: new Set() };
  }
  const kind = kindCheck.data.kind;
  const { schema, shape } = DOCUMENT_SPECS[kind] as { schema: z.ZodObject; shape: DocShape };
  const list = shape.list;
  if (list === undefined) {
    const result = schema.safeParse(source.data);
    reportIssues(sink, source, shape, result.error?.issues ?? [], []);
    const parsed = result.success ? ({ kind, source, doc: result.data, origin: [] } as unknown as ParsedDocument) : undefined;
    return { kind, source, parsed, declaredCodes: new Set() };
  }
  const header = schema.extend({ [list]: z.array(z.unknown()) }).safeParse(source.data);
  reportIssues(sink, source, shape, header.error?.issues ?? [], []);
  const raw = valueAt(source.data, [list]);
  const rawEntries = Array.isArray(raw) ? raw : [];
  const entrySchema = (schema.shape[list] as z.ZodArray<z.ZodType>).element;
  const kept: unknown[] = [];
  const origin: number[] = [];
  rawEntries.forEach((entry, i) => {
    const result = entrySchema.safeParse(entry);
    if (result.success) {
      kept.push(result.data);
      origin.push(i);
    } else {
      reportIssues(sink, source, shape, result.error.issues, [list, i]);
    }
  });
  const declaredCodes = new Set(rawEntries.map((e) => valueAt(e, ['code'])).filter((c) => typeof c === 'string'));
  const parsed = header.success
    ? ({ kind, source, doc: { ...header.data, [list]: kept }, origin } as unknown as ParsedDocument)
    : undefined;
  return { kind, source, parsed, declaredCodes };
}

function reportIssues(
  sink: ProblemSink,
  source: SourceFile,
  shape: DocShape,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PathKey[],
): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.filter((k): k is PathKey => typeof k !== 'symbol')];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) sink.at(source, shape, [...path, key], `unknown key "${key}"; remove it or correct its spelling`);
    } else {
      sink.at(source, shape, path, describe(issue, valueAt(source.data, path), path));
    }
  }
}

function describe(issue: z.core.$ZodIssue, value: unknown, path: readonly PathKey[]): string {
  if (value === undefined && issue.code === 'invalid_type') {
    return `missing "${String(path[path.length - 1])}"; expected ${issue.expected}`;
  }
  if (value === undefined || (typeof value === 'object' && value !== null)) return issue.message;
  const got = JSON.stringify(value);
  return `${issue.message} (got ${got.length > 60 ? `${got.slice(0, 57)}...` : got})`;
}

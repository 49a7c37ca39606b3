/**
 * Validation without I/O: shape per file, rules per file, rules across files. Every stage runs
 * on whatever passed the stage before, so one call reports every problem it can see.
 */
import { type CatalogBundle, assembleBundle } from './catalog.bundle';
import { checkCatalogItems } from './catalog.checks';
import { type DocumentParse, type ParsedDocument, parseDocument } from './catalog.documents';
import { type CatalogProblem, sortProblems } from './catalog.errors';
import { ProblemSink } from './catalog.problems';
import type { SourceFile } from './catalog.source';
import { BundleIndex, checkBundle } from './bundle.checks';
import {
  checkAgencyPowers, checkDisclosureFormats, checkLeniencyGrounds, checkListTypes, checkMeasureList, checkRegimes, checkUniqueCodes,
} from './reference.checks';

export type BundleValidation =
  | { readonly ok: true; readonly bundle: CatalogBundle }
  | { readonly ok: false; readonly problems: readonly CatalogProblem[] };

export type FileValidation =
  | { readonly ok: true; readonly document: ParsedDocument }
  | { readonly ok: false; readonly problems: readonly CatalogProblem[] };

/** Checks a set of parsed files as one bundle and, when nothing is wrong, builds it. */
export function validateBundle(sources: readonly SourceFile[]): BundleValidation {
  const sink = new ProblemSink();
  const parses = sources.map((s) => checkDocument(s, sink));
  const index = new BundleIndex(parses);
  checkBundle(index, sink);
  if (sink.problems.length > 0) return { ok: false, problems: sortProblems(sink.problems) };
  return { ok: true, bundle: assembleBundle(index) };
}

/** Checks one file on its own (no cross-file references). */
export function validateFile(source: SourceFile): FileValidation {
  const sink = new ProblemSink();
  const { parsed } = checkDocument(source, sink);
  if (sink.problems.length > 0 || !parsed) return { ok: false, problems: sortProblems(sink.problems) };
  return { ok: true, document: parsed };
}

function checkDocument(source: SourceFile, sink: ProblemSink): DocumentParse {
  const parse = parseDocument(source, sink);
  const p = parse.parsed;
  if (!p) return parse;
  checkUniqueCodes(p, sink);
  switch (p.kind) {
    case 'BASE_CATALOG':
    case 'SUPPLEMENTARY_CATALOG':
      checkCatalogItems(p, sink);
      break;
    case 'MEASURE_LIST':
      checkMeasureList(p, sink);
      break;
    case 'SERIOUS_LIST_TYPES':
      checkListTypes(p, sink);
      break;
    case 'PUBLICATION_REGIMES':
      checkRegimes(p, sink);
      break;
    case 'DISCLOSURE_FORMATS':
      checkDisclosureFormats(p, sink);
      break;
    case 'AGENCY_POWERS':
      checkAgencyPowers(p, sink);
      break;
    case 'LENIENCY_GROUNDS':
      checkLeniencyGrounds(p, sink);
      break;
    case 'PURPOSES':
    case 'SHARING_AGREEMENTS':
      break;
  }
  return parse;
}

/**
 * Rules across files: every reference resolves (purposes, list types, catalog items, base
 * catalogs) and the files together make one coherent law. A reference into a file that is
 * missing or whose header is broken is not checked: that file's own problem is reported instead.
 */
import { basename } from 'node:path';
import { type DocumentKind, type DocumentParse, type ParsedDocument, reporterFor } from './catalog.documents';
import { NEVER_PUBLISHED_KINDS } from './catalog.checks';
import type { ProblemSink } from './catalog.problems';

const SINGLETONS: readonly DocumentKind[] = ['SERIOUS_LIST_TYPES', 'PURPOSES', 'PUBLICATION_REGIMES', 'DISCLOSURE_FORMATS', 'LENIENCY_GROUNDS'];
const REQUIRED: readonly DocumentKind[] = ['BASE_CATALOG', 'MEASURE_LIST', 'SHARING_AGREEMENTS', 'AGENCY_POWERS', ...SINGLETONS];

type Parsed<K extends DocumentKind> = ParsedDocument & { kind: K };
type CatalogDoc = Parsed<'BASE_CATALOG' | 'SUPPLEMENTARY_CATALOG'>;

/** The parsed files of a bundle, by kind; singletons only when exactly one file has the kind. */
export class BundleIndex {
  constructor(readonly parses: readonly DocumentParse[]) {}

  all<K extends DocumentKind>(kind: K): Parsed<K>[] {
    return this.parses.filter((d) => d.parsed?.kind === kind).map((d) => d.parsed as Parsed<K>);
  }

  single<K extends DocumentKind>(kind: K): Parsed<K> | undefined {
    const files = this.parses.filter((d) => d.kind === kind);
    return files.length === 1 ? (files[0].parsed as Parsed<K> | undefined) : undefined;
  }

  declared(p: ParsedDocument): ReadonlySet<string> {
    return this.parses.find((d) => d.parsed === p)?.declaredCodes ?? new Set();
  }

  base(id: string): Parsed<'BASE_CATALOG'> | undefined {
    return this.all('BASE_CATALOG').find((b) => b.doc.id === id);
  }
}

export function checkBundle(index: BundleIndex, sink: ProblemSink): void {
  checkFileSet(index, sink);
  for (const c of [...index.all('BASE_CATALOG'), ...index.all('SUPPLEMENTARY_CATALOG')]) checkCatalogRefs(c, index, sink);
  checkListTypeRefs(index, sink);
  checkMeasureRefs(index, sink);
  checkAgreementRefs(index, sink);
  checkMeasureImplementers(index, sink);
}

function checkFileSet(index: BundleIndex, sink: ProblemSink): void {
  for (const kind of REQUIRED) {
    const files = index.parses.filter((d) => d.kind === kind);
    if (files.length === 0) sink.add({ file: '', message: `no file with kind: ${kind}; the bundle needs ${SINGLETONS.includes(kind) ? 'exactly one' : 'at least one'}` });
    if (files.length > 1 && SINGLETONS.includes(kind)) {
      for (const f of files) sink.add({ file: f.source.file, line: f.source.lineOf?.(['kind']), message: `one of ${files.length} files with kind: ${kind}; keep exactly one` });
    }
  }
  const ids = new Map<string, string>();
  for (const d of [...index.all('BASE_CATALOG'), ...index.all('SUPPLEMENTARY_CATALOG'), ...index.all('MEASURE_LIST')]) {
    const other = ids.get(d.doc.id);
    if (other !== undefined) sink.add({ file: d.source.file, line: d.source.lineOf?.(['id']), message: `version id ${d.doc.id} is already used by ${other}` });
    else ids.set(d.doc.id, d.source.file);
  }
}

function checkCatalogRefs(c: CatalogDoc, index: BundleIndex, sink: ProblemSink): void {
  const report = reporterFor(c, sink);
  let base: Parsed<'BASE_CATALOG'> | undefined = c.kind === 'BASE_CATALOG' ? c : undefined;
  if (c.kind === 'SUPPLEMENTARY_CATALOG') {
    base = index.base(c.doc.baseCatalog);
    if (!base) report(['baseCatalog'], `no base catalog with id ${c.doc.baseCatalog}; expected one of ${index.all('BASE_CATALOG').map((b) => b.doc.id).join(', ') || '(none loaded)'}`);
  }
  const baseCodes = base && base !== c ? index.declared(base) : new Set<string>();
  const categories = base ? new Set(base.doc.categories.map((x) => x.code)) : undefined;
  const purposes = index.single('PURPOSES');
  const purposeCodes = purposes ? index.declared(purposes) : undefined;
  const regimes = index.single('PUBLICATION_REGIMES');
  const formats = index.single('DISCLOSURE_FORMATS')?.doc.formats;
  c.doc.items.forEach((item, k) => {
    const at = ['items', c.origin[k]];
    if (baseCodes.has(item.code)) report([...at, 'code'], `repeats item ${item.code} of base catalog ${base?.doc.id}; a supplementary catalog adds items, it does not restate them (深圳条例 第三十三条)`);
    if (categories && !categories.has(item.category)) report([...at, 'category'], `category ${item.category} is not among the categories of ${base?.doc.id}`);
    const shared = item.share.scope === 'NONE' ? [] : (item.share.purposes ?? []);
    shared.forEach((code, i) => {
      if (!purposeCodes) return;
      const purpose = purposes?.doc.purposes.find((x) => x.code === code);
      if (!purposeCodes.has(code)) report([...at, 'share', 'purposes', i], `unknown purpose ${code}; expected one of ${[...purposeCodes].join(', ')}`);
      else if (purpose && !purpose.declaredBy.includes('AGENCY')) report([...at, 'share', 'purposes', i], `purpose ${code} is not declared by agencies (declaredBy: ${purpose.declaredBy.join(', ')}); sharing is with agencies`);
    });
    if (regimes && item.publish.scope !== 'NONE' && item.publish.period.basis === 'REGIME'
      && !regimes.doc.regimes.some((r) => r.recordKinds.includes(item.recordKind))) {
      report([...at, 'publish', 'period', 'basis'], `no publication regime sets periods for ${item.recordKind}; use FIXED or WHILE_VALID`);
    }
    item.fields.forEach((f, j) => {
      if (!formats || !f.publish || !f.personal || NEVER_PUBLISHED_KINDS.includes(f.personal)) return;
      if (formats[f.personal].method === 'NEVER_PUBLISHED') report([...at, 'fields', j, 'publish'], `disclosure-formats says ${f.personal} is never published; set publish: false`);
    });
  });
}

function checkListTypeRefs(index: BundleIndex, sink: ProblemSink): void {
  const file = index.single('SERIOUS_LIST_TYPES');
  if (!file) return;
  const report = reporterFor(file, sink);
  file.doc.listTypes.forEach((t, k) => {
    const at = ['listTypes', file.origin[k], 'catalogItem'];
    const base = index.base(t.catalogItem.catalog);
    if (!base) return report([...at, 'catalog'], `no base catalog with id ${t.catalogItem.catalog}; the list's information must sit in a national item`);
    const item = base.doc.items.find((i) => i.code === t.catalogItem.code);
    if (!item) {
      if (!index.declared(base).has(t.catalogItem.code)) report([...at, 'code'], `no item ${t.catalogItem.code} in ${base.doc.id}`);
      return;
    }
    if (item.recordKind !== 'SERIOUS_LIST' && item.recordKind !== 'COURT_ENFORCEMENT') report([...at, 'code'], `item ${item.code} has record kind ${item.recordKind}; expected SERIOUS_LIST or COURT_ENFORCEMENT`);
    if (item.provider !== t.decidingSystem) report(['listTypes', file.origin[k], 'decidingSystem'], `item ${item.code} is collected by ${item.provider}; the deciding system must be that one department (一口采集)`);
    if (!item.dishonesty) report([...at, 'code'], `item ${item.code} is not a dishonesty item; a listing is a finding of dishonesty`);
  });
  // A serious list exists only where the law sets one (49号 四(六)): each list item needs its list type.
  for (const base of index.all('BASE_CATALOG')) {
    base.doc.items.forEach((item, k) => {
      const held = file.doc.listTypes.some((t) => t.catalogItem.catalog === base.doc.id && t.catalogItem.code === item.code);
      if (item.recordKind === 'SERIOUS_LIST' && !held) {
        reporterFor(base, sink)(['items', base.origin[k], 'recordKind'], 'no list type in the list-types file holds this item; add the list type with its legal standard, or change the record kind');
      }
    });
  }
}

function checkMeasureRefs(index: BundleIndex, sink: ProblemSink): void {
  const listTypes = index.single('SERIOUS_LIST_TYPES');
  if (!listTypes) return;
  const known = index.declared(listTypes);
  for (const list of index.all('MEASURE_LIST')) {
    list.doc.measures.forEach((m, k) => {
      m.appliesTo.listTypes.forEach((code, i) => {
        if (!known.has(code)) reporterFor(list, sink)(['measures', list.origin[k], 'appliesTo', 'listTypes', i], `unknown list type ${code}; expected one of ${[...known].join(', ')}`);
      });
    });
  }
}

/** An agreement's purposes are agency purposes of the vocabulary; what it covers exists in a catalog. */
function checkAgreementRefs(index: BundleIndex, sink: ProblemSink): void {
  const purposes = index.single('PURPOSES');
  const catalogs = [...index.all('BASE_CATALOG'), ...index.all('SUPPLEMENTARY_CATALOG')];
  const itemCodes = new Set(catalogs.flatMap((c) => [...index.declared(c)]));
  const categories = new Set(index.all('BASE_CATALOG').flatMap((b) => b.doc.categories.map((c) => c.code)));
  const seen = new Map<string, string>();
  for (const file of index.all('SHARING_AGREEMENTS')) {
    const report = reporterFor(file, sink);
    file.doc.agreements.forEach((a, k) => {
      const at = ['agreements', file.origin[k]];
      // Codes name agreements in the access log (SHARED:<code>): one agreement per code, across versions.
      const other = seen.get(a.code);
      if (other !== undefined && other !== file.doc.id) report([...at, 'code'], `agreement ${a.code} is already given in version ${other}; an amended agreement takes a new code`);
      else seen.set(a.code, file.doc.id);
      a.purposes.forEach((code, i) => {
        const purpose = purposes?.doc.purposes.find((p) => p.code === code);
        if (!purposes) return;
        if (!purpose) report([...at, 'purposes', i], `unknown purpose ${code}; expected one of ${purposes.doc.purposes.map((p) => p.code).join(', ')}`);
        else if (!purpose.declaredBy.includes('AGENCY')) report([...at, 'purposes', i], `purpose ${code} is not declared by agencies (declaredBy: ${purpose.declaredBy.join(', ')}); an agreement grants agency purposes`);
      });
      (a.covers.items ?? []).forEach((code, i) => {
        if (catalogs.length > 0 && !itemCodes.has(code)) report([...at, 'covers', 'items', i], `no catalog item ${code} in any catalog file`);
      });
      (a.covers.categories ?? []).forEach((code, i) => {
        if (categories.size > 0 && !categories.has(code as never)) report([...at, 'covers', 'categories', i], `unknown category ${code}; expected one of ${[...categories].join(', ')}`);
      });
    });
  }
}

/**
 * Every measure of every list has its implementers in the agency-powers file(s) (49号 五(九)):
 * a measure nobody implements could never be applied. An entry may name a measure no list has
 * yet: the powers ship first, so that a measures-list version adding the measure can then be
 * drafted and published through the API (a misspelt entry still leaves the real measure without
 * implementers, which is reported). A code entered twice across files is reported at the later
 * entry (within one file, checkUniqueCodes does it).
 */
function checkMeasureImplementers(index: BundleIndex, sink: ProblemSink): void {
  // Codes are compared as declared, valid entry or not: a broken entry reports its own problem.
  const powers = index.parses.filter((d) => d.kind === 'AGENCY_POWERS');
  if (powers.length === 0) return; // checkFileSet reports the missing file
  const named = new Set(powers.flatMap((d) => [...d.declaredCodes]));
  const file = basename(powers[0].source.file);
  for (const list of index.all('MEASURE_LIST')) {
    list.doc.measures.forEach((m, k) => {
      if (!named.has(m.code)) {
        reporterFor(list, sink)(['measures', list.origin[k], 'code'], `no implementers for measure ${m.code} in ${file}; name the department systems that implement it (49号 五(九))`);
      }
    });
  }
  const seen = new Map<string, string>();
  for (const p of index.all('AGENCY_POWERS')) {
    const report = reporterFor(p, sink);
    p.doc.measureImplementers.forEach((m, k) => {
      const at = ['measureImplementers', p.origin[k], 'code'];
      const other = seen.get(m.code);
      if (other !== undefined && other !== p.source.file) report(at, `implementers of ${m.code} are already given in ${basename(other)}; give them once`);
      else seen.set(m.code, p.source.file);
    });
  }
}

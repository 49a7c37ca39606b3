/**
 * Imports one batch of penalty or licence rows: every row checked by the recording path's own
 * rules (record-request.ts: item recordable by the agency, subject, document, dates, amounts,
 * leniency, publication window), then the valid ones written in ONE transaction with a handful
 * of set-based statements. The CLI and the importCreditRecords mutation both call this.
 *
 * Idempotency: a row whose record exists (same item, document and subject; for a licence, same
 * agency, date and 文书号) is UNCHANGED when its content is the same and REJECTED with CONFLICT
 * when it differs — never overwritten (record-row.ts decides "the same" for both paths).
 */
import type { CatalogIndex, IndexedItem } from '../catalog/catalog.index';
import type { Severity } from '../catalog/catalog.schema';
import type { Db, Tx } from '../db/database';
import { appError } from '../errors';
import { validateUscc, type IdNumberVault } from '../identifiers';
import type { AgencyRow } from '../modules/agency/agency.repo';
import type { RecordCreditInformationInput } from '../modules/credit-record/credit-record.input';
import {
  documentConflict, documentRowOf, newRecordRow, ownDocumentNumber, recordConflict, type StoredRecordFacts,
} from '../modules/credit-record/record-row';
import {
  checkSubjectKind, draftRecord, recordableItem, subjectKeyOf, subjectNotFound, type RecordDraft, type SubjectKey,
} from '../modules/credit-record/record-request';
import type { NewCreditRecord } from '../modules/credit-record/credit-record-write.repo';
import { draftContext, subjectFacts } from '../modules/credit-record/record-facts';
import type { SubjectKind } from '../catalog/catalog.schema';
import { fieldGroupsOf } from '../modules/credit-record/credit-record.input';
import { checkDateText } from '../modules/credit-record/record-fields.validate';
import { regimeOn } from '../modules/credit-record/publication-window';
import { deriveSeverity, type DerivedSeverity } from '../modules/credit-record/severity.rules';
import { specificSeriousOf } from '../modules/credit-record/specific-serious.rules';
import type { ImportKind, Target } from './header-table';
import type { RegisterImporter } from './register-import';
import { RegisterRepo, type SubjectRow } from './register.repo';
import { draftSubject, type SubjectDraft } from './subject-register';
import { ImportRepo, type DocumentHit, type StoredRecord, type SubjectHit } from './import.repo';
import { checkRequired, mapRow, problem, RowProblem, toRecordInput, type MappedRow, type RowExtras } from './row-mapping';
import { rejection, type RowOutcome } from './row-outcome';
import type { RawRow } from './row-source';

export interface BatchOptions {
  readonly kind: ImportKind;
  /** The agency recording (--department, or the caller's token); undefined: each row names it by USCC. */
  readonly recorder?: AgencyRow;
  /** Item of rows that name none; else the one item of the kind the agency's system provides. */
  readonly itemCode?: string;
  /**
   * Severity of dishonesty rows that state none (失信严重程度 is not a column of the 双公示
   * standard, so Credit China exports never carry it): the recording department's finding.
   */
  readonly severity?: Severity;
  readonly now: Date;
  /** Who runs the import: the caller's token subject, or `cli:<user>` for `npm run import` (accountability names them). */
  readonly official: string;
  /** Check and look up everything, write nothing (the transaction is rolled back). */
  readonly dryRun?: boolean;
  /**
   * Register a respondent not yet registered from the row's own columns (行政相对人名称, 类别,
   * 代码 or 证件号码, 法定代表人), with its record; asked for explicitly (--register-subjects). The
   * outcome names the rows that did.
   */
  readonly registerSubjects?: boolean;
}

export interface AgencyLookup {
  get(code: string): AgencyRow | undefined;
  all(): AgencyRow[];
}

interface Candidate {
  readonly index: number;
  readonly mapped: MappedRow;
  readonly item: IndexedItem;
  readonly agency: AgencyRow;
  /** The registered subject's id; for a subject this batch registers, set once it is written. */
  subjectId: number;
  /** The subject to register from the row's own columns (options.registerSubjects), when none is. */
  readonly newSubject?: SubjectRow;
  readonly draft: RecordDraft;
  readonly derived: DerivedSeverity | undefined;
}

/** A batch after checking: the rows already rejected, and the rest ready to write. */
export interface CheckedBatch {
  readonly size: number;
  readonly outcomes: Map<number, RowOutcome>;
  readonly candidates: readonly Candidate[];
  readonly opts: BatchOptions & { kind: 'penalty' | 'licence' };
}

class DryRunRollback extends Error {
  constructor(readonly outcomes: Map<number, RowOutcome>) {
    super('dry run: rolled back');
  }
}

const RECORD_KIND = { penalty: 'PENALTY', licence: 'LICENCE' } as const;

export class RecordImporter {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    private readonly agencies: AgencyLookup,
    private readonly registers: RegisterImporter,
  ) {}

  /** Outcomes in the order of `rows`. A database failure rolls the whole batch back and is thrown. */
  async importBatch(rows: readonly RawRow[], opts: BatchOptions & { kind: 'penalty' | 'licence' }): Promise<RowOutcome[]> {
    return this.commit(await this.check(rows, opts));
  }

  /** Checks every row (one look-up of the batch's subjects); writes nothing. */
  async check(rows: readonly RawRow[], opts: BatchOptions & { kind: 'penalty' | 'licence' }): Promise<CheckedBatch> {
    const outcomes = new Map<number, RowOutcome>();
    const checked: Array<{ index: number; mapped: MappedRow; input: RecordCreditInformationInput; extras: RowExtras; agency: AgencyRow; item: IndexedItem; key: SubjectKey }> = [];
    const byUscc = new Map(this.agencies.all().flatMap((a) => (a.uscc ? [[a.uscc, a] as const] : [])));
    const defaults = new Map<string, string>();
    rows.forEach((raw, index) => {
      let mapped: MappedRow | undefined;
      try {
        mapped = mapRow(opts.kind, raw);
        checkRequired(opts.kind, mapped);
        const { input, extras } = toRecordInput(opts.kind, mapped);
        const agency = agencyOf(byUscc, extras.agencyUscc, opts.recorder);
        if (!input.itemCode) {
          input.itemCode = opts.itemCode ?? defaults.get(agency.code) ?? this.defaultItem(opts.kind, agency);
          defaults.set(agency.code, input.itemCode);
        }
        if (!input.severity && opts.severity && this.catalog.itemByCode(input.itemCode.trim())?.dishonesty) input.severity = opts.severity;
        const item = recordableItem(this.catalog, input.itemCode, agency);
        if (item.recordKind !== RECORD_KIND[opts.kind]) {
          throw problem('item', 'BAD_USER_INPUT', `item ${item.code} records ${item.recordKind}, not ${RECORD_KIND[opts.kind]}: this is a ${opts.kind} import`);
        }
        if (input.document && !input.document.issuer) input.document.issuer = agency.name;
        checked.push({ index, mapped, input, extras, agency, item, key: subjectKeyOf(input, opts.now) });
      } catch (err) {
        outcomes.set(index, rejection(opts.kind, raw.row, mapped, err));
      }
    });
    const subjects = await this.findSubjects(checked.map((c) => c.key));
    const candidates: Candidate[] = [];
    for (const c of checked) {
      try {
        const subject = subjects.get(this.subjectKeyText(c.key)) ?? (opts.registerSubjects ? this.newSubject(c.mapped, c.key, c.extras, opts.now) : undefined);
        if (!subject) throw subjectNotFound(c.key);
        checkSubjectKind(c.item, subject.kind);
        if (c.extras.subjectCategory && c.extras.subjectCategory !== subject.kind) {
          throw problem('subject.category', 'BAD_USER_INPUT', `the row says ${c.extras.subjectCategory}; the registered subject is ${subject.kind}`);
        }
        const derived = c.item.dishonesty && !c.input.severity ? this.deriveSeverity(c.input, subject.kind) : undefined;
        const input = { ...c.input, severity: derived?.severity ?? c.input.severity, statedPublicationEnd: c.extras.statedPublicationEnd ?? null };
        const context = draftContext(this.catalog.bundle, subjectFacts(subject.kind, c.key.idNumber, opts.now), this.agencies);
        const draft = draftRecord(input, c.item, context, opts.now);
        candidates.push({ index: c.index, mapped: c.mapped, item: c.item, agency: c.agency, subjectId: subject.id, draft, derived, newSubject: 'row' in subject ? subject.row : undefined });
      } catch (err) {
        outcomes.set(c.index, rejection(opts.kind, rows[c.index]!.row, c.mapped, err));
      }
    }
    return { size: rows.length, outcomes, candidates, opts };
  }

  /** Writes the checked rows in one transaction (rolled back again on a dry run). */
  async commit(batch: CheckedBatch): Promise<RowOutcome[]> {
    const { outcomes, candidates, opts } = batch;
    if (candidates.length) {
      try {
        await this.db.transaction(async (tx) => {
          const written = await this.write(tx, candidates, opts.kind, opts.official);
          if (opts.dryRun) throw new DryRunRollback(written);
          written.forEach((o, i) => outcomes.set(i, o));
        });
      } catch (err) {
        if (!(err instanceof DryRunRollback)) throw err;
        err.outcomes.forEach((o, i) => outcomes.set(i, o));
      }
    }
    return Array.from({ length: batch.size }, (_, i) => outcomes.get(i)!);
  }

  /**
   * A subject drafted from the row's respondent columns, checked as a register row would be; its
   * id comes when the batch writes it (ImportRepo look-ups find it from then on).
   */
  private newSubject(mapped: MappedRow, key: SubjectKey, extras: RowExtras, now: Date): { id: number; kind: string; row: SubjectRow } {
    const v = (t: Target) => mapped.values.get(t);
    let draft: SubjectDraft;
    try {
      draft = draftSubject({
        uscc: key.uscc, idNumber: key.idNumber, name: v('subject.name'), category: extras.subjectCategory, legalRepresentative: v('field.legalRepresentative'),
      }, now);
    } catch (err) {
      // The register's targets, in the words of this file's columns.
      if (err instanceof RowProblem) throw new RowProblem(SUBJECT_TARGETS[err.target] ?? err.target, err.error);
      throw err;
    }
    return { id: NEW_SUBJECT, kind: draft.kind, row: this.registers.subjectRow(draft) };
  }

  /**
   * 失信严重程度 of a penalty row that states none (and no --severity): what the criteria of the
   * regime in force on its decision date give its 处罚类别, 罚款金额 and sector. A regime without
   * criteria derives nothing, and the row is refused asking for the column.
   */
  private deriveSeverity(input: RecordCreditInformationInput, subjectKind: string): DerivedSeverity | undefined {
    const fields = fieldGroupsOf(input).find(([kind]) => kind === 'PENALTY')?.[1] as Record<string, unknown> | undefined;
    // A decision date that is no date is draftRecord's to name, not a missing severity.
    if (!fields || !isDateText(input.decisionDate)) return undefined;
    const regime = regimeOn(this.catalog.bundle.regimes, input.decisionDate);
    if (!regime) return undefined; // draftRecord names the missing regime
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
    const penaltyCategory = text(fields.penaltyCategory);
    const serious = specificSeriousOf(regime, { severity: 'SERIOUS', penaltyCategory, sector: input.sector ?? null, named: null });
    const derived = deriveSeverity(regime.severityCriteria, regime.code, {
      subjectKind: subjectKind as SubjectKind, penaltyCategory, fineAmount: text(fields.fineAmount),
    }, serious && 'ground' in serious ? `特定严重失信：${serious.ground}` : undefined);
    if (!derived) {
      throw appError('BAD_USER_INPUT', `give 失信严重程度 (or --severity): regime ${regime.code} has no criteria to derive it from the penalty`, { field: 'severity' });
    }
    return derived;
  }

  /** The one item of this kind that the agency's system provides and records directly. */
  private defaultItem(kind: 'penalty' | 'licence', agency: AgencyRow): string {
    const items = this.catalog.itemsInForce().filter((i) => i.recordKind === RECORD_KIND[kind] && i.provider === agency.system);
    if (items.length === 1) return items[0]!.code;
    throw problem('item', 'BAD_USER_INPUT', items.length
      ? `the ${agency.system} system provides ${items.length} ${kind} items (${items.map((i) => i.code).join(', ')}): name one in 目录项编码 or --item`
      : `no ${kind} item of the catalog in force is provided by the ${agency.system} system (agency ${agency.code}); check --department or 目录项编码`);
  }

  private subjectKeyText(key: SubjectKey): string {
    return key.uscc !== undefined ? `u:${key.uscc}` : `h:${this.vault.lookupHash(key.idNumber).toString('hex')}`;
  }

  private async findSubjects(keys: readonly SubjectKey[]): Promise<Map<string, SubjectHit>> {
    const repo = new ImportRepo(this.db);
    const usccs = [...new Set(keys.flatMap((k) => (k.uscc !== undefined ? [k.uscc] : [])))];
    const hashes = [...new Set(keys.flatMap((k) => (k.idNumber !== undefined ? [this.subjectKeyText(k).slice(2)] : [])))];
    const [byCode, byHash] = await Promise.all([repo.subjectsByUscc(usccs), repo.subjectsByIdHash(hashes)]);
    return new Map([
      ...byCode.map((s) => [`u:${s.uscc}`, s] as const),
      ...byHash.map((s) => [`h:${s.idNumberHash}`, s] as const),
    ]);
  }

  /**
   * Writes the subjects the ready rows register (the first row naming one registers it) and gives
   * every such row its id; a subject registered meanwhile by another writer is found instead.
   */
  private async registerNewSubjects(tx: Tx, ready: readonly Candidate[]): Promise<void> {
    const waiting = ready.filter((c) => c.newSubject);
    if (waiting.length === 0) return;
    const keyOf = (r: { uscc: string | null; idNumberHash: string | null }) => (r.uscc !== null ? `u:${r.uscc}` : `h:${r.idNumberHash}`);
    const first = new Map<string, Candidate>();
    for (const c of waiting) if (!first.has(keyOf(c.newSubject!))) first.set(keyOf(c.newSubject!), c);
    const registers = new RegisterRepo(tx);
    const inserted = new Map((await registers.insertSubjects([...first.values()].map((c) => c.newSubject!))).map((s) => [keyOf(s), s.id]));
    const missing = [...first.keys()].filter((k) => !inserted.has(k));
    const found = new Map((await registers.subjects(
      missing.flatMap((k) => (k.startsWith('u:') ? [k.slice(2)] : [])), missing.flatMap((k) => (k.startsWith('h:') ? [k.slice(2)] : [])),
    )).map((s) => [keyOf(s), s.id]));
    for (const c of waiting) {
      const key = keyOf(c.newSubject!);
      c.subjectId = inserted.get(key) ?? found.get(key)!;
      if (inserted.has(key) && first.get(key) === c) this.registered.add(c);
    }
  }

  /** Candidates whose row registered its subject (read by write() for the outcomes). */
  private readonly registered = new WeakSet<Candidate>();

  /** Writes the candidates; outcomes by row index. */
  private async write(tx: Tx, candidates: readonly Candidate[], kind: ImportKind, official: string): Promise<Map<number, RowOutcome>> {
    const repo = new ImportRepo(tx);
    const outcomes = new Map<number, RowOutcome>();
    const reject = (c: Candidate, err: unknown) => outcomes.set(c.index, rejection(kind, c.mapped.row, c.mapped, err));
    // Records without a document have no unique key in the table: serialise their importers.
    await repo.lockAgencies(candidates.filter((c) => !c.draft.document).map((c) => c.agency.code));

    // Documents: register the new ones, then check each row's against what is registered.
    const firstOfDoc = new Map<string, Candidate>();
    for (const c of candidates) {
      const d = c.draft.document;
      if (d && !firstOfDoc.has(docKey(d.issuer, d.number))) firstOfDoc.set(docKey(d.issuer, d.number), c);
    }
    const docs = new Map<string, DocumentHit & { fresh: boolean }>(
      (await repo.upsertDocuments([...firstOfDoc.values()].map((c) => documentRowOf(c.draft.document!, c.agency))))
        .map((d) => [docKey(d.issuerName, d.number), d]),
    );
    const ready: Array<{ c: Candidate; doc: (DocumentHit & { fresh: boolean }) | null }> = [];
    for (const c of candidates) {
      const d = c.draft.document;
      const doc = d ? docs.get(docKey(d.issuer, d.number))! : null;
      const conflict = d && doc ? documentConflict(doc, d) : undefined;
      if (conflict) reject(c, conflict);
      else ready.push({ c, doc });
    }
    await this.registerNewSubjects(tx, ready.map((r) => r.c));

    // Records already there, by natural key.
    const keyOf = (c: Candidate, doc: DocumentHit | null) => (doc
      ? `d:${c.item.id}:${doc.id}:${c.subjectId}`
      : `o:${c.item.id}:${c.subjectId}:${c.agency.code}:${c.draft.decisionDate}:${ownDocumentNumber(c.draft) ?? ''}`);
    const storedKey = (r: StoredRecord) => (r.legalDocumentId !== null
      ? `d:${r.catalogItemId}:${r.legalDocumentId}:${r.subjectId}`
      : `o:${r.catalogItemId}:${r.subjectId}:${r.agencyCode}:${r.decisionDate}:${r.ownNumber ?? ''}`);
    const [byDoc, byOwn] = await Promise.all([
      repo.recordsByDocument(ready.filter((r) => r.doc && !r.doc.fresh).map(({ c, doc }) => ({ itemId: c.item.id, documentId: doc!.id, subjectId: c.subjectId }))),
      repo.recordsByOwnNumber(ready.filter((r) => !r.doc).map(({ c }) => ({
        itemId: c.item.id, subjectId: c.subjectId, agencyCode: c.agency.code, decisionDate: c.draft.decisionDate, ownNumber: ownDocumentNumber(c.draft),
      }))),
    ]);
    const existing = new Map<string, StoredRecordFacts & { id?: number }>([...byDoc, ...byOwn].map((r) => [storedKey(r), r]));

    // Compare with what exists (or an earlier row of this batch); insert the rest at once.
    const toInsert: Array<{ c: Candidate; key: string; row: NewCreditRecord }> = [];
    const repeats: Array<{ c: Candidate; key: string }> = [];
    for (const { c, doc } of ready) {
      const key = keyOf(c, doc);
      const before = existing.get(key);
      if (before) {
        const conflict = recordConflict(before, c.draft, c.agency.code, this.vault);
        if (conflict) reject(c, conflict);
        else if (before.id === undefined) repeats.push({ c, key }); // an earlier row of this batch
        else outcomes.set(c.index, { row: c.mapped.row, status: 'UNCHANGED', recordId: before.id, ...noteOf(c, this.registered) });
        continue;
      }
      const row = newRecordRow(c.item, c.subjectId, c.agency.code, c.draft, doc, this.vault, official);
      existing.set(key, { ...row, severity: row.severity ?? null, leniencyGround: row.leniencyGround ?? null, status: 'ACTIVE', decisionDate: row.decisionDate });
      toInsert.push({ c, key, row });
    }
    const inserted = new Map((await repo.insertRecords(toInsert.map((t) => t.row))).map((r) => [storedKey(r), r]));
    const raced = toInsert.filter((t) => !inserted.has(t.key));
    const racedRows = new Map((await repo.recordsByDocument(raced.map(({ row }) => ({
      itemId: row.catalogItemId, documentId: row.legalDocumentId!, subjectId: row.subjectId,
    })))).map((r) => [storedKey(r), r]));
    for (const { c, key } of toInsert) {
      const mine = inserted.get(key);
      if (mine) {
        outcomes.set(c.index, { row: c.mapped.row, status: 'WRITTEN', recordId: mine.id, ...noteOf(c, this.registered) });
        continue;
      }
      // Inserted by a concurrent writer between our look-up and our insert: compare as existing.
      const theirs = racedRows.get(key);
      if (!theirs) throw appError('INTERNAL_SERVER_ERROR', `row ${c.mapped.row}: the record was neither inserted nor found`);
      const conflict = recordConflict(theirs, c.draft, c.agency.code, this.vault);
      if (conflict) reject(c, conflict);
      else outcomes.set(c.index, { row: c.mapped.row, status: 'UNCHANGED', recordId: theirs.id, ...noteOf(c, this.registered) });
    }
    // A row repeating an earlier row of the same batch: the record that row wrote (or found).
    for (const { c, key } of repeats) {
      const id = inserted.get(key)?.id ?? racedRows.get(key)?.id;
      outcomes.set(c.index, { row: c.mapped.row, status: 'UNCHANGED', recordId: id, ...noteOf(c, this.registered) });
    }
    return outcomes;
  }
}

/** What an outcome says beside its status: the severity derived for the row. */
const noteOf = (c: Candidate, registered: WeakSet<Candidate>): Partial<RowOutcome> => ({
  ...(c.derived ? { derivedSeverity: c.derived } : {}),
  ...(registered.has(c) ? { registeredSubject: c.newSubject!.uscc ?? '自然人' } : {}),
});

/** A subject this batch registers has no id until written. */
const NEW_SUBJECT = -1;

/** Register-row targets → the 双公示 columns that fed them, for rejections. */
const SUBJECT_TARGETS: Readonly<Record<string, string>> = {
  uscc: 'subject.uscc', idNumber: 'subject.idNumber', name: 'subject.name', category: 'subject.category', legalRepresentative: 'field.legalRepresentative',
};

const isDateText = (text: string) => {
  try {
    checkDateText('decisionDate', text);
    return true;
  } catch {
    return false;
  }
};

const docKey = (issuer: string, number: string) => `${issuer}\u0000${number}`;

/** The agency a row is recorded by: the one it names by USCC, which must be the recorder if there is one. */
function agencyOf(byUscc: ReadonlyMap<string, AgencyRow>, usccText: string | undefined, recorder: AgencyRow | undefined): AgencyRow {
  if (usccText === undefined) {
    if (recorder) return recorder;
    throw problem('agency.uscc', 'BAD_USER_INPUT', 'name the recording agency: --department <agency code>, or its 统一社会信用代码 in the row (处罚机关/许可机关统一社会信用代码)');
  }
  const check = validateUscc(usccText);
  if (!check.ok) throw problem('agency.uscc', 'INVALID_USCC', `the agency's ${check.message}`);
  const agency = byUscc.get(check.code);
  if (recorder && agency?.code !== recorder.code) {
    const named = agency ? `${agency.code} (${agency.name})` : `${check.code}`;
    throw problem('agency.uscc', 'FORBIDDEN', `the row names agency ${named}, not the recording department ${recorder.code}; a department records its own decisions`);
  }
  if (!agency) throw problem('agency.uscc', 'NOT_FOUND', `no agency with unified social credit code ${check.code} is registered`);
  return agency;
}

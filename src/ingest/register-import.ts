/**
 * Imports registers — subjects (the market-regulation and person registers) and agencies — with
 * the run, report and outcomes of record imports: each row checked (subject-register.ts,
 * agency-register.ts), each batch written in one transaction, rejected rows reported with their
 * column, code and reason.
 *
 * Idempotent: a row whose subject (by USCC or ID-number hash) or agency (by code) is registered
 * with the same facts is UNCHANGED; with newer register facts (name, status, address…) the stored
 * one is brought up to date (WRITTEN) — the register is the source of those facts — while a fact
 * the row leaves blank is kept as stored (a partial export erases nothing); a row that
 * would change what the subject or agency is (its kind, an agency's system, level or region) is a
 * CONFLICT. With an acting agency (the GraphQL path), each row must be within its powers
 * (src/policy/powers.ts: mayRegisterSubject, mayRegisterAgency).
 */
import type { CatalogIndex } from '../catalog/catalog.index';
import type { Db } from '../db/database';
import { AppError, appError } from '../errors';
import type { IdNumberVault } from '../identifiers';
import type { AgencyRow } from '../modules/agency/agency.repo';
import { mayRegisterAgency, mayRegisterSubject } from '../policy/powers';
import { draftAgency } from './agency-register';
import { lookupRegisterHeader, registerLabel, type RegisterKind, type RegisterTarget } from './register-columns';
import { RegisterRepo, type AgencyRowIn, type StoredSubject, type SubjectRow } from './register.repo';
import { problem, RowProblem } from './row-mapping';
import { reasonFor, type RowOutcome } from './row-outcome';
import type { RawRow } from './row-source';
import { draftSubject, REGISTER_FACTS, type SubjectDraft, type SubjectValues } from './subject-register';

export interface RegisterBatchOptions {
  readonly kind: RegisterKind;
  /** The agency acting (a token's); undefined for `npm run import`, run by the operator. */
  readonly actor?: AgencyRow;
  readonly now: Date;
  readonly dryRun?: boolean;
}

interface Mapped { readonly row: number; readonly values: Map<RegisterTarget, string>; readonly columns: Map<RegisterTarget, string> }

class DryRunRollback extends Error {}

/** The cells of a register row by target; a column the register does not have is a problem. */
function mapRegisterRow(kind: RegisterKind, raw: RawRow): Mapped {
  if (raw.unreadable !== undefined) throw problem('row', 'BAD_USER_INPUT', raw.unreadable);
  const values = new Map<RegisterTarget, string>();
  const columns = new Map<RegisterTarget, string>();
  for (const [header, cell] of Object.entries(raw.values ?? {})) {
    const column = lookupRegisterHeader(kind, header);
    if (!column) throw problem(header, 'BAD_USER_INPUT', `column ${header} is not a column of the ${kind} register this import reads (see README, Bulk import)`);
    if (column.to === 'ignored') continue;
    if (cell !== null && cell !== undefined && typeof cell !== 'string' && typeof cell !== 'number') {
      throw problem(header, 'BAD_USER_INPUT', `column ${header}: give a string or a number, got ${JSON.stringify(cell)}`);
    }
    columns.set(column.to, header);
    const text = cell === null || cell === undefined ? '' : String(cell).trim();
    if (text !== '') values.set(column.to, text);
  }
  return { row: raw.row, values, columns };
}

/** Reasons that differ from a record's: what a register row conflicts with, who may register. */
const REGISTER_REASONS: Readonly<Partial<Record<string, string>>> = {
  CONFLICT: '与已登记的主体或机关不一致（主体类别，机关的系统、层级、类别、区划不由导入变更），或同一文件对同一主体给出不同事实',
  FORBIDDEN: '无权登记：主体由目录中登记注册信息的提供部门在其辖区内登记，机关由所在地区的信用平台登记',
};

/** The REJECTED outcome of a register row. */
export function registerRejection(kind: RegisterKind, rowNumber: number, mapped: Mapped | undefined, err: unknown): RowOutcome {
  const target = err instanceof RowProblem ? err.target : 'row';
  const error = err instanceof RowProblem ? err.error : err;
  if (!(error instanceof AppError)) throw err;
  const field = target === 'row' ? '（整行）' : mapped?.columns.get(target as RegisterTarget) ?? registerLabel(kind, target as RegisterTarget);
  return { row: rowNumber, status: 'REJECTED', field, code: error.code, reason: REGISTER_REASONS[error.code] ?? reasonFor(error, target), detail: error.message };
}

const same = (a: unknown, b: unknown) => (a === null || a === undefined || a === '' ? null : String(a)) === (b === null || b === undefined || b === '' ? null : String(b));
const sameCapital = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

/** Does the stored subject already hold every fact the row gives? A fact the row leaves blank is kept as stored. */
function sameFacts(stored: StoredSubject, d: SubjectRow): boolean {
  return REGISTER_FACTS.every((k) => d[k] === null || (k === 'registeredCapital' ? sameCapital(stored.registeredCapital, d.registeredCapital) : same(stored[k], d[k])));
}

export class RegisterImporter {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    /** Systems an agency row may name beyond the catalog's: the registry's own. */
    private readonly registeredSystems: () => Iterable<string>,
  ) {}

  /** The subject row as written: the number sealed by the vault, never kept in clear. */
  subjectRow(d: SubjectDraft): SubjectRow {
    const { idNumber, ...facts } = d;
    return {
      ...facts,
      idNumberHash: idNumber === null ? null : this.vault.lookupHash(idNumber).toString('hex'),
      idNumberCipher: idNumber === null ? null : this.vault.encrypt(idNumber).toString('base64'),
    };
  }

  async check(rows: readonly RawRow[], opts: RegisterBatchOptions): Promise<{ commit(): Promise<RowOutcome[]> }> {
    return opts.kind === 'subject' ? this.checkSubjects(rows, opts) : this.checkAgencies(rows, opts);
  }

  private async checkSubjects(rows: readonly RawRow[], opts: RegisterBatchOptions) {
    const outcomes = new Map<number, RowOutcome>();
    const drafts: Array<{ index: number; mapped: Mapped; row: SubjectRow; kind: string }> = [];
    rows.forEach((raw, index) => {
      let mapped: Mapped | undefined;
      try {
        mapped = mapRegisterRow('subject', raw);
        const v = Object.fromEntries(mapped.values) as SubjectValues;
        const draft = draftSubject({ ...v, category: v.entityType }, opts.now);
        if (opts.actor) {
          const decision = mayRegisterSubject(opts.actor, draft, this.catalog.registrationItem(draft.kind)?.provider);
          if (!decision.ok) throw problem(draft.uscc ? 'uscc' : 'idNumber', 'FORBIDDEN', decision.reason);
        }
        drafts.push({ index, mapped, row: this.subjectRow(draft), kind: draft.kind });
      } catch (err) {
        outcomes.set(index, registerRejection('subject', raw.row, mapped, err));
      }
    });
    return { commit: () => this.commitSubjects(rows.length, outcomes, drafts, opts) };
  }

  private async commitSubjects(size: number, outcomes: Map<number, RowOutcome>, drafts: Array<{ index: number; mapped: Mapped; row: SubjectRow }>, opts: RegisterBatchOptions) {
    const keyOf = (r: { uscc: string | null; idNumberHash: string | null }) => (r.uscc !== null ? `u:${r.uscc}` : `h:${r.idNumberHash}`);
    const written = new Map<number, RowOutcome>();
    try {
      await this.db.transaction(async (tx) => {
        const repo = new RegisterRepo(tx);
        const stored = new Map((await repo.subjects(
          drafts.flatMap((d) => (d.row.uscc ? [d.row.uscc] : [])), drafts.flatMap((d) => (d.row.idNumberHash ? [d.row.idNumberHash] : [])),
        )).map((s) => [keyOf(s), s]));
        const fresh = new Map<string, (typeof drafts)[number]>();
        const changed = new Map<string, SubjectRow & { id: number }>();
        const later: Array<(typeof drafts)[number]> = [];
        for (const d of drafts) {
          const key = keyOf(d.row);
          const before = stored.get(key);
          const earlier = fresh.get(key) ?? later.find((x) => keyOf(x.row) === key);
          if (earlier) {
            // The file names the subject again: the same facts are a repeat, others a contradiction.
            if (REGISTER_FACTS.every((k) => same(earlier.row[k], d.row[k])) && earlier.row.kind === d.row.kind) later.push(d);
            else written.set(d.index, registerRejection('subject', d.mapped.row, d.mapped, appError('CONFLICT', `row ${earlier.mapped.row} of this file registers the same subject with other facts`)));
            continue;
          }
          if (!before) { fresh.set(key, d); continue; }
          if (before.kind !== d.row.kind) {
            written.set(d.index, registerRejection('subject', d.mapped.row, d.mapped, problem(d.row.uscc ? 'uscc' : 'idNumber', 'CONFLICT', `the subject is registered as ${before.kind}; the row describes ${d.row.kind}`)));
            continue;
          }
          if (sameFacts(before, d.row)) written.set(d.index, { row: d.mapped.row, status: 'UNCHANGED', recordId: before.id });
          else {
            changed.set(key, { ...d.row, id: before.id });
            written.set(d.index, { row: d.mapped.row, status: 'WRITTEN', recordId: before.id });
          }
          later.push(d);
        }
        const inserted = new Map((await repo.insertSubjects([...fresh.values()].map((d) => d.row))).map((s) => [keyOf(s), s.id]));
        await repo.updateSubjects([...changed.values()]);
        const raced = [...fresh.keys()].filter((k) => !inserted.has(k));
        const racedIds = new Map((await repo.subjects(
          raced.flatMap((k) => (k.startsWith('u:') ? [k.slice(2)] : [])), raced.flatMap((k) => (k.startsWith('h:') ? [k.slice(2)] : [])),
        )).map((s) => [keyOf(s), s.id]));
        for (const [key, d] of fresh) {
          const id = inserted.get(key);
          written.set(d.index, id !== undefined ? { row: d.mapped.row, status: 'WRITTEN', recordId: id } : { row: d.mapped.row, status: 'UNCHANGED', recordId: racedIds.get(key) });
        }
        for (const d of later) {
          if (written.has(d.index)) continue;
          const key = keyOf(d.row);
          written.set(d.index, { row: d.mapped.row, status: 'UNCHANGED', recordId: inserted.get(key) ?? stored.get(key)?.id ?? racedIds.get(key) });
        }
        if (opts.dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    written.forEach((o, i) => outcomes.set(i, o));
    return Array.from({ length: size }, (_, i) => outcomes.get(i)!);
  }

  /** Systems an agency may belong to: catalog providers, measure implementers, the registry's. */
  private knownSystems(): Set<string> {
    const systems = new Set<string>(this.registeredSystems());
    for (const item of this.catalog.allItems()) systems.add(item.provider);
    for (const list of this.catalog.bundle.measureImplementers.values()) for (const s of list) systems.add(s);
    return systems;
  }

  private async checkAgencies(rows: readonly RawRow[], opts: RegisterBatchOptions) {
    const outcomes = new Map<number, RowOutcome>();
    const drafts: Array<{ index: number; mapped: Mapped; row: AgencyRowIn }> = [];
    const systems = this.knownSystems();
    rows.forEach((raw, index) => {
      let mapped: Mapped | undefined;
      try {
        mapped = mapRegisterRow('agency', raw);
        const row = draftAgency(Object.fromEntries(mapped.values), systems);
        if (opts.actor) {
          const decision = mayRegisterAgency(opts.actor, row);
          if (!decision.ok) throw problem('regionCode', 'FORBIDDEN', decision.reason);
        }
        drafts.push({ index, mapped, row });
      } catch (err) {
        outcomes.set(index, registerRejection('agency', raw.row, mapped, err));
      }
    });
    return { commit: () => this.commitAgencies(rows.length, outcomes, drafts, opts) };
  }

  private async commitAgencies(size: number, outcomes: Map<number, RowOutcome>, drafts: Array<{ index: number; mapped: Mapped; row: AgencyRowIn }>, opts: RegisterBatchOptions) {
    const written = new Map<number, RowOutcome>();
    try {
      await this.db.transaction(async (tx) => {
        const repo = new RegisterRepo(tx);
        const all = await repo.agencies();
        const byCode = new Map(all.map((a) => [a.code, a]));
        const byUscc = new Map(all.flatMap((a) => (a.uscc ? [[a.uscc, a.code] as const] : [])));
        const upsert: AgencyRowIn[] = [];
        for (const d of drafts) {
          const before = byCode.get(d.row.code);
          const reject = (target: string, message: string) => written.set(d.index, registerRejection('agency', d.mapped.row, d.mapped, problem(target, 'CONFLICT', message)));
          const holder = d.row.uscc ? byUscc.get(d.row.uscc) : undefined;
          if (holder !== undefined && holder !== d.row.code) { reject('uscc', `统一社会信用代码 ${d.row.uscc} is already registered for agency ${holder}`); continue; }
          if (before && (before.system !== d.row.system || before.level !== d.row.level || before.kind !== d.row.kind || before.regionCode !== d.row.regionCode)) {
            reject('system', `agency ${d.row.code} is registered as ${before.kind} ${before.level} of ${before.system} at ${before.regionCode}: its records, powers and jurisdiction rest on that; register the changed body under a new code`);
            continue;
          }
          // A blank 统一社会信用代码 keeps the registered one.
          if (before && before.name === d.row.name && (d.row.uscc === null || before.uscc === d.row.uscc)) { written.set(d.index, { row: d.mapped.row, status: 'UNCHANGED' }); continue; }
          upsert.push(d.row);
          byCode.set(d.row.code, d.row);
          if (d.row.uscc) byUscc.set(d.row.uscc, d.row.code);
          written.set(d.index, { row: d.mapped.row, status: 'WRITTEN' });
        }
        await repo.upsertAgencies(upsert);
        if (opts.dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    written.forEach((o, i) => outcomes.set(i, o));
    return Array.from({ length: size }, (_, i) => outcomes.get(i)!);
  }
}

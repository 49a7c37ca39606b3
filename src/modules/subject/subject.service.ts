/**
 * SubjectService: finding subjects and presenting their registration information under the
 * disclosure policy of the catalog's registration item for the subject's kind.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import { validateResidentId, validateUscc, type IdNumberVault } from '../../identifiers';
import type { ConsentService } from '../consent/consent.service';
import { keysetPage, paginate, seekAfter, type Page, type PageArgs } from '../../graphql/connection';
import { withDisclosure } from '../../policy/decision';
import type { RecordFacts } from '../../policy/record-gate';
import type { PersonLookupBudget } from './person-lookup-budget';
import type { SubjectRow } from './subject.repo';
import type { UnitOfWork } from '../unit-of-work';
import { Subject } from './subject.type';

/**
 * How subject rows are read by checked codes: by default alone (SubjectRepo); a caller that will
 * read their records too may read them in the same statement.
 */
export type FindSubjects = (usccs: readonly string[]) => Promise<SubjectRow[]>;

const MAX_BATCH = 100;
/** Matches a name search considers and counts (see SubjectRepo.searchByName). */
export const SEARCH_COUNT_CAP = 1_000;
const SEARCHABLE = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS'] as const;

export class SubjectService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
    private readonly consents: ConsentService,
    private readonly lookupBudget: PersonLookupBudget,
  ) {}

  /**
   * The subject with this USCC as the viewer may see it; null when absent or not visible.
   * `find`: how the row is read once the code is checked (FindSubjects).
   */
  async lookupByUscc(ctx: Caller, code: string, find?: FindSubjects): Promise<Subject | null> {
    const check = validateUscc(code);
    if (!check.ok) throw appError('INVALID_USCC', check.message, { reason: check.reason });
    const row = find ? (await find([check.code]))[0] : await this.work.repos.subjects.findByUscc(check.code);
    return row ? this.presentLoaded(ctx, [row]).then(([s]) => s ?? null) : null;
  }

  /**
   * A natural person by resident ID number (exact match on its HMAC; the number itself is
   * never stored or logged). Found only by a caller with a right to the person (the person
   * themself; an agency that may see their data beyond what is published — providing
   * capacity, or sharing for its purpose with the person's consent where the purpose rests on
   * it). Anyone else gets exactly what an unknown number gets: null, after the same queries.
   * Every lookup by a token holder, hit or miss, is access-logged and counts against the
   * token's daily budget of distinct numbers.
   */
  async lookupByIdNumber(ctx: Caller, idNumber: string): Promise<Subject | null> {
    const check = validateResidentId(idNumber, ctx.now);
    if (!check.ok) throw appError('INVALID_ID_NUMBER', check.message, { reason: check.reason });
    const hash = this.vault.lookupHash(check.number).toString('hex');
    const { principal } = ctx;
    this.lookupBudget.spend(`${principal.role}|${principal.agencyCode ?? principal.subjectId ?? ''}|${principal.id}`, ctx.policy.viewer.today, hash);
    const row = await this.work.repos.subjects.findByIdNumberHash(hash);
    // The same consent query whether or not the number is known (subject 0 exists for nobody).
    await this.consents.ensureLoaded(ctx, [row?.id ?? 0]);
    const entitled = row !== undefined && ctx.policy.seesBeyondPublication({ id: row.id, kind: row.kind, regionCode: row.regionCode }, this.catalog.itemsInForce());
    ctx.accessBuffer?.lookup({
      subjectId: row?.id ?? null,
      // A keyed hash's prefix lets auditors see repeated tries of one number without the number.
      fieldPath: `naturalPerson(idNumber#${hash.slice(0, 16)})`,
      decision: entitled ? 'ALLOW' : 'DENY',
      reason: entitled ? 'PERSON_FOUND' : row ? 'NO_RIGHT_TO_PERSON' : 'NO_SUCH_PERSON',
    });
    return entitled ? this.present(ctx, row) : null;
  }

  /**
   * The signed-in subject itself (a SUBJECT token or session): what 我的信用 starts from, since
   * a person's portal knows neither its ID number nor, for a company, needs to type its code.
   * Null for a SUBJECT of whom nothing is held.
   */
  async own(ctx: Caller): Promise<Subject | null> {
    const id = ctx.principal.role === 'SUBJECT' ? ctx.principal.subjectId : undefined;
    if (id === undefined) throw appError('FORBIDDEN', 'mySubject is the signed-in subject\'s own: sign in, or use a token bound to the subject');
    const [row] = await this.work.repos.subjects.findByIds([id]);
    return row ? this.presentLoaded(ctx, [row]).then(([s]) => s ?? null) : null;
  }

  /** Loads what the policy needs for these rows (consents), then presents each. */
  private async presentLoaded(ctx: Caller, rows: readonly SubjectRow[]): Promise<Array<Subject | null>> {
    await this.consents.ensureLoaded(ctx, rows.map((r) => r.id));
    return rows.map((r) => this.present(ctx, r));
  }

  /**
   * Many subjects by USCC, in the order asked, one statement for the batch. Each position
   * answers alone: the subject, null where absent or not visible, or — for a malformed code —
   * the INVALID_USCC error itself, which GraphQL reports at that position (`subjectsByCodes.i`)
   * while the other positions answer. Only a batch over the limit fails as a whole.
   */
  async lookupManyByUscc(ctx: Caller, codes: readonly string[], find: FindSubjects = (usccs) => this.work.repos.subjects.findByUsccs([...usccs])): Promise<Array<Subject | null | Error>> {
    if (codes.length > MAX_BATCH) {
      throw appError('BAD_USER_INPUT', `codes: at most ${MAX_BATCH} codes per request, got ${codes.length}; split the batch`);
    }
    const checked = codes.map((code, i) => {
      const check = validateUscc(code);
      return check.ok ? check.code : appError('INVALID_USCC', `codes[${i}]: ${check.message}`, { reason: check.reason, index: i });
    });
    const valid = checked.filter((c): c is string => typeof c === 'string');
    const rows = valid.length > 0 ? await find([...new Set(valid)]) : [];
    const presented = await this.presentLoaded(ctx, rows);
    const byCode = new Map(rows.map((r, i) => [r.uscc!, presented[i] ?? null]));
    return checked.map((c) => (typeof c === 'string' ? (byCode.get(c) ?? null) : c));
  }

  /**
   * Search by name (or an exact code). Only kinds whose registration information the viewer
   * may see are searched, so results and counts never include a subject that would then be
   * withheld; natural persons are never found by name (only by ID number, where lawful).
   */
  async search(ctx: Caller, keyword: string, page: PageArgs): Promise<Page<Subject>> {
    const k = keyword.trim();
    if ([...k].length < 2 || [...k].length > 50) {
      throw appError('BAD_USER_INPUT', 'keyword: give 2 to 50 characters of a name, or a full unified social credit code');
    }
    const code = validateUscc(k);
    if (code.ok) {
      const found = await this.lookupByUscc(ctx, code.code);
      // A list of one at most: its one key is total.
      return paginate(`search:${code.code}`, found ? [found] : [], { types: ['int'], direction: 'asc', keyOf: () => [0] }, page);
    }
    const kinds = SEARCHABLE.filter((kind) => {
      const item = this.catalog.registrationItem(kind);
      return item !== undefined && ctx.policy.gate(item, kind, false).open;
    });
    // The cursor holds a match's sort key (with its subject id), sealed and bound to this search.
    const list = `search:${JSON.stringify([k, kinds])}`;
    const seek = seekAfter(list, ['int', 'int', 'int', 'int'], page);
    const { rows, total, through } = await this.work.repos.subjects.searchByName(k, kinds, seek, SEARCH_COUNT_CAP);
    const nodes = rows.slice(0, page.first).map(({ row }) => this.present(ctx, row));
    return keysetPage({ list, seek, rows, keyOf: (r) => r.key, nodes, totalCount: total, throughAfter: through });
  }

  /**
   * Applies the policy. A subject is reported as absent unless the viewer may see its
   * registration information or records of at least one item about subjects of its kind —
   * so the public cannot even learn that a natural person is recorded, while a partner that
   * may receive a person's penalties (but not their registration) still reaches them.
   */
  present(ctx: Caller, row: SubjectRow): Subject | null {
    const item = this.catalog.registrationItem(row.kind);
    if (!item) return null;
    const facts: RecordFacts = {
      subjectId: row.id,
      // Registration information is not recorded by a credit agency: no providing-capacity tier takes it.
      agencyCode: '',
      subjectRegion: row.regionCode,
      subjectKind: row.kind,
      status: 'ACTIVE',
      repairTreatment: null,
      decisionDate: null,
      // Registration information is published while the registration exists (WHILE_VALID).
      publishFrom: row.establishedOn ?? '0001-01-01',
      publishUntil: null,
    };
    const disclosure = ctx.policy.decide(item, facts);
    if (!disclosure.visible && !this.anyRecordsVisible(ctx, row)) return null;
    return withDisclosure(this.view(row), disclosure);
  }

  /** Could the viewer see records of some item about this subject, beside its registration (the policy decides)? */
  private anyRecordsVisible(ctx: Caller, row: SubjectRow): boolean {
    return ctx.policy.mayShowRecordsOf(row.id, row.kind, this.catalog.itemsInForce());
  }

  /** The GraphQL shape; ID numbers are decrypted only if a disclosed field is actually read. */
  private view(row: SubjectRow): Subject {
    const vault = this.vault;
    // An instance, not a plain object: type-graphql passes instances of the type to field
    // resolvers as they are, but rebuilds plain objects — which would drop the decision.
    const subject = Object.assign(Object.create(Subject.prototype) as Subject, {
      uscc: row.uscc,
      name: row.name,
      subjectKind: row.kind,
      registeredRegion: row.regionCode,
      legalRepresentative: row.legalRepresentative,
      entityType: row.entityType,
      status: row.status,
      establishedOn: row.establishedOn,
      registeredCapital: row.registeredCapital,
      address: row.address,
      registrationAuthority: row.registrationAuthority,
      businessScope: row.businessScope,
      phone: row.phone,
    });
    Object.defineProperties(subject, {
      idNumber: { enumerable: true, get: () => (row.idNumberCipher ? vault.decrypt(Buffer.from(row.idNumberCipher, 'base64')) : null) },
      legalRepIdNumber: {
        enumerable: true,
        get: () => (row.legalRepIdCipher ? vault.decrypt(Buffer.from(row.legalRepIdCipher, 'base64')) : null),
      },
    });
    return subject;
  }
}

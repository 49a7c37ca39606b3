/**
 * SubjectService: finding subjects and presenting their registration information under the
 * disclosure policy of the catalog's registration item for the subject's kind.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import { validateUscc, type IdNumberVault } from '../../identifiers';
import { decodeOffset, pageAt, paginate, type Page, type PageArgs } from '../../graphql/connection';
import { withDisclosure } from '../../policy/decision';
import type { RecordFacts } from '../../policy/record-gate';
import type { SubjectRepo, SubjectRow } from './subject.repo';
import type { Subject } from './subject.type';

const MAX_BATCH = 100;
const SEARCH_COUNT_CAP = 10_000;
const SEARCHABLE = ['LEGAL_PERSON', 'INDIVIDUAL_BUSINESS'] as const;

export class SubjectService {
  constructor(
    private readonly repo: SubjectRepo,
    private readonly catalog: CatalogIndex,
    private readonly vault: IdNumberVault,
  ) {}

  /** The subject with this USCC as the viewer may see it; null when absent or not visible. */
  async lookupByUscc(ctx: RequestContext, code: string): Promise<Subject | null> {
    const check = validateUscc(code);
    if (!check.ok) throw appError('INVALID_USCC', check.message, { reason: check.reason });
    const row = await this.repo.findByUscc(check.code);
    return row ? this.present(ctx, row) : null;
  }

  /** Many subjects by USCC, in the order asked; null where absent or not visible. One statement. */
  async lookupManyByUscc(ctx: RequestContext, codes: readonly string[]): Promise<Array<Subject | null>> {
    if (codes.length > MAX_BATCH) {
      throw appError('BAD_USER_INPUT', `codes: at most ${MAX_BATCH} codes per request, got ${codes.length}; split the batch`);
    }
    const normalised = codes.map((code, i) => {
      const check = validateUscc(code);
      if (!check.ok) throw appError('INVALID_USCC', `codes[${i}]: ${check.message}`, { reason: check.reason, index: i });
      return check.code;
    });
    const rows = await this.repo.findByUsccs([...new Set(normalised)]);
    const byCode = new Map(rows.map((r) => [r.uscc!, r]));
    return normalised.map((code) => {
      const row = byCode.get(code);
      return row ? this.present(ctx, row) : null;
    });
  }

  /**
   * Search by name (or an exact code). Only kinds whose registration information the viewer
   * may see are searched, so results and counts never include a subject that would then be
   * withheld; natural persons are never found by name (only by ID number, where lawful).
   */
  async search(ctx: RequestContext, keyword: string, page: PageArgs): Promise<Page<Subject>> {
    const k = keyword.trim();
    if ([...k].length < 2 || [...k].length > 50) {
      throw appError('BAD_USER_INPUT', 'keyword: give 2 to 50 characters of a name, or a full unified social credit code');
    }
    const code = validateUscc(k);
    if (code.ok) {
      const found = await this.lookupByUscc(ctx, code.code);
      return paginate(found ? [found] : [], page);
    }
    const kinds = SEARCHABLE.filter((kind) => {
      const item = this.catalog.registrationItem(kind);
      return item !== undefined && ctx.policy.gate(item, kind, false).open;
    });
    const offset = page.after ? decodeOffset(page.after) + 1 : 0;
    const { rows, total } = await this.repo.searchByName(k, kinds, page.first, offset, SEARCH_COUNT_CAP);
    const nodes = rows.map((row) => this.present(ctx, row)).filter((s): s is Subject => s !== null);
    return pageAt(nodes, offset, total);
  }

  /**
   * Applies the policy. A subject whose registration item the viewer may not see at all is
   * reported as absent, so the public cannot even learn that a natural person is recorded.
   */
  present(ctx: RequestContext, row: SubjectRow): Subject | null {
    const item = this.catalog.registrationItem(row.kind);
    if (!item) return null;
    const facts: RecordFacts = {
      subjectId: row.id,
      subjectKind: row.kind,
      status: 'ACTIVE',
      repairTreatment: null,
      decisionDate: null,
      // Registration information is published while the registration exists (WHILE_VALID).
      publishFrom: row.establishedOn ?? '0001-01-01',
      publishUntil: null,
    };
    const disclosure = ctx.policy.decide(item, facts);
    if (Object.values(disclosure.fields).every((d) => d.effect === 'DENY')) return null;
    return withDisclosure(this.view(row), disclosure);
  }

  /** The GraphQL shape; ID numbers are decrypted only if a disclosed field is actually read. */
  private view(row: SubjectRow): Subject {
    const vault = this.vault;
    const subject = {
      uscc: row.uscc,
      name: row.name,
      subjectKind: row.kind,
      legalRepresentative: row.legalRepresentative,
      entityType: row.entityType,
      status: row.status,
      establishedOn: row.establishedOn,
      registeredCapital: row.registeredCapital,
      address: row.address,
      registrationAuthority: row.registrationAuthority,
      businessScope: row.businessScope,
      phone: row.phone,
    } as Subject;
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

/**
 * SubjectService: finding subjects and presenting their registration information under the
 * disclosure policy of the catalog's registration item for the subject's kind.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import type { RequestContext } from '../../graphql/context';
import { validateUscc, type IdNumberVault } from '../../identifiers';
import { withDisclosure } from '../../policy/decision';
import type { RecordFacts } from '../../policy/record-gate';
import type { SubjectRepo, SubjectRow } from './subject.repo';
import type { Subject } from './subject.type';

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

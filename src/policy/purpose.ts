/**
 * The declared purpose (X-Purpose) of a request, checked once before execution against the
 * purpose vocabulary held with the catalog. Partners and departments must always declare
 * one; a subject reading its own data and an auditor have the purpose their role implies
 * (SELF_ACCESS, AUDIT) unless they declare another. Unknown codes, or codes the role may not
 * declare, are refused — never silently ignored.
 */
import type { Principal, Role } from '../auth/principal';
import type { CatalogIndex } from '../catalog/catalog.index';
import type { Purpose } from '../catalog/vocabulary.schema';
import { appError } from '../errors';

const DECLARER: Record<Role, 'AGENCY' | 'SUBJECT' | 'AUDITOR' | undefined> = {
  PUBLIC: undefined,
  SUBJECT: 'SUBJECT',
  PARTNER: 'AGENCY',
  DEPARTMENT: 'AGENCY',
  CATALOG_ADMIN: 'AGENCY',
  AUDITOR: 'AUDITOR',
};

const IMPLIED: Partial<Record<Role, string>> = { SUBJECT: 'SELF_ACCESS', AUDITOR: 'AUDIT' };
const MUST_DECLARE: ReadonlySet<Role> = new Set(['PARTNER', 'DEPARTMENT']);

export function resolvePurpose(principal: Principal, declared: string | undefined, catalog: CatalogIndex): Purpose | undefined {
  const code = declared ?? IMPLIED[principal.role];
  if (code === undefined) {
    if (MUST_DECLARE.has(principal.role)) {
      throw appError('PURPOSE_REQUIRED', `a ${principal.role} request must declare its purpose in the X-Purpose header (one of: ${purposeCodes(catalog, 'AGENCY')})`);
    }
    return undefined;
  }
  const purpose = catalog.purpose(code);
  if (!purpose) {
    throw appError('PURPOSE_NOT_PERMITTED', `X-Purpose "${code}" is not in the purpose vocabulary (known: ${purposeCodes(catalog)})`);
  }
  const declarer = DECLARER[principal.role];
  if (!declarer || !purpose.declaredBy.includes(declarer)) {
    throw appError('PURPOSE_NOT_PERMITTED', `role ${principal.role} may not declare purpose ${code}`);
  }
  return purpose;
}

function purposeCodes(catalog: CatalogIndex, declarer?: 'AGENCY' | 'SUBJECT' | 'AUDITOR'): string {
  return catalog.bundle.purposes.filter((p) => !declarer || p.declaredBy.includes(declarer)).map((p) => p.code).join(', ');
}

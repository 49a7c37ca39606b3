/**
 * The declared purpose (X-Purpose) of a request, checked once before execution against the
 * purpose vocabulary held with the catalog and against the caller's authority. Partners and
 * departments must always declare one, and only a purpose of one of their agency's
 * data-sharing agreements in force today (narrowed by the token's `purposes` claim); a subject
 * reading its own data and an auditor have the purpose their role implies (SELF_ACCESS, AUDIT)
 * unless they declare another. Unknown codes, or codes the caller may not declare, are refused
 * — never silently ignored.
 */
import type { Principal, Role } from '../auth/principal';
import type { CallerAuthority } from './authority';
import type { CatalogIndex } from '../catalog/catalog.index';
import type { Purpose } from '../catalog/vocabulary.schema';
import { appError, type AppError } from '../errors';

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

export function resolvePurpose(
  principal: Principal,
  declared: string | undefined,
  catalog: CatalogIndex,
  authority: CallerAuthority,
): Purpose | undefined {
  const code = declared ?? IMPLIED[principal.role];
  if (code === undefined) {
    const missing = missingPurpose(principal, catalog);
    if (missing) throw missing;
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
  if (declarer === 'AGENCY' && principal.purposes && !principal.purposes.includes(code)) {
    throw appError('PURPOSE_NOT_PERMITTED', `this token is limited to purposes ${principal.purposes.join(', ') || '(none)'}; ${code} is not among them`);
  }
  if (declarer === 'AGENCY' && !authority.purposes.has(code)) {
    const agency = principal.agencyCode ?? 'the caller';
    const held = [...authority.purposes].sort().join(', ');
    throw appError(
      'PURPOSE_NOT_PERMITTED',
      `${agency} holds no data-sharing agreement in force today for purpose ${code}` +
        (held ? `; its agreements allow: ${held}` : '; it holds no agreement in force (ask the credit platform for a 共享协议)'),
    );
  }
  return purpose;
}

/**
 * The refusal of a request of `principal` that declares no purpose, or undefined when its role
 * may go without one. A read of data always needs the purpose (the access log names it); an
 * operation that reads only the schema (`__typename`, introspection) reveals nothing about any
 * subject, so /graphql lets it through without one (src/http/execution-guards.ts purposeGate).
 */
export function missingPurpose(principal: Principal, catalog: CatalogIndex): AppError | undefined {
  if (!MUST_DECLARE.has(principal.role)) return undefined;
  return appError('PURPOSE_REQUIRED', `a ${principal.role} request must declare its purpose in the X-Purpose header (one of: ${purposeCodes(catalog, 'AGENCY')})`);
}

function purposeCodes(catalog: CatalogIndex, declarer?: 'AGENCY' | 'SUBJECT' | 'AUDITOR'): string {
  return catalog.bundle.purposes.filter((p) => !declarer || p.declaredBy.includes(declarer)).map((p) => p.code).join(', ');
}

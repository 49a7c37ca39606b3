/**
 * The caller's authority, resolved once per request: which agency is asking, the data-sharing
 * agreements (共享协议) it holds today, the purposes those let it declare (narrowed further by
 * its token, never widened), and the agencies within its jurisdiction. Every decision —
 * disclosure and procedure alike — reads these from here instead of the role name.
 */
import type { Agreement, Grantee } from '../catalog/agreements.schema';
import type { AgencyFacts } from './jurisdiction';

export interface CallerAuthority {
  /** The agency the token names, as the registry knows it; undefined for the public and subjects. */
  readonly agency: AgencyFacts | undefined;
  /** Agreements with the caller's agency in force today, limited to purposes its token allows. */
  readonly agreements: readonly Agreement[];
  /** Purposes the caller may declare in X-Purpose (the union of `agreements`' purposes). */
  readonly purposes: ReadonlySet<string>;
  /** Codes of the caller's agency and every agency under it (src/policy/jurisdiction.ts). */
  readonly jurisdiction: readonly string[];
}

export const NO_AUTHORITY: CallerAuthority = Object.freeze({
  agency: undefined,
  agreements: [],
  purposes: new Set<string>(),
  jurisdiction: [],
});

/** Is `agency` a party to an agreement with this grantee clause? */
export function granteeIncludes(grantee: Grantee, agency: AgencyFacts): boolean {
  if (grantee.agencies && !grantee.agencies.includes(agency.code)) return false;
  if (grantee.systems && !grantee.systems.includes(agency.system)) return false;
  if (grantee.kinds && !grantee.kinds.includes(agency.kind as never)) return false;
  if (grantee.region !== undefined && !agency.regionCode.startsWith(grantee.region)) return false;
  return true;
}

export function inForce(agreement: Agreement, today: string): boolean {
  return agreement.validFrom <= today && (agreement.validUntil === null || agreement.validUntil >= today);
}

/**
 * The authority of an agency caller. `tokenPurposes`, when the token carries a `purposes`
 * claim, keeps only those purposes (a client credential issued for one task).
 */
export function resolveAuthority(input: {
  agency: AgencyFacts | undefined;
  agreements: readonly Agreement[];
  jurisdiction: readonly string[];
  today: string;
  tokenPurposes?: readonly string[];
}): CallerAuthority {
  const { agency } = input;
  if (!agency) return NO_AUTHORITY;
  const narrowed = input.tokenPurposes ? new Set(input.tokenPurposes) : undefined;
  const agreements = input.agreements
    .filter((a) => inForce(a, input.today) && granteeIncludes(a.grantee, agency))
    .map((a) => (narrowed ? { ...a, purposes: a.purposes.filter((p) => narrowed.has(p)) } : a))
    .filter((a) => a.purposes.length > 0);
  return {
    agency,
    agreements,
    purposes: new Set(agreements.flatMap((a) => a.purposes)),
    jurisdiction: input.jurisdiction,
  };
}

/** The first agreement that lets the caller receive `item` for `purpose`, if any. */
export function agreementCovering(
  authority: CallerAuthority,
  purpose: string,
  item: { readonly code: string; readonly category: string },
): Agreement | undefined {
  return authority.agreements.find(
    (a) =>
      a.purposes.includes(purpose) &&
      (a.covers.all === true || (a.covers.items?.includes(item.code) ?? false) || (a.covers.categories?.includes(item.category) ?? false)),
  );
}

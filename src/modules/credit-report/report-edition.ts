/**
 * Which edition of the report a viewer gets. The policy decides, not the role name: FULL when
 * the request's DisclosurePolicy opens, for at least one catalog item in force about subjects of
 * this kind, a capacity beyond publication (own data, providing department, sharing for the
 * declared purpose, with the person's consent where the purpose rests on it); PUBLIC otherwise —
 * including a partner whose purpose no item is shared for, which sees what everyone sees.
 * Consents of the subject are loaded by then (the subject lookup loads them).
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { DisclosurePolicy, SubjectFacts } from '../../policy/disclosure';
import { ReportEdition } from './credit-report.type';

export function reportEdition(policy: DisclosurePolicy, catalog: CatalogIndex, subject: SubjectFacts): ReportEdition {
  return policy.seesBeyondPublication(subject, catalog.itemsInForce()) ? ReportEdition.FULL : ReportEdition.PUBLIC;
}

/**
 * Which edition of the report a viewer gets. The policy decides, not the role name: FULL when
 * the request's DisclosurePolicy opens, for at least one catalog item in force about subjects of
 * this kind, a capacity beyond publication (own data, providing department, sharing for the
 * declared purpose); PUBLIC otherwise — including a partner whose purpose no item is shared
 * for, which sees what everyone sees.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { SubjectKind } from '../../catalog/catalog.schema';
import type { DisclosurePolicy } from '../../policy/disclosure';
import { ReportEdition } from './credit-report.type';

export function reportEdition(policy: DisclosurePolicy, catalog: CatalogIndex, subjectId: number, kind: SubjectKind): ReportEdition {
  const own = policy.isOwn(subjectId);
  const beyondPublication = catalog.itemsInForce().some((item) => {
    const gate = policy.gate(item, kind, own);
    return gate.open && gate.capacity !== 'PUBLISH';
  });
  return beyondPublication ? ReportEdition.FULL : ReportEdition.PUBLIC;
}

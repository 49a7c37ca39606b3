/**
 * Builds the executable schema: type-graphql resolver classes, then the privacy layer
 * (graphql-shield generated from field tags, deny by default) through graphql-middleware.
 */
import type { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield } from 'graphql-shield';
import { buildSchema } from 'type-graphql';
import { appError } from '../errors';
import { validateArgs } from './arg-validation';
import { AccessLogEntryResolver, AccessLogResolver } from '../modules/access-log/access-log.resolver';
import { CatalogResolver } from '../modules/catalog/catalog.resolver';
import { CreditProfileResolver, SubjectRecordsResolver } from '../modules/credit-record/credit-record.resolver';
import { RECORD_TYPES, resolveCreditRecordType } from '../modules/credit-record/credit-record.type';
import { SubjectResolver } from '../modules/subject/subject.resolver';
import { SeriousListResolver } from '../modules/serious-list/serious-list.resolver';
import { MeasureResolver } from '../modules/measure/measure.resolver';
import { AccountabilityResolver } from '../modules/accountability/accountability.resolver';
import { ConsentResolver } from '../modules/consent/consent.resolver';
import { CreditRecordWriteResolver } from '../modules/credit-record/credit-record-write.resolver';
import { ObjectionResolver } from '../modules/objection/objection.resolver';
import { RepairResolver } from '../modules/repair/repair.resolver';
import { CatalogPublishingResolver } from '../modules/catalog/catalog-publishing.resolver';
import { ImportResolver } from '../modules/ingest/import.resolver';
import { CreditReportResolver } from '../modules/credit-report/credit-report.resolver';
import { PublicationResolver } from '../modules/publication/publication.resolver';
import { AttachmentResolver, ObjectionAttachmentsResolver, RepairAttachmentsResolver } from '../modules/attachment/attachment.resolver';
import { RecordHistoryResolver } from '../modules/credit-record/record-history.resolver';
import type { PersonalDataKind } from '../policy/decision';
import type { Masker } from '../policy/masking';
import { compilePrivacyLayer } from '../shield/privacy-layer';
import { buildRuleMap, untaggedFields } from '../shield/rule-map';

export const RESOLVERS = [
  SubjectResolver, SubjectRecordsResolver, CreditProfileResolver, CatalogResolver, AccessLogResolver, AccessLogEntryResolver,
  CreditRecordWriteResolver, ConsentResolver, AccountabilityResolver,
  SeriousListResolver, MeasureResolver,
  ObjectionResolver, RepairResolver, CatalogPublishingResolver, CreditReportResolver,
  ImportResolver, RecordHistoryResolver, PublicationResolver,
  AttachmentResolver, ObjectionAttachmentsResolver, RepairAttachmentsResolver,
] as const;

let bare: Promise<GraphQLSchema> | undefined;

/** type-graphql cannot describe the root types; every type of the contract has a description (npm run schema:lint). */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  (schema.getType('CreditRecord') as GraphQLInterfaceType).resolveType = resolveCreditRecordType;
  schema.getQueryType()!.description =
    'Reads. Each is an action of the action catalog (src/policy/actions.ts); what it returns is filtered field by field by the disclosure policy.';
  schema.getMutationType()!.description =
    'Writes and procedure steps (recording, objections, repair, listing, consent, catalog publishing). Each is an action of the action catalog.';
  return schema;
}

/** The schema as type-graphql builds it, before any middleware: what schema.graphql shows. */
export function buildBareSchema(): Promise<GraphQLSchema> {
  bare ??= buildSchema({
    resolvers: [...RESOLVERS],
    // Record types are generated, not referenced by any resolver signature: list them.
    orphanedTypes: Object.values(RECORD_TYPES),
    // class-validator with type-graphql's own options, pages checked directly (arg-validation.ts).
    validateFn: validateArgs,
  }).then(describeRootTypes);
  return bare;
}

/** The served schema: every field guarded; a field without a tag is denied by the fallback. */
export async function buildGuardedSchema(maskers: Record<PersonalDataKind, Masker>): Promise<GraphQLSchema> {
  const schema = await buildBareSchema();
  const missing = untaggedFields(schema);
  if (missing.length) {
    // Refuse to start rather than serve fields that nobody decided on.
    throw new Error(`fields without a privacy tag (they would be denied to everyone): ${missing.join(', ')}`);
  }
  const ruleMap = buildRuleMap(schema);
  const permissions = shield(ruleMap, {
    fallbackRule: deny,
    fallbackError: () => appError('FORBIDDEN', 'denied by default: no rule grants this field'),
    // Errors thrown by resolvers (INVALID_USCC, …) must reach the client as they are; a rule
    // that throws still never runs the resolver, and formatError masks anything unexpected.
    allowExternalErrors: true,
  });
  // One middleware layer: per field, the access is noted (denials included), shield's rule
  // decides, and only what it allows is desensitised (see privacy-layer.ts).
  return applyMiddleware(schema, compilePrivacyLayer(schema, ruleMap, permissions, maskers).middleware);
}

/**
 * graphql-schema-linter (`npm run schema:lint`, run by CI on schema/schema.graphql): every rule
 * of the linter is on, so a finding of any of them fails CI. Nothing is disabled.
 */
module.exports = {
  schemaPaths: ['schema/schema.graphql'],
  rules: [
    'arguments-have-descriptions',
    'defined-types-are-used',
    'deprecations-have-a-reason',
    'descriptions-are-capitalized',
    'enum-values-all-caps',
    'enum-values-have-descriptions',
    'enum-values-sorted-alphabetically',
    'fields-are-camel-cased',
    'fields-have-descriptions',
    'input-object-fields-sorted-alphabetically',
    'input-object-values-are-camel-cased',
    'input-object-values-have-descriptions',
    'interface-fields-sorted-alphabetically',
    'relay-connection-arguments-spec',
    'relay-connection-types-spec',
    'relay-page-info-spec',
    'type-fields-sorted-alphabetically',
    'types-are-capitalized',
    'types-have-descriptions',
  ],
};

/**
 * Generates the shield rule map by walking the built schema's field tags (field-tags.ts).
 * Untagged fields get no rule, so the fallback (deny) applies; `untaggedFields` lists them
 * for the completeness test and for start-up, which refuses to serve such a schema.
 */
import { isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { AnyRule } from './rules';
import { readTag, type FieldTag } from './field-tags';
import { actionRule, creditRule, openRule, recordRule } from './rules';

export type RuleMap = Record<string, Record<string, AnyRule>>;

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('__'));
}

/** The tag of a field: its own, else its type's. */
export function tagOf(type: GraphQLObjectType, fieldName: string): FieldTag | undefined {
  return readTag(type.getFields()[fieldName]?.extensions) ?? readTag(type.extensions);
}

function ruleFor(tag: FieldTag): AnyRule {
  switch (tag.kind) {
    case 'OPEN':
      return openRule;
    case 'CREDIT':
      return creditRule(tag.key);
    case 'RECORD':
      return recordRule;
    case 'ACTION':
      return actionRule(tag.action);
  }
}

export function buildRuleMap(schema: GraphQLSchema): RuleMap {
  const map: RuleMap = {};
  for (const type of objectTypes(schema)) {
    for (const fieldName of Object.keys(type.getFields())) {
      const tag = tagOf(type, fieldName);
      if (tag) (map[type.name] ??= {})[fieldName] = ruleFor(tag);
    }
  }
  return map;
}

/** `Type.field` of every field with no tag: each is reachable only as a denial. */
export function untaggedFields(schema: GraphQLSchema): string[] {
  return objectTypes(schema).flatMap((type) =>
    Object.keys(type.getFields())
      .filter((f) => !tagOf(type, f))
      .map((f) => `${type.name}.${f}`),
  );
}

/**
 * What a public operation's answer depends on, found once per document by walking its
 * selection against the schema. Each root field depends on:
 *
 * - the subjects its code argument names (`subject`, `creditReport`, `subjectsByCodes`): a
 *   change to another subject cannot alter it;
 * - subjects' registration only, when the root field is declared to read registrations
 *   (`ReadsRegistrations`, src/graphql/field-reads.ts: a name search) and every field selected
 *   under it — through fragments, inline fragments and aliases; `__typename` anywhere — is
 *   declared to read nothing beyond its parent (`ReadsParent`): a change to credit records,
 *   listings or repairs cannot alter it;
 * - anything, otherwise ("across subjects"): a root field that declares nothing, a selection
 *   reaching one undeclared field (a subject's profile or records), a field or fragment the
 *   schema or the document lacks. Failing safe: such an answer is only cached shorter.
 *
 * Directives (@skip, @include) are not evaluated: a skipped field is walked like a selected
 * one, which can only make the answer depend on more.
 */
import {
  getNamedType, isInterfaceType, isObjectType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLOutputType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { readsOf } from '../../graphql/field-reads';

/** Root fields about the subjects their code argument names, and nothing else. */
const ABOUT_NAMED_SUBJECTS: Readonly<Record<string, string>> = { subject: 'code', creditReport: 'code', subjectsByCodes: 'codes' };

export type RootDependency =
  /** The subjects the argument names (a code, a list of codes, or a variable holding either). */
  | { readonly kind: 'named'; readonly codes: ValueNode }
  /** Subjects' registration: the subjects table and the name index kept from it. */
  | { readonly kind: 'registrations' };

/** One entry per root field that depends on data; null when the answer may depend on anything. */
export type OperationDependencies = readonly RootDependency[] | null;

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export function dependenciesOf(schema: GraphQLSchema, doc: DocumentNode, op: OperationDefinitionNode): OperationDependencies {
  const query = schema.getQueryType();
  if (!query) return null;
  const fragments: Fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const roots = rootFields(op.selectionSet, query.name, fragments, new Set());
  if (!roots) return null;
  const dependencies: RootDependency[] = [];
  for (const field of roots) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const argName = ABOUT_NAMED_SUBJECTS[name];
    if (argName) {
      const arg = field.arguments?.find((a) => a.name.value === argName);
      if (!arg) return null;
      dependencies.push({ kind: 'named', codes: arg.value });
      continue;
    }
    const def = query.getFields()[name];
    if (!def || readsOf(def.extensions) !== 'REGISTRATIONS') return null;
    if (!readsOnlyParent(schema, getNamedType(def.type), field.selectionSet, fragments, new Set())) return null;
    dependencies.push({ kind: 'registrations' });
  }
  return dependencies;
}

type FieldSelection = Extract<SelectionNode, { kind: Kind.FIELD }>;

/** The root fields selected, fragments on the query type spread; undefined if one cannot be resolved. */
function rootFields(set: SelectionSetNode, queryType: string, fragments: Fragments, spreading: ReadonlySet<string>): FieldSelection[] | undefined {
  const fields: FieldSelection[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      fields.push(selection);
      continue;
    }
    let inner: SelectionSetNode;
    let within = spreading;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selection.typeCondition && selection.typeCondition.name.value !== queryType) return undefined;
      inner = selection.selectionSet;
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || spreading.has(fragment.name.value) || fragment.typeCondition.name.value !== queryType) return undefined;
      inner = fragment.selectionSet;
      within = new Set([...spreading, fragment.name.value]);
    }
    const spread = rootFields(inner, queryType, fragments, within);
    if (!spread) return undefined;
    fields.push(...spread);
  }
  return fields;
}

/** Does every field selected on `type` (and below) read nothing beyond its parent? */
function readsOnlyParent(
  schema: GraphQLSchema, type: GraphQLNamedType, set: SelectionSetNode | undefined, fragments: Fragments, spreading: ReadonlySet<string>,
): boolean {
  if (!set) return true; // a leaf: its value is the field's own
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      const field = fieldOn(schema, type, selection.name.value);
      if (!field || field.resolvedBy.some((def) => readsOf(def.extensions) !== 'PARENT')) return false;
      if (!readsOnlyParent(schema, getNamedType(field.type), selection.selectionSet, fragments, spreading)) return false;
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
      if (!on || !readsOnlyParent(schema, on, selection.selectionSet, fragments, spreading)) return false;
      continue;
    }
    const fragment = fragments.get(selection.name.value);
    if (!fragment || spreading.has(fragment.name.value)) return false;
    const on = schema.getType(fragment.typeCondition.name.value);
    if (!on || !readsOnlyParent(schema, on, fragment.selectionSet, fragments, new Set([...spreading, fragment.name.value]))) return false;
  }
  return true;
}

/**
 * A field selected on `type`: its type, and the definitions it may resolve with — the object
 * type's own, or, on an interface, every implementation's (each must declare). Undefined when
 * the type has no such field.
 */
function fieldOn(schema: GraphQLSchema, type: GraphQLNamedType, name: string): { type: GraphQLOutputType; resolvedBy: Array<GraphQLField<unknown, unknown>> } | undefined {
  if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
  const own = type.getFields()[name];
  if (!own) return undefined;
  if (isObjectType(type)) return { type: own.type, resolvedBy: [own] };
  const implementations = schema.getPossibleTypes(type).map((t) => t.getFields()[name]);
  if (implementations.some((d) => d === undefined)) return undefined;
  return { type: own.type, resolvedBy: implementations as Array<GraphQLField<unknown, unknown>> };
}

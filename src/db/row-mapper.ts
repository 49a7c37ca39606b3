/**
 * Row mapping compiled once per prepared select, instead of drizzle's interpreted mapping on
 * every row.
 *
 * drizzle maps each row of a select (`mapResultRow`) by walking the selected fields anew: per
 * column an entity check of the field's class (a prototype walk), an iterator over its path
 * and a small array per path step. The public profile's statement returns a subject's 19
 * columns and a record's 27 on every row, ~10 rows a profile: under the profile load (bench
 * W1) that mapping was 5 % of the server's CPU, besides the garbage it left. Everything it
 * works out per column — the decoder, where the value goes, which joined table makes an
 * object null — depends only on the select, so it is worked out here once, and each row is
 * one pass over a flat plan.
 *
 * The result is exactly drizzle's: the same objects with the same keys in the same order, the
 * same decoders, and a left-joined table's object null when drizzle makes it null (its first
 * column null). `row-mapper.test.ts` checks it against `mapResultRow` itself, on random rows.
 */
import { Column, SQL, Subquery, getTableName, is, type Table } from 'drizzle-orm';

/** A selected field as drizzle orders them for a prepared select (`SelectedFieldsOrdered`). */
interface OrderedField {
  path: readonly string[];
  field: unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

type Row = readonly unknown[];
type Node = Record<string, unknown>;

/** One column's step: create the objects its path opens first, then set its decoded value. */
interface ColumnStep {
  /** Nested objects first opened by this column: [node index of parent, key, node index]. */
  opens: readonly (readonly [number, string, number])[];
  node: number;
  key: string;
  decoder: Decoder;
}

/** A left-joined table's object, null in a row whose first column of it (`column`) is null. */
interface NullableObject {
  key: string;
  column: string;
}

/** An SQL fragment's decoder (drizzle's own field, marked internal in its types). */
type WithDecoder = { decoder: Decoder };

/** The decoder drizzle's mapResultRow picks for a field, in its order of checks. */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as WithDecoder).decoder;
  if (is(field, Subquery)) return (field as unknown as { _: { sql: WithDecoder } })._.sql.decoder;
  return (field as { sql: WithDecoder }).sql.decoder;
}

/**
 * The objects drizzle makes null: for each top-level key whose Column fields (path of two) all
 * come from one table, and that table is nullable in the join, its first such column decides.
 * (drizzle records the table of the key's first column and clears it when another table's column
 * comes under the same key; a non-null first value clears it too.)
 */
function nullableObjects(fields: readonly OrderedField[], joinsNotNullableMap: Record<string, boolean> | undefined): NullableObject[] {
  if (!joinsNotNullableMap) return [];
  const firsts = new Map<string, { column: string; table: string; mixed: boolean }>();
  for (const { path, field } of fields) {
    if (!is(field, Column) || path.length !== 2) continue;
    const table = getTableName((field as Column).table as Table);
    const first = firsts.get(path[0]!);
    if (!first) firsts.set(path[0]!, { column: path[1]!, table, mixed: false });
    else if (first.table !== table) first.mixed = true;
  }
  return [...firsts].filter(([, f]) => !f.mixed && !joinsNotNullableMap[f.table]).map(([key, f]) => ({ key, column: f.column }));
}

/** The mapper of a prepared select's rows (arrays, in the order of `fields`) to drizzle's objects. */
export function compileRowMapper(
  fields: readonly OrderedField[], joinsNotNullableMap?: Record<string, boolean>,
): (rows: readonly Row[]) => Node[] {
  const nodeOf = new Map<string, number>([['', 0]]);
  const steps: ColumnStep[] = fields.map(({ path, field }) => {
    const opens: (readonly [number, string, number])[] = [];
    let parent = 0;
    for (let depth = 1; depth < path.length; depth += 1) {
      const prefix = path.slice(0, depth).join('\u0000');
      let node = nodeOf.get(prefix);
      if (node === undefined) {
        node = nodeOf.size;
        nodeOf.set(prefix, node);
        opens.push([parent, path[depth - 1]!, node]);
      }
      parent = node;
    }
    return { opens, node: parent, key: path[path.length - 1]!, decoder: decoderOf(field) };
  });
  const nullable = nullableObjects(fields, joinsNotNullableMap);
  const nodeCount = nodeOf.size;

  const mapRow = (row: Row): Node => {
    const nodes: Node[] = new Array(nodeCount);
    const result: Node = {};
    nodes[0] = result;
    for (let i = 0; i < steps.length; i += 1) {
      const step = steps[i]!;
      for (let o = 0; o < step.opens.length; o += 1) {
        const [parent, key, node] = step.opens[o]!;
        nodes[parent]![key] = nodes[node] = {};
      }
      const raw = row[i];
      nodes[step.node]![step.key] = raw === null ? null : step.decoder.mapFromDriverValue(raw);
    }
    for (let n = 0; n < nullable.length; n += 1) {
      const { key, column } = nullable[n]!;
      if ((result[key] as Node)[column] === null) result[key] = null;
    }
    return result;
  };
  return (rows) => rows.map(mapRow);
}

/** What this module reads and sets on drizzle's prepared query (its constructor's own fields). */
interface PreparedSelect {
  fields?: readonly OrderedField[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: readonly Row[]) => unknown;
}

/**
 * Gives a prepared drizzle select the compiled mapper: drizzle's prepared queries (postgres.js
 * and PGlite alike) map rows through `customResultMapper` when they have one. A query that maps
 * its own way already, or selects no fields, is left as it is.
 */
export function withCompiledRowMapper<Q extends object>(query: Q): Q {
  const prepared = query as PreparedSelect;
  if (Array.isArray(prepared.fields) && prepared.customResultMapper === undefined) {
    prepared.customResultMapper = compileRowMapper(prepared.fields, prepared.joinsNotNullableMap);
  }
  return query;
}

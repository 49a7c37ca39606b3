/**
 * Turns a parameterised statement into plain SQL text with its parameters written as
 * literals — for SQL that the bench installs (PostGraphile's view) or replays (pgbench).
 * `replace` may substitute a parameter with an expression instead of its literal.
 */
export type ParamReplacer = (value: unknown, index: number) => string | undefined;

export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

export function inlineParams(text: string, params: readonly unknown[], replace: ParamReplacer = () => undefined): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length) throw new Error(`statement refers to $${n} but has ${params.length} parameter(s)`);
    return replace(params[i], i) ?? literal(params[i]);
  });
}

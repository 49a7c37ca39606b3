/**
 * Operation names as metric labels. Names come from clients, so a label set keyed on them
 * could grow without end (one series per random name) and exhaust Prometheus. Only
 * well-formed GraphQL names become labels, and only the first `cap` distinct ones; the
 * rest share a fixed label. Persisted-operation partners and GraphiQL users send a handful
 * of stable names, which is what the cap is sized for.
 */

/** The operation had no name (`{ subject(code: …) { … } }`). */
export const ANONYMOUS_OPERATION = '(anonymous)';
/** A name arrived after the cap was reached, or was not a sane GraphQL name. */
export const OTHER_OPERATION = '(other)';
/** The request was refused or failed before an operation was resolved (auth, limits, syntax). */
export const NO_OPERATION = '(none)';

export const DEFAULT_OPERATION_NAME_CAP = 100;

// GraphQL's Name production, with a length bound: longer names are not worth a series.
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly cap = DEFAULT_OPERATION_NAME_CAP) {}

  /** The label for an operation name as resolved by GraphQL (null or undefined: anonymous). */
  label(name: string | null | undefined): string {
    if (name === null || name === undefined || name === '') return ANONYMOUS_OPERATION;
    if (!GRAPHQL_NAME.test(name)) return OTHER_OPERATION;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.cap) return OTHER_OPERATION;
    this.seen.add(name);
    return name;
  }
}

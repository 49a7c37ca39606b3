/**
 * The verification digest (校验码) printed on every report: SHA-256 of the canonical JSON of the
 * report as executed — `data.creditReport` exactly as the caller received it (masked values
 * masked, withheld fields null), object keys sorted, no whitespace, UTF-8. Anyone holding that
 * JSON recomputes the digest with `canonicalJson` and compares it with the printed copy.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function reportDigest(report: unknown): string {
  return createHash('sha256').update(canonicalJson(report), 'utf8').digest('hex');
}

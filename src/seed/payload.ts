/**
 * Record payloads keyed exactly as src/catalog/record-kinds.ts: every field of the kind is
 * present (null when it does not apply) and nothing else is, so a payload can never drift
 * from the field list the catalog's disclosure rules are written against.
 *
 * ID numbers are never stored in clear (DESIGN §4): ID_NUMBER fields hold `enc:<base64>` as
 * src/modules/credit-record/payload-codec.ts reads them. Every number a generated payload
 * holds is the subject's own or its legal representative's, so the subject row's ciphertext
 * is reused rather than encrypting the same number again per record.
 */
import { RECORD_KINDS, type RecordKind } from '../catalog/record-kinds';

export type Payload = Record<string, string | number | null>;

const KEYS = new Map<string, readonly string[]>(
  Object.entries(RECORD_KINDS).map(([kind, fields]) => [kind, fields.map((f) => f.key)]),
);
const ID_NUMBER_KEYS: ReadonlySet<string> = new Set<string>(
  Object.values(RECORD_KINDS).flatMap((fields) => fields.filter((f) => 'personal' in f && f.personal === 'ID_NUMBER').map((f) => f.key)),
);

export function payloadOf(kind: RecordKind, values: Readonly<Record<string, string | number | null | undefined>>): Payload {
  const keys = KEYS.get(kind);
  if (!keys) throw new Error(`unknown record kind ${kind}`);
  const out: Payload = {};
  for (const key of keys) out[key] = values[key] ?? null;
  for (const key of Object.keys(values)) {
    if (!keys.includes(key)) throw new Error(`payload key ${key} is not a field of record kind ${kind}`);
    const value = values[key];
    if (ID_NUMBER_KEYS.has(key) && value != null && !String(value).startsWith(ENCRYPTED)) {
      throw new Error(`payload field ${key} would hold an ID number in clear`);
    }
  }
  return out;
}

const ENCRYPTED = 'enc:';

/** An ID-number field value from a stored ciphertext (base64), or null. */
export function encryptedField(cipher: string | null | undefined): string | null {
  return cipher ? `${ENCRYPTED}${cipher}` : null;
}

/** 万元 as a decimal string from yuan (罚款金额（万元）): 25000 → "2.5", 800 → "0.08". */
export function wanYuan(yuan: number): string {
  return (Math.round(yuan) / 10_000).toFixed(4).replace(/\.?0+$/, '');
}

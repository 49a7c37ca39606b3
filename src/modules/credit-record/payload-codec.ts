/**
 * How a record's own fields are stored in credit_records.payload. ID numbers are never
 * stored in clear (DESIGN §4): a field whose record-kind spec says ID_NUMBER holds the
 * AES-GCM ciphertext as `enc:<base64>`, and is decrypted only when a disclosed field is read.
 */
import { recordKindFields, type RecordKind } from '../../catalog/record-kinds';
import type { IdNumberVault } from '../../identifiers';

const PREFIX = 'enc:';

const encryptedKeys = new Map<RecordKind, ReadonlySet<string>>();
function encryptedFieldsOf(kind: RecordKind): ReadonlySet<string> {
  let keys = encryptedKeys.get(kind);
  if (!keys) {
    keys = new Set(recordKindFields(kind).filter((f) => f.personal === 'ID_NUMBER').map((f) => f.key));
    encryptedKeys.set(kind, keys);
  }
  return keys;
}

/** Prepares field values for storage: ID numbers encrypted, empty values dropped. */
export function encodePayload(
  kind: RecordKind,
  values: Readonly<Record<string, unknown>>,
  vault: IdNumberVault,
): Record<string, unknown> {
  const encrypted = encryptedFieldsOf(kind);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    out[key] = encrypted.has(key) ? `${PREFIX}${vault.encrypt(String(value)).toString('base64')}` : value;
  }
  return out;
}

/**
 * Defines the record's fields on `target` from the stored payload; encrypted ones as lazy
 * getters, so a denied ID number is never even decrypted.
 */
export function definePayloadFields(
  target: object,
  kind: RecordKind,
  payload: Readonly<Record<string, unknown>>,
  vault: IdNumberVault,
): void {
  const encrypted = encryptedFieldsOf(kind);
  for (const spec of recordKindFields(kind)) {
    const raw = payload[spec.key];
    if (encrypted.has(spec.key) && typeof raw === 'string' && raw.startsWith(PREFIX)) {
      Object.defineProperty(target, spec.key, {
        enumerable: true,
        get: () => vault.decrypt(Buffer.from(raw.slice(PREFIX.length), 'base64')),
      });
    } else {
      (target as Record<string, unknown>)[spec.key] = raw ?? null;
    }
  }
}

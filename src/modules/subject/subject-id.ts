/**
 * Subject.id: the key a normalised client cache stores a subject under. A natural person has
 * no unified social credit code, and their ID number must never be a key, so the id is
 * derived from the internal subject id instead — keyed, one-way, and scoped to the caller:
 *
 * - keyed and one-way (HMAC-SHA256 under a key derived from the server's ID-number HMAC key):
 *   the id encodes nothing — not the ID number, not the row number, not the kind — and nobody
 *   without the key can compute the id of a subject, so ids cannot be guessed or enumerated;
 * - scoped to the caller (role and principal id): the same subject has one id for one caller
 *   every time, which is all a cache needs, but different ids for different callers. So an id
 *   is no cross-caller pseudonym: two callers cannot tell from their ids that they hold the
 *   same natural person, and an id handed on is of no use to anyone else;
 * - anonymous callers are not one caller: everyone without a token shares the PUBLIC
 *   principal, so an id scoped to it would be one public pseudonym per person, following a
 *   desensitised natural person across listings and past a removal or repair. For them a
 *   natural person's id is scoped to the request (stable within one response, new in the
 *   next); an organisation, whose code is published anyway, keeps one public id;
 * - output only: no query accepts a subject id (there is no `node(id:)`), so holding an id —
 *   or trying random ones — cannot test whether a person is recorded. A caller only ever
 *   receives the id of a subject the policy let it see (SubjectService.present).
 *
 * Rotating the HMAC key changes every id: caches simply refill.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import type { IdNumberVault } from '../../identifiers';

/** Who is asking, as far as a subject id is scoped to it. */
export interface SubjectIdScope {
  readonly principal: Principal;
  readonly requestId: string;
}

/** Domain of the derived key: no ID number contains '/', so no lookup hash equals it. */
const KEY_DOMAIN = 'SUBJECT-ID-KEY/1';
const ID_BYTES = 16;

const derivedKeys = new WeakMap<IdNumberVault, KeyObject>();

function keyOf(vault: IdNumberVault): KeyObject {
  let key = derivedKeys.get(vault);
  if (!key) {
    // HMAC(server key, domain) as a sub-key (HKDF-expand style): ids and lookup hashes never share a key.
    // A KeyObject: a Buffer key costs Node 24 a caught exception per HMAC (src/graphql/cursor.ts).
    key = createSecretKey(vault.lookupHash(KEY_DOMAIN));
    derivedKeys.set(vault, key);
  }
  return key;
}

/** The opaque id of a subject (internal id and kind) as this caller sees it: 22 base64url characters. */
export function subjectIdFor(vault: IdNumberVault, caller: SubjectIdScope, subject: { id: number; kind: string }): string {
  const { principal } = caller;
  const scope = principal.role === 'PUBLIC' && subject.kind === 'NATURAL_PERSON' ? `request ${caller.requestId}` : `caller ${principal.role} ${principal.id}`;
  return createHmac('sha256', keyOf(vault))
    .update(`${scope}\n${subject.id}`, 'utf8')
    .digest()
    .subarray(0, ID_BYTES)
    .toString('base64url');
}

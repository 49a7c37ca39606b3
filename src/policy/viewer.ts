/**
 * The policy's view of who is asking: the principal plus what the request context resolved
 * once (the caller's authority, declared purpose, today's legal date, consents already fetched).
 */
import type { Principal } from '../auth/principal';
import type { Purpose } from '../catalog/vocabulary.schema';
import type { CallerAuthority } from './authority';

export interface Viewer {
  readonly principal: Principal;
  /** The caller's agency, agreements in force and jurisdiction (src/policy/authority.ts). */
  readonly authority: CallerAuthority;
  /** The declared purpose, resolved from the vocabulary; undefined when none was declared. */
  readonly purpose: Purpose | undefined;
  /** Today's legal date, 'YYYY-MM-DD' (China Standard Time). */
  readonly today: string;
  /** Whether the subject has a live consent for this viewer's agency and purpose covering the item. */
  consentFor(subjectId: number, itemCode: string): boolean;
}

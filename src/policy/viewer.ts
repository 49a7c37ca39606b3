/**
 * The policy's view of who is asking: the principal plus what the request context resolved
 * once (agency system, declared purpose, today's legal date, consents already fetched).
 */
import type { Principal } from '../auth/principal';
import type { Purpose } from '../catalog/vocabulary.schema';

export interface Viewer {
  readonly principal: Principal;
  /** The national system of the principal's agency (SAMR, STA…), for provider and share checks. */
  readonly agencySystem: string | undefined;
  /** The declared purpose, resolved from the vocabulary; undefined when none was declared. */
  readonly purpose: Purpose | undefined;
  /** Today's legal date, 'YYYY-MM-DD' (China Standard Time). */
  readonly today: string;
  /** Whether the subject has a live consent for this viewer's agency and purpose covering the item. */
  consentFor(subjectId: number, itemCode: string): boolean;
}

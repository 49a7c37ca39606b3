/**
 * A consent's state at an instant (consentState in consent-manage.service.ts), by the same
 * rule the read path uses for live consents: revoked from the revocation instant, expired
 * from the expiry instant, active before both (PIPL 第十五条: withdrawal is not retroactive).
 */
import { consentState } from './consent-manage.service';

const EXPIRES = new Date('2026-12-31T16:00:00Z');

describe('consentState', () => {
  it('is ACTIVE until the instant of expiry, and EXPIRED from it', () => {
    expect(consentState({ expiresAt: EXPIRES, revokedAt: null }, new Date(EXPIRES.getTime() - 1))).toBe('ACTIVE');
    expect(consentState({ expiresAt: EXPIRES, revokedAt: null }, EXPIRES)).toBe('EXPIRED');
  });

  it('is REVOKED from the instant of revocation, not before', () => {
    const revokedAt = new Date('2026-06-01T02:00:00Z');
    expect(consentState({ expiresAt: EXPIRES, revokedAt }, new Date(revokedAt.getTime() - 1))).toBe('ACTIVE');
    expect(consentState({ expiresAt: EXPIRES, revokedAt }, revokedAt)).toBe('REVOKED');
  });

  it('says REVOKED rather than EXPIRED for a consent withdrawn before it ran out', () => {
    expect(consentState({ expiresAt: EXPIRES, revokedAt: new Date('2026-06-01T02:00:00Z') }, new Date('2027-06-01T00:00:00Z'))).toBe('REVOKED');
  });
});

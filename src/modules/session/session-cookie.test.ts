import { cookieValue, sessionCookie, setCookie, signInStateCookie } from './session-cookie';

describe('session cookies', () => {
  it('are __Host- prefixed, Secure, HttpOnly, SameSite=Lax and Path=/ over https', () => {
    const header = setCookie(sessionCookie(true), 'abc', 3600);
    expect(header).toBe('__Host-credit-session=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure');
    // A __Host- cookie must be Secure, with Path=/ and no Domain, or browsers drop it.
    expect(header).not.toMatch(/Domain=/i);
    expect(setCookie(signInStateCookie(true), 'x', 600)).toMatch(/^__Host-credit-sign-in=x; Path=\/; .*; Secure$/);
  });

  it('are neither prefixed nor Secure over plain http on loopback (development), and still HttpOnly and SameSite=Lax', () => {
    expect(setCookie(sessionCookie(false), 'abc', 60)).toBe('credit-session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax');
  });

  it('are deleted with Max-Age=0', () => {
    expect(setCookie(sessionCookie(true), '', 0)).toMatch(/^__Host-credit-session=; Path=\/; Max-Age=0;/);
  });

  it('are read by exact name only', () => {
    expect(cookieValue('a=1; credit-session=xyz; b=2', 'credit-session')).toBe('xyz');
    expect(cookieValue('x-credit-session=no; credit-sessionx=no', 'credit-session')).toBeUndefined();
    expect(cookieValue(undefined, 'credit-session')).toBeUndefined();
  });
});

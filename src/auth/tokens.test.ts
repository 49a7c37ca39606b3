import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { issueToken, verifyToken, bearerToken, TokenVerifier } from './tokens';
import { publicKeyFromPem } from './token-keys';

const secret = Buffer.from('a'.repeat(64));
const other = Buffer.from('b'.repeat(64));

describe('bearer tokens', () => {
  it('round-trips a partner token into its principal', async () => {
    const token = await issueToken(secret, { role: 'PARTNER', sub: 'client-1', agency: 'JS_PRTC' });
    await expect(verifyToken(secret, token)).resolves.toEqual({
      role: 'PARTNER', id: 'client-1', agencyCode: 'JS_PRTC', subjectId: undefined,
    });
  });

  it('rejects a token signed with another key as UNAUTHENTICATED', async () => {
    const token = await issueToken(other, { role: 'AUDITOR', sub: 'a', agency: 'NDRC' });
    await expect(verifyToken(secret, token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'token signature is not valid for this server',
    });
  });

  it('rejects an expired token with a message saying so', async () => {
    const token = await new SignJWT({ role: 'AUDITOR', agency: 'NDRC' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a').setIssuer('public-credit-api').setAudience('public-credit-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret);
    await expect(verifyToken(secret, token)).rejects.toMatchObject({ message: 'token expired; request a new one' });
  });

  it('rejects garbage, a role it does not know, and a subject token without its subject', async () => {
    await expect(verifyToken(secret, 'not.a.jwt')).rejects.toMatchObject({ message: 'token is malformed' });
    const unknownRole = await new SignJWT({ role: 'ROOT', agency: 'X' })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('x')
      .setIssuer('public-credit-api').setAudience('public-credit-api').setExpirationTime('1h').sign(secret);
    await expect(verifyToken(secret, unknownRole)).rejects.toMatchObject({ message: 'token names no known role' });
    const noSubject = await issueToken(secret, { role: 'SUBJECT', sub: 's' });
    await expect(verifyToken(secret, noSubject)).rejects.toMatchObject({ message: 'a SUBJECT token must name its subject' });
  });

  it('reads only well-formed Bearer headers', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow('Authorization header must be "Bearer <token>"');
  });

  it('accepts only the algorithms of the keys configured', async () => {
    const rsa = await generateKeyPair('RS256');
    const idpToken = await new SignJWT({ role: 'AUDITOR', agency: 'NDRC' }).setProtectedHeader({ alg: 'RS256' }).setSubject('a')
      .setIssuer('public-credit-api').setAudience('public-credit-api').setIssuedAt().setExpirationTime('1h').sign(rsa.privateKey);
    await expect(new TokenVerifier({ secret }).verify(idpToken)).rejects.toMatchObject({ message: 'token algorithm RS256 is not accepted (accepted: HS256)' });
    const idpOnly = new TokenVerifier({ secret: undefined, publicKey: publicKeyFromPem(await exportSPKI(rsa.publicKey)) });
    await expect(idpOnly.verify(idpToken)).resolves.toMatchObject({ role: 'AUDITOR', id: 'a' });
    const own = await issueToken(secret, { role: 'AUDITOR', sub: 'a', agency: 'NDRC' });
    await expect(idpOnly.verify(own)).rejects.toMatchObject({ message: 'token algorithm HS256 is not accepted (accepted: RS256)' });
  });

  it('holds every role to its configured lifetime', async () => {
    const short = new TokenVerifier({ secret, maxTtlSeconds: { SUBJECT: 600, PARTNER: 600, DEPARTMENT: 600, CATALOG_ADMIN: 600, AUDITOR: 600 } });
    const token = await issueToken(secret, { role: 'AUDITOR', sub: 'a', agency: 'NDRC' }, 601);
    await expect(short.verify(token)).rejects.toMatchObject({ message: 'token lifetime of 601 s exceeds the 600 s an AUDITOR token may have (TOKEN_MAX_TTL_SECONDS)' });
    await expect(short.verify(await issueToken(secret, { role: 'AUDITOR', sub: 'a', agency: 'NDRC' }, 600))).resolves.toMatchObject({ role: 'AUDITOR' });
  });
});

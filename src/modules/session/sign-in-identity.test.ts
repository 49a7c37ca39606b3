import { createIdNumberVault, makeResidentId } from '../../identifiers';
import type { SubjectRepo } from '../subject/subject.repo';
import { SignInIdentities } from './sign-in-identity';

describe('sign-in identities', () => {
  const vault = createIdNumberVault({ hmacKey: Buffer.alloc(32, 1), encryptionKey: Buffer.alloc(32, 2) });
  const person = makeResidentId({ divisionCode: '320106', birthDate: '1978-06-15', sequence: 123 });
  const asked: string[] = [];
  const repo = {
    findByUscc: async (code: string) => { asked.push(`uscc ${code}`); return code === '91320100748204660Q' ? { id: 1 } : undefined; },
    findByIdNumberHash: async (hash: string) => { asked.push(`hash ${hash}`); return hash === vault.lookupHash(person).toString('hex') ? { id: 3 } : undefined; },
  } as unknown as SubjectRepo;
  const identities = new SignInIdentities(repo, vault);
  const names = { person: 'id_number', company: 'uscc' };
  const now = new Date('2026-06-01T00:00:00Z');

  it('finds a person by the keyed hash of the ID number, which it never hands on', async () => {
    const who = await identities.resolve('https://idp', { sub: 'p1', id_number: person.toLowerCase() }, names, now);
    expect(who).toEqual({ kind: 'PERSON', subjectId: 3, principalId: expect.stringMatching(/^oidc:[0-9a-f]{24}$/) });
    expect(JSON.stringify(who) + asked.join()).not.toContain(person);
  });

  it('takes the company for an agent who sends both, and names nobody for unknown identities', async () => {
    expect(await identities.resolve('https://idp', { sub: 'a1', id_number: person, uscc: '91320100748204660Q' }, names, now))
      .toMatchObject({ kind: 'COMPANY', subjectId: 1 });
    const unknown = makeResidentId({ divisionCode: '320106', birthDate: '1990-01-01', sequence: 999 });
    expect(await identities.resolve('https://idp', { sub: 'n1', id_number: unknown }, names, now)).toMatchObject({ kind: 'PERSON', subjectId: null });
  });

  it('gives one stable pseudonym per issuer and account', async () => {
    const a = await identities.resolve('https://idp', { sub: 'p1', id_number: person }, names, now);
    const b = await identities.resolve('https://idp', { sub: 'p1', id_number: person }, names, now);
    const c = await identities.resolve('https://other', { sub: 'p1', id_number: person }, names, now);
    expect(a.principalId).toBe(b.principalId);
    expect(c.principalId).not.toBe(a.principalId);
  });

  it('refuses claims it cannot use, naming the claim and never its value', async () => {
    const bad = '320106197806151234';
    await expect(identities.resolve('https://idp', { sub: 'x', id_number: bad }, names, now)).rejects.toThrow(/claim "id_number" is not a valid resident ID number/);
    await expect(identities.resolve('https://idp', { sub: 'x', id_number: bad }, names, now)).rejects.not.toThrow(bad);
    await expect(identities.resolve('https://idp', { sub: 'x', uscc: '91320100748204660X' }, names, now)).rejects.toThrow(/claim "uscc" is not a valid USCC/);
    await expect(identities.resolve('https://idp', { sub: 'x' }, names, now)).rejects.toThrow(/sent neither "id_number"/);
    await expect(identities.resolve('https://idp', { id_number: person }, names, now)).rejects.toThrow(/no subject \(sub\)/);
  });
});

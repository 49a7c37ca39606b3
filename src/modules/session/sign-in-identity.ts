/**
 * Who an identity service's claims name here: a person by resident ID number, or a company by
 * USCC for its agent (as an electronic business-licence login does — the agent's own ID number,
 * if also sent, is not used: the session acts for the company). The ID number is looked up by
 * its keyed hash through the vault and then dropped: it is not stored, returned or logged.
 *
 * Someone the identity service vouches for but of whom nothing is held still signs in (their
 * session names no subject and sees the public view): the answer about their own records goes
 * only to the person who proved they hold that identity, and nobody else learns anything.
 */
import { appError } from '../../errors';
import { validateResidentId, validateUscc, type IdNumberVault } from '../../identifiers';
import type { SubjectRepo } from '../subject/subject.repo';
import type { SessionKind } from './session.store';

export interface SignInIdentity {
  kind: SessionKind;
  subjectId: number | null;
  /** Pseudonymous and stable: a keyed hash of the issuer and the identity service's `sub`. */
  principalId: string;
}

export interface IdentityClaimNames {
  person: string;
  company: string;
}

export class SignInIdentities {
  constructor(private readonly subjects: Pick<SubjectRepo, 'findByUscc' | 'findByIdNumberHash'>, private readonly vault: IdNumberVault) {}

  /** Maps verified claims to a subject; throws BAD_USER_INPUT naming the claim (never its value) when neither is usable. */
  async resolve(issuer: string, claims: Record<string, unknown>, names: IdentityClaimNames, now: Date): Promise<SignInIdentity> {
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    if (!sub) throw appError('BAD_USER_INPUT', 'the identity service sent no subject (sub)');
    const principalId = `oidc:${this.vault.lookupHash(`oidc|${issuer}|${sub}`).toString('hex').slice(0, 24)}`;
    const uscc = claims[names.company];
    if (typeof uscc === 'string' && uscc.trim() !== '') {
      const check = validateUscc(uscc);
      if (!check.ok) throw appError('BAD_USER_INPUT', `the identity service's claim "${names.company}" is not a valid USCC (${check.reason})`);
      const row = await this.subjects.findByUscc(check.code);
      return { kind: 'COMPANY', subjectId: row?.id ?? null, principalId };
    }
    const idNumber = claims[names.person];
    if (typeof idNumber === 'string' && idNumber.trim() !== '') {
      const check = validateResidentId(idNumber, now);
      if (!check.ok) throw appError('BAD_USER_INPUT', `the identity service's claim "${names.person}" is not a valid resident ID number (${check.reason})`);
      const row = await this.subjects.findByIdNumberHash(this.vault.lookupHash(check.number).toString('hex'));
      return { kind: 'PERSON', subjectId: row?.id ?? null, principalId };
    }
    throw appError('BAD_USER_INPUT', `the identity service sent neither "${names.person}" (a person's ID number) nor "${names.company}" (a company's USCC); check OIDC_SCOPES and the claim names`);
  }
}

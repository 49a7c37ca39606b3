/** Finding the subject a procedure is about, by USCC or by resident ID number (never stored in clear). */
import { appError } from '../../errors';
import { validateResidentId, validateUscc, type IdNumberVault } from '../../identifiers';
import type { SubjectRepo, SubjectRow } from '../subject/subject.repo';

export async function findSubject(
  repo: Pick<SubjectRepo, 'findByUscc' | 'findByIdNumberHash'>, vault: IdNumberVault, now: Date, code: string | null | undefined, idNumber: string | null | undefined,
): Promise<SubjectRow> {
  if (Boolean(code) === Boolean(idNumber)) {
    throw appError('BAD_USER_INPUT', 'give the subject by exactly one of subjectCode (USCC) or subjectIdNumber (resident ID number)');
  }
  if (code) {
    const check = validateUscc(code);
    if (!check.ok) throw appError('INVALID_USCC', `subjectCode: ${check.message}`, { reason: check.reason });
    const row = await repo.findByUscc(check.code);
    if (!row) throw appError('NOT_FOUND', `no subject with unified social credit code ${check.code}`);
    return row;
  }
  const check = validateResidentId(idNumber!, now);
  if (!check.ok) throw appError('INVALID_ID_NUMBER', `subjectIdNumber: ${check.message}`, { reason: check.reason });
  const row = await repo.findByIdNumberHash(vault.lookupHash(check.number).toString('hex'));
  if (!row) throw appError('NOT_FOUND', 'no natural person with this resident ID number is registered');
  return row;
}

/**
 * The own fields of the credit record a listing creates: a SERIOUS_LIST record carries the
 * decision's elements (49号 四(八)); the court list's COURT_ENFORCEMENT record carries the
 * 失信被执行人 facts (SPC rule art. 4). Values are prepared for storage by `encodePayload`
 * (the respondent's ID number is stored encrypted).
 */
import type { ListType } from '../../catalog/measures.schema';
import { appError } from '../../errors';
import { validateResidentId, type IdNumberVault } from '../../identifiers';
import { encodePayload } from '../credit-record/payload-codec';
import type { SubjectRow } from '../subject/subject.repo';
import type { CourtListingInput } from './serious-list.input';

export interface DecisionTexts {
  readonly reasons: string;
  readonly basis: string;
  readonly measuresNotice: string;
  readonly removalConditions: string;
  readonly removalProcedure: string;
  readonly remedies: string;
}

export interface PayloadFacts {
  readonly type: ListType;
  readonly recordKind: string;
  readonly subject: SubjectRow;
  readonly agencyName: string;
  readonly documentNumber: string;
  readonly listedOn: string;
  readonly texts: DecisionTexts;
  readonly court: CourtListingInput | null | undefined;
}

const PERFORMANCE = ['全部未履行', '部分未履行'];

/** The payload, or BAD_USER_INPUT when the court facts are missing, misplaced or malformed. */
export function listRecordPayload(f: PayloadFacts, vault: IdNumberVault): Record<string, unknown> {
  if (f.recordKind === 'COURT_ENFORCEMENT') return courtPayload(f, vault);
  if (f.court) throw appError('BAD_USER_INPUT', `courtCase: only the court list takes court facts; ${f.type.code} does not`);
  const t = f.texts;
  return encodePayload('SERIOUS_LIST', {
    listName: f.type.name,
    reasons: t.reasons,
    basis: t.basis,
    decisionDocumentNumber: f.documentNumber,
    decidingAuthority: f.agencyName,
    listedOn: f.listedOn,
    measuresNotice: t.measuresNotice,
    // The record kind has one 移出条件和程序 field; the entry keeps the two apart.
    removalConditions: `${t.removalConditions} 移出程序：${t.removalProcedure}`,
    remedies: t.remedies,
  }, vault);
}

function courtPayload(f: PayloadFacts, vault: IdNumberVault): Record<string, unknown> {
  const c = f.court;
  if (!c) throw appError('BAD_USER_INPUT', `courtCase: a ${f.type.code} listing needs the enforcement case facts (case number, basis, obligation, performance, filing date)`);
  if (!PERFORMANCE.includes(c.performance)) {
    throw appError('BAD_USER_INPUT', `courtCase.performance: one of ${PERFORMANCE.join('、')}, got ${JSON.stringify(c.performance)}`);
  }
  if (c.filedOn > f.listedOn) throw appError('BAD_USER_INPUT', `courtCase.filedOn ${c.filedOn} is after the listing date ${f.listedOn}`);
  for (const key of ['caseNumber', 'enforcementBasisNumber', 'enforcementBasisIssuer', 'obligation'] as const) {
    if (!c[key].trim()) throw appError('BAD_USER_INPUT', `courtCase.${key}: must not be blank`);
  }
  const person = f.subject.kind === 'NATURAL_PERSON' ? personFacts(f.subject, vault, f.listedOn) : null;
  return encodePayload('COURT_ENFORCEMENT', {
    caseNumber: c.caseNumber.trim(),
    court: f.agencyName,
    regionName: c.regionName,
    enforcementBasisNumber: c.enforcementBasisNumber.trim(),
    enforcementBasisIssuer: c.enforcementBasisIssuer.trim(),
    obligation: c.obligation,
    performance: c.performance,
    specificCircumstance: f.texts.reasons,
    filedOn: c.filedOn,
    publishedOn: f.listedOn,
    performedPart: c.performedPart,
    unperformedPart: c.unperformedPart,
    legalRepresentative: person ? null : f.subject.legalRepresentative,
    personName: person ? f.subject.name : null,
    respondentIdNumber: person?.idNumber,
    sex: person?.sex,
    age: person?.age,
  }, vault);
}

/** 身份证号码, 性别, 年龄 of a natural person on the court list, from the stored (encrypted) number. */
function personFacts(subject: SubjectRow, vault: IdNumberVault, on: string) {
  const idNumber = vault.decrypt(Buffer.from(subject.idNumberCipher!, 'base64'));
  const check = validateResidentId(idNumber, new Date(`${on}T12:00:00+08:00`));
  if (!check.ok) return { idNumber, sex: null, age: null };
  const [by, bm, bd] = check.birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return { idNumber, sex: check.sex === 'M' ? '男' : '女', age };
}

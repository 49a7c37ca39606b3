/**
 * Does a 49号 八(十六) leniency ground rest on facts (宽容审慎进行认定)? The ground's rule
 * (leniency-grounds.yaml) says what must be shown: a natural person under 18 on the date of the
 * act, from the birth date in the resident ID number; or a cited document. Pure.
 */
import type { SubjectKind } from '../../catalog/catalog.schema';
import type { LeniencyGroundRule } from '../../catalog/leniency.schema';

export interface LeniencyFacts {
  readonly subjectKind: SubjectKind;
  /** From the subject's resident ID number; null when the subject has none. */
  readonly birthDate: string | null;
  /** Date of the act (违法行为发生之日), never after the decision date. */
  readonly actDate: string;
  /** The department cited the document establishing the ground. */
  readonly citedDocument: boolean;
}

/** Whole years between `birthDate` and `on` (both YYYY-MM-DD): the age on that day. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Why the facts do not support the ground; undefined when they do. */
export function leniencyGroundProblem(rule: LeniencyGroundRule, f: LeniencyFacts): string | undefined {
  const req = rule.requires;
  if (req.fact === 'CITED_DOCUMENT') {
    return f.citedDocument ? undefined
      : `ground ${rule.code} (${rule.name}) needs the document establishing it: give leniencyDocument (title, issuer, issuedOn) (${req.basis[0]})`;
  }
  if (!req.subjectKinds.includes(f.subjectKind)) {
    return `ground ${rule.code} (${rule.name}) applies to ${req.subjectKinds.join(', ')} only; this subject is ${f.subjectKind} (${req.basis[0]})`;
  }
  if (f.birthDate === null) return `ground ${rule.code}: the subject's birth date is not known from a resident ID number, so its age cannot be established`;
  const age = ageOn(f.birthDate, f.actDate);
  if (age >= req.years) {
    return `ground ${rule.code} (${rule.name}) needs a person under ${req.years} on the date of the act; the subject was ${age} on ${f.actDate} (birth date from the resident ID number; ${req.basis[0]})`;
  }
  return undefined;
}

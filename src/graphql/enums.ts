/**
 * GraphQL enums derived from the database's closed vocabularies (src/db/schema/enums.ts),
 * so that the API and the tables can never disagree on a value.
 */
import { registerEnumType } from 'type-graphql';
import { DOCUMENT_KINDS, LENIENCY_GROUNDS, SEVERITIES, SUBJECT_KINDS } from '../db/schema/enums';

const asEnum = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

export const SubjectKind = asEnum(SUBJECT_KINDS);
registerEnumType(SubjectKind, {
  name: 'SubjectKind',
  description: '行政相对人类别: legal person or unincorporated organisation, individual business, natural person',
});

export const DocumentKind = asEnum(DOCUMENT_KINDS);
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'Kind of legally effective document a finding rests on (49号 二(二)): judgment, arbitral award, administrative penalty or ruling, or another instrument a law names',
});

export const Severity = asEnum(SEVERITIES);
registerEnumType(Severity, { name: 'Severity', description: 'Severity tier of a dishonesty finding: 轻微, 一般, 严重' });

export const LeniencyGround = asEnum(LENIENCY_GROUNDS);
registerEnumType(LeniencyGround, {
  name: 'LeniencyGround',
  description: '49号 八(十六) grounds for lenient treatment: 未成年人, 不可抗力, 非主观故意, 轻微失信',
});

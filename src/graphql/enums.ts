/**
 * GraphQL enums derived from the database's closed vocabularies (src/db/schema/enums.ts),
 * so that the API and the tables can never disagree on a value.
 */
import { registerEnumType } from 'type-graphql';
import { SUBJECT_KINDS } from '../db/schema/enums';

const asEnum = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

export const SubjectKind = asEnum(SUBJECT_KINDS);
registerEnumType(SubjectKind, {
  name: 'SubjectKind',
  description: '行政相对人类别: legal person or unincorporated organisation, individual business, natural person',
});

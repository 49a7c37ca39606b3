/** Inputs naming documents beside the record's own: the statute behind an OTHER_STATUTORY instrument, and a leniency ground's evidence. */
import { Field, InputType } from 'type-graphql';
import { LEGAL_BASIS_LEVELS, type LegalBasisLevel as Level } from '../../catalog/legal-basis.schema';
import { describedEnum } from '../../graphql/enums';
import { LocalDate } from '../../graphql/scalars';

export const LegalBasisLevel = describedEnum(
  'LegalBasisLevel',
  'Level of a legal instrument: law, administrative regulation, State Council document, local regulation, department rule, judicial interpretation',
  LEGAL_BASIS_LEVELS,
  {
    LAW: '法律.',
    ADMINISTRATIVE_REGULATION: '行政法规.',
    STATE_COUNCIL_DOCUMENT: '国务院文件 (central policy).',
    LOCAL_REGULATION: '地方性法规.',
    DEPARTMENT_RULE: '部门规章.',
    JUDICIAL_INTERPRETATION: '司法解释.',
  } satisfies Record<Level, string>,
);

@InputType({ description: 'The law, regulation or central policy that provides for an OTHER_STATUTORY document, as a structured citation.' })
export class StatutoryReferenceInput {
  @Field(() => LegalBasisLevel, { description: 'Level of the instrument.' })
  level!: Level;

  @Field(() => String, { description: 'Title in 《》, e.g. 《企业信息公示暂行条例》.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Article, e.g. 第十七条; leave out when the whole instrument provides for the document.' })
  article?: string | null;
}

@InputType({
  description: 'The document establishing a 49号 八(十六) leniency ground other than a minor subject: a disaster or epidemic declaration, a force-majeure certificate, the department\'s own finding.',
})
export class LeniencyDocumentInput {
  @Field(() => String, { description: 'Title as written on the document.' })
  title!: string;

  @Field(() => String, { nullable: true, description: '文号, when the document has one.' })
  number?: string | null;

  @Field(() => String, { description: 'Issuing body as named on the document.' })
  issuer!: string;

  @Field(() => LocalDate, { description: 'Date of issue; not after today.' })
  issuedOn!: string;
}

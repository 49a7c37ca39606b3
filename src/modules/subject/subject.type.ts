/**
 * A credit subject as the public and partners see it: its registration information
 * (登记注册基本信息). Every field is credit information disclosed by the catalog's
 * registration item for the subject's kind; nothing here is open by default. Every credit
 * field is nullable, so that a denied field errors alone instead of nulling its siblings —
 * `name` too: a caller may reach a person's records and still be denied their registration.
 * The cache key `id` is not stored on the object: it is a field resolver (subject.resolver.ts),
 * derived per caller (subject-id.ts).
 *
 * Every field here is a column of the subject's row, as SubjectService.view copies it (or
 * decrypts it, for the ID numbers), disclosed or masked by a decision made from the row, the
 * catalog and the date: each is declared to read nothing beyond its parent (field-reads.ts),
 * so a search selecting only these depends on registrations alone. A field added to Subject by
 * another module (credit records, the profile) declares what it reads itself, or nothing.
 */
import { Field, ObjectType } from 'type-graphql';
import { SubjectKind } from '../../graphql/enums';
import { Decimal, LocalDate } from '../../graphql/scalars';
import { ReadsParent } from '../../graphql/field-reads';
import { CreditInfo } from '../../shield/field-tags';

@ObjectType({ description: 'A credit subject (信用主体): an organisation, an individual business or a natural person.' })
export class Subject {
  /**
   * Where the subject is registered (GB/T 2260). Not a GraphQL field: the policy reads it
   * (agreements limited to an area, the report's edition); clients never see it.
   */
  registeredRegion?: string;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '统一社会信用代码 (GB 32100); absent for natural persons.' })
  @CreditInfo('uscc')
  uscc!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '名称 / 姓名. A natural person\'s name is desensitised where it is published.' })
  @CreditInfo('name')
  name!: string | null;

  @ReadsParent()
  @Field(() => SubjectKind, { nullable: true, description: '行政相对人类别.' })
  @CreditInfo('subjectKind')
  subjectKind!: keyof typeof SubjectKind | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '法定代表人 / 负责人 / 经营者.' })
  @CreditInfo('legalRepresentative')
  legalRepresentative!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: 'ID number of the legal representative (desensitised where disclosed at all).' })
  @CreditInfo('legalRepIdNumber')
  legalRepIdNumber!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '居民身份证号码 of a natural person (GB 11643); desensitised where disclosed at all.' })
  @CreditInfo('idNumber')
  idNumber!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '企业类型 / 主体类型.' })
  @CreditInfo('entityType')
  entityType!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '登记状态, e.g. 存续, 在业, 吊销, 注销.' })
  @CreditInfo('status')
  status!: string | null;

  @ReadsParent()
  @Field(() => LocalDate, { nullable: true, description: '成立日期.' })
  @CreditInfo('establishedOn')
  establishedOn!: string | null;

  @ReadsParent()
  @Field(() => Decimal, { nullable: true, description: '注册资本, in 万元.' })
  @CreditInfo('registeredCapital')
  registeredCapital!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '住所 / 经营场所. Never published for natural persons.' })
  @CreditInfo('address')
  address!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '登记机关.' })
  @CreditInfo('registrationAuthority')
  registrationAuthority!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '经营范围.' })
  @CreditInfo('businessScope')
  businessScope!: string | null;

  @ReadsParent()
  @Field(() => String, { nullable: true, description: '联系电话 (desensitised where disclosed at all).' })
  @CreditInfo('phone')
  phone!: string | null;
}

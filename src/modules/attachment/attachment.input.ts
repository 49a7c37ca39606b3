/** Input of the attachment upload. The limits are attachment.rules.ts. */
import { MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A file for one of your open objections or repair applications: give exactly one case. At most 3 files per case, 5 MB each; PDF, JPEG or PNG by content.' })
export class AttachFileInput {
  @Field(() => ID, { nullable: true, description: 'Your objection (Objection.id), while PENDING.' })
  objectionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Your repair application (CreditRepairApplication.id), while undecided.' })
  repairApplicationId?: string | null;

  @Field(() => String, { description: 'The file\'s name, e.g. 缴款凭证.pdf (display only; any path is dropped).' })
  @MaxLength(255)
  fileName!: string;

  @Field(() => String, { nullable: true, description: 'The type the client believes it is; when given it must agree with the content.' })
  @MaxLength(100)
  declaredType?: string | null;

  @Field(() => String, { description: 'The content in base64 (RFC 4648). A request body is limited (LIMIT_BODY_BYTES); larger files go to POST /attachments.' })
  contentBase64!: string;
}

/** The records publishing a catalog or measures-list version rests on (src/policy/catalog-governance.ts). */
import { MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { LocalDate } from '../../graphql/scalars';

@InputType({ description: '批准: who approved the version, when and by which document.' })
export class CatalogApprovalInput {
  @Field(() => String, { description: 'Approving body, e.g. 社会信用体系建设部际联席会议.' })
  @MaxLength(200)
  body!: string;

  @Field(() => LocalDate, { description: 'Date of the approval: after the consultation closed, not after the day of publication.' })
  date!: string;

  @Field(() => String, { description: '文号 of the approving document, e.g. 发改财金规〔2026〕10号.' })
  @MaxLength(200)
  documentNumber!: string;
}

@InputType({ description: '公开征求意见: the public consultation on the draft.' })
export class CatalogConsultationInput {
  @Field(() => LocalDate, { description: 'First day of the consultation.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day of the consultation: at least 30 days after `from` counting both, before the approval.' })
  to!: string;

  @Field(() => String, { description: 'Where it was held: the URL of the notice, or the channel (e.g. 信用中国网站).' })
  @MaxLength(500)
  channel!: string;
}

@InputType({ description: 'The records a version is published on: its approval and its public consultation (49号 二(一), 五(九)).' })
export class PublishCatalogVersionInput {
  @Field(() => CatalogApprovalInput, { nullable: true, description: 'The approval (批准); required.' })
  approval?: CatalogApprovalInput | null;

  @Field(() => CatalogConsultationInput, { nullable: true, description: 'The public consultation (公开征求意见); required, at least 30 days.' })
  consultation?: CatalogConsultationInput | null;
}

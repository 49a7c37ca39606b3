/**
 * An attachment (附件) of an objection or a repair application, as the subject who filed it,
 * the agency handling the case and auditors read it. A procedure object: the service attaches
 * who may see it (procedure-view.ts), so shield passes its fields only then and the access
 * recorder logs every read — of the content above all.
 */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RecordInfo } from '../../shield/field-tags';

@ObjectType({ description: '附件: a file (PDF, JPEG or PNG, at most 5 MB) the subject filed with an objection or a repair application.' })
@RecordInfo()
export class Attachment {
  @Field(() => ID, { description: 'Opaque attachment id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The name the subject gave the file (display only); null once erased (erasedAt).' })
  fileName!: string | null;

  @Field(() => String, { description: 'The type its content showed when uploaded (by magic bytes): application/pdf, image/jpeg or image/png.' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field(() => String, { description: 'Hex SHA-256 of the content: the receipt of exactly what was filed.' })
  sha256!: string;

  @Field(() => DateTimeResolver, { description: 'When it was uploaded.' })
  uploadedAt!: Date;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'When the content and the file name were erased, with the personal data of the record the case is about (its retention ended, or a repair deleted it); null while held. The size, type, SHA-256 and upload time remain: the receipt of what was filed. The content then answers ERASED (the download: 410).',
  })
  erasedAt!: Date | null;

  @Field(() => String, { description: 'Where to download it: GET with the same credentials as /graphql (a bearer token, or the session cookie with X-CSRF-Token). Served as a download, never as a page.' })
  downloadPath!: string;
}

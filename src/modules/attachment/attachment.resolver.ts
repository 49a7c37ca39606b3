/** AttachmentResolver: uploading and reading the files of objections and repair applications. */
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import type { Disclosed } from '../../policy/decision';
import { Action } from '../../shield/field-tags';
import { Objection } from '../objection/objection.type';
import { CreditRepairApplication } from '../repair/repair.type';
import { AttachFileInput } from './attachment.input';
import { Attachment } from './attachment.type';

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Mutation(() => Attachment, {
    description: 'Add a file to one of your open objections or repair applications (SUBJECT): PDF, JPEG or PNG by content, at most 5 MB, 3 per case.',
  })
  @Action('attachment.add')
  attachFile(@Arg('input', () => AttachFileInput, { description: 'The case, the file name and the content.' }) input: AttachFileInput, @Ctx() ctx: RequestContext) {
    return ctx.services.attachments.attach(ctx, input);
  }

  @Query(() => Attachment, {
    description: 'One attachment: the subject who filed it, the agency handling its case, auditors. Every read is in the access log.',
  })
  @Action('attachment.read')
  attachment(@Arg('id', () => ID, { description: 'Attachment.id.' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.attachments.one(ctx, id);
  }

  @FieldResolver(() => String, { description: 'The file\'s content in base64 (also at downloadPath as the file itself); an ERASED error once erased (erasedAt).' })
  contentBase64(@Root() attachment: Disclosed<Attachment>, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.services.attachments.content(attachment);
  }
}

@Resolver(() => Objection)
export class ObjectionAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'The files filed with the objection, in upload order.' })
  attachments(@Root() objection: Disclosed<Objection>, @Ctx() ctx: RequestContext) {
    return ctx.services.attachments.ofCase(objection, 'OBJECTION', objection.id);
  }
}

@Resolver(() => CreditRepairApplication)
export class RepairAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'The evidence filed with the application, in upload order.' })
  attachments(@Root() application: Disclosed<CreditRepairApplication>, @Ctx() ctx: RequestContext) {
    return ctx.services.attachments.ofCase(application, 'REPAIR', application.id);
  }
}

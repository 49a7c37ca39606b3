/** SubjectResolver: GraphQL mapping of subject look-ups. Arguments in, one service call, out. */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, PageArgs } from '../../graphql/connection';
import { ReadsParent, ReadsRegistrations } from '../../graphql/field-reads';
import type { RequestContext } from '../../graphql/context';
import { disclosureOf } from '../../policy/decision';
import { Action, Open } from '../../shield/field-tags';
import { subjectIdFor } from './subject-id';
import { Subject } from './subject.type';
import type { FindSubjects } from './subject.service';
import { recordsAhead } from '../credit-record/credit-record.resolver';

export const SubjectConnection = connectionOf(Subject, 'Subject');

/**
 * When the selection under a field returning subjects will make one records load (recordsAhead),
 * the subjects are read with those records in one statement and the request's loader primed
 * with them; otherwise (undefined) the subjects are read alone and the loader loads as usual.
 */
function withRecordsAhead(ctx: RequestContext, info: GraphQLResolveInfo): FindSubjects | undefined {
  const ahead = recordsAhead(info);
  if (!ahead) return undefined;
  return async (usccs) => {
    const found = await ctx.services.records.subjectsWithVisible(ctx, usccs, ahead.kinds);
    for (const [id, records] of found.records) ctx.loaders.prime(ahead.kinds, id, records);
    return found.subjects;
  };
}

@Resolver(() => Subject)
export class SubjectResolver {
  @FieldResolver(() => ID, {
    description:
      'Opaque id to cache the subject under: the same for you on every request, different for every other caller, ' +
      'and derived from nothing a client knows (not the code, not an ID number). No query takes it as an argument.',
  })
  // Open: it carries no credit information, and only a subject the policy let you see has one to read.
  @Open()
  // A keyed hash of the row's id and kind, scoped to the caller: no query.
  @ReadsParent()
  id(@Root() subject: Subject, @Ctx() ctx: RequestContext): string {
    const disclosure = disclosureOf(subject);
    if (!disclosure) throw new Error('subject without a disclosure decision reached Subject.id');
    // The kind as stored (the object carries it whether or not subjectKind is disclosed to this caller).
    return subjectIdFor(ctx.services.vault, ctx, { id: disclosure.subjectId, kind: subject.subjectKind ?? 'NATURAL_PERSON' });
  }

  @Query(() => Subject, {
    nullable: true,
    description:
      'The subject with this unified social credit code (统一社会信用代码), or null when there is none you may see. ' +
      'The code is checked against GB 32100: a malformed code is an INVALID_USCC error, not null.',
  })
  @Action('subject.lookup')
  subject(
    @Arg('code', () => String, { description: '18-character unified social credit code, e.g. 91320100748204660Q.' }) code: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Subject | null> {
    return ctx.services.subjects.lookupByUscc(ctx, code, withRecordsAhead(ctx, info));
  }

  @Query(() => Subject, {
    nullable: true,
    description: 'Yourself (SUBJECT: the subject your token or sign-in session is bound to), with everything the policy shows you of your own data; null when nothing is held about you.',
  })
  @Action('subject.readOwn')
  mySubject(@Ctx() ctx: RequestContext): Promise<Subject | null> {
    return ctx.services.subjects.own(ctx);
  }

  @Query(() => Subject, {
    nullable: true,
    description:
      'A natural person by resident ID number (居民身份证号码, GB 11643) — for agencies with a lawful purpose and, where the ' +
      'purpose requires it, the person\'s consent; and for the person themself. Null when there is none you may see.',
  })
  @Action('subject.lookupPerson')
  naturalPerson(
    @Arg('idNumber', () => String, { description: '18-character resident ID number; checked against GB 11643.' }) idNumber: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Subject | null> {
    return ctx.services.subjects.lookupByIdNumber(ctx, idNumber);
  }

  @Query(() => SubjectConnection, {
    description:
      'Search subjects by part of their name (主体名称) or by a full unified social credit code. ' +
      'Only subjects whose registration information you may see are searched; natural persons are never found by name. ' +
      'A keyword that very many names contain yields its first 1,000 matches (totalCount stops there): refine it to narrow the list.',
  })
  @Action('subject.search')
  // SubjectService.search reads the subjects and their name index, and decides by the catalog
  // and the date: no credit record (its registration item's gate and the subject's own row).
  @ReadsRegistrations()
  searchSubjects(
    @Arg('keyword', () => String, { description: '2 to 50 characters of a name, or an 18-character code.' }) keyword: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.subjects.search(ctx, keyword, page);
  }

  @Query(() => [Subject], {
    nullable: 'items',
    description:
      'Partner batch lookup: up to 100 subjects by unified social credit code in one request, in the order given. ' +
      'Each position answers alone: the subject; null where there is none you may see; or, for a malformed code, null ' +
      'with an INVALID_USCC error whose path is that position (subjectsByCodes.<index>, extensions.index) — the other ' +
      'positions still answer. Declare X-Purpose; shared fields follow the catalog for that purpose.',
  })
  @Action('subject.batchLookup')
  subjectsByCodes(
    @Arg('codes', () => [String], { description: 'Unified social credit codes, at most 100.' }) codes: string[],
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Array<Subject | null | Error>> {
    // An Error in the list is a field error at its position to graphql-js: that entry is null, the rest answer.
    return ctx.services.subjects.lookupManyByUscc(ctx, codes, withRecordsAhead(ctx, info));
  }
}

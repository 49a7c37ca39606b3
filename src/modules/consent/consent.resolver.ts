/** ConsentResolver: a subject grants, revokes and lists its own consents. */
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { GrantConsentInput } from './consent.input';
import { Consent, ConsentConnection } from './consent.type';

@Resolver()
export class ConsentResolver {
  @Mutation(() => Consent, {
    description: 'Grants an agency access to your data for purposes that rest on consent, for named items, until an expiry (SUBJECT). Effective at once.',
  })
  @Action('consent.manage')
  grantConsent(
    @Arg('input', () => GrantConsentInput, { description: 'Grantee, purposes, items, expiry, channel and evidence.' }) input: GrantConsentInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.consentManagement.grant(ctx, input);
  }

  @Mutation(() => Consent, { description: 'Revokes one of your consents, effective at once (SUBJECT).' })
  @Action('consent.manage')
  revokeConsent(@Arg('id', () => ID, { description: 'The consent\'s id (Consent.id).' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.consentManagement.revoke(ctx, id);
  }

  @Query(() => ConsentConnection, { description: 'Your consents, newest first, with their state now (SUBJECT).' })
  @Action('consent.manage')
  myConsents(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.consentManagement.list(ctx, page);
  }
}

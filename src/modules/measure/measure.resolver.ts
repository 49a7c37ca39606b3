/** MeasureResolver: GraphQL mapping of applying, lifting and reading punishment measures. */
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Action } from '../../shield/field-tags';
import { ApplyPunishmentMeasureInput, LiftPunishmentMeasureInput, MeasureApplicationsArgs } from './measure.input';
import { MeasureApplication } from './measure.type';

@Resolver()
export class MeasureResolver {
  @Mutation(() => MeasureApplication, {
    description:
      'Apply a measure of the published punishment-measures list to an ACTIVE dishonesty record or a LISTED entry (49号 五(九)(十)), ' +
      'as an agency of one of the measure\'s implementers (FORBIDDEN otherwise): ' +
      'the cited basis must be one of the measure\'s own, and the target\'s severity and list must be ones the measure answers. ' +
      'Measures of organisations outside government are only ever RECOMMENDED.',
  })
  @Action('measure.apply')
  applyPunishmentMeasure(@Arg('input', () => ApplyPunishmentMeasureInput, { description: 'The measure and its target.' }) input: ApplyPunishmentMeasureInput, @Ctx() ctx: RequestContext) {
    return ctx.services.measures.apply(ctx, input);
  }

  @Mutation(() => MeasureApplication, { description: 'Lift a measure in force: by the agency that applied it or one above it in its system.' })
  @Action('measure.apply')
  liftPunishmentMeasure(@Arg('input', () => LiftPunishmentMeasureInput, { description: 'The application and why.' }) input: LiftPunishmentMeasureInput, @Ctx() ctx: RequestContext) {
    return ctx.services.measures.lift(ctx, input);
  }

  @Query(() => [MeasureApplication], {
    description:
      'Measures applied to one credit record or list entry, newest first. A subject sees all of those on its own record or entry; ' +
      'an auditor all; a department all of them for the system that made the target, else those its system applied.',
  })
  @Action('measure.read')
  measureApplications(@Args(() => MeasureApplicationsArgs) args: MeasureApplicationsArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.measures.list(ctx, args);
  }
}

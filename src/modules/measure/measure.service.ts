/**
 * MeasureService: applying punishment measures from the published list (清单制, 49号 五(九)),
 * by their implementers only, in proportion to the dishonesty they answer (过惩相当, 五(十)),
 * and lifting them.
 *
 * Who may apply is a power, not a jurisdiction: the recording or listing department determines
 * the dishonesty, and every implementing body acts on that finding nationwide (联合惩戒), so any
 * agency of an implementing system may apply the measure to any live record or entry. Lifting
 * undoes one agency's decision: that agency, or one above it in its system, lifts it.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import type { Measure } from '../../catalog/measures.schema';
import type { UnitOfWork } from '../unit-of-work';
import { AppError, appError } from '../../errors';
import type { Caller } from '../caller';
import { mayImplementMeasure } from '../../policy/powers';
import { procedureView, type ProcedureBasis } from '../../policy/procedure-view';
import { legalDate } from '../../time/legal-date';
import type { AgencyDirectory } from '../agency/agency.directory';
import type { AgencyRow } from '../agency/agency.repo';
import { decodeId, encodeId } from '../../graphql/opaque-id';
import type { ApplyPunishmentMeasureInput, LiftPunishmentMeasureInput, MeasureApplicationsArgs } from './measure.input';
import type { ApplicationWithMeasure, MeasureRow } from './measure.repo';
import { citedBasis, leniencyLimitProblem, modeFor, modeNote, proportionalityProblem, type MeasureMode } from './measure.rules';
import { resolveTarget, type ResolvedTarget } from './measure.target';
import type { MeasureApplication } from './measure.type';

export class MeasureService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly catalog: CatalogIndex,
    private readonly agencies: AgencyDirectory,
  ) {}

  async apply(ctx: Caller, input: ApplyPunishmentMeasureInput) {
    const agency = this.actingAgency(ctx);
    const today = legalDate(ctx.now);
    const row = await this.work.repos.measures.publishedByCode(input.measureCode);
    if (!row) throw appError('NOT_IN_CATALOG', `measure ${input.measureCode} is not in a published punishment-measures list; nothing outside the list may be applied (49号 五(九))`);
    const measure = row.definition as Measure;
    // Who acts is checked before what it acts on: a non-implementer learns nothing about the target.
    this.assertImplementer(agency, row);
    const cited = citedBasis(measure, input.citedBasis);
    if ('problem' in cited) throw appError('NOT_ELIGIBLE', cited.problem);
    const target = await resolveTarget(this.work.repos.measures, this.work.repos.recordNumbers, this.catalog, today, input);
    if (!target.live) throw appError('INVALID_TRANSITION', `${target.label} is not in force; measures answer ACTIVE records and LISTED entries only`);
    const problem = proportionalityProblem(measure, target.facts);
    if (problem) throw appError('NOT_ELIGIBLE', problem);
    const limited = leniencyLimitProblem(measure, target.facts, this.catalog.bundle.leniencyGrounds);
    if (limited) throw appError('LENIENCY_LIMITS_MEASURE', limited);
    const mode = modeFor(row.category);
    const applied = await this.work.transaction(async ({ repos }) => {
      const repo = repos.measures;
      await repo.lockTarget(target.target);
      if (!(await repo.holdLive(target.target, today))) {
        throw appError('CONFLICT', `${target.label} was removed or withdrawn while the measure was being applied; read it again`);
      }
      const existing = await repo.activeApplication(target.target, row.code);
      if (existing) throw appError('CONFLICT', `measure ${row.code} is already in force on ${target.label} (application ${encodeId('MeasureApplication', existing.id)})`);
      // The database refuses an IMPOSED third-party measure as well (measure_third_party_only_recommended).
      return repo.insert({
        measureId: row.id, measureCategory: row.category, mode, ...target.target, agencyCode: agency.code,
        citedBasis: cited.basis, appliedAt: ctx.now, appliedByOfficial: ctx.principal.id,
      });
    });
    const view = { ...applied, measureCode: row.code, measureName: row.name, listVersionId: row.listVersionId };
    return this.view(view, target, 'HANDLING_AGENCY');
  }

  async lift(ctx: Caller, input: LiftPunishmentMeasureInput) {
    const agency = this.actingAgency(ctx);
    const id = decodeId('MeasureApplication', input.id, 'id');
    const reason = input.reason.trim();
    if (!reason) throw appError('BAD_USER_INPUT', 'reason: say why the measure is lifted');
    const current = await this.work.repos.measures.findById(id);
    if (!current) throw appError('NOT_FOUND', `id: no measure application ${input.id}`);
    // Lifting undoes a decision: its maker, or an agency above it in the same system, undoes it.
    // No implementer check here: the maker was one when it applied the measure (a list version
    // never changes), and a measure a non-implementer applied before this rule existed must stay
    // liftable by the agency that applied it in error.
    if (!this.agencies.isWithin(agency.code, current.agencyCode)) {
      throw appError('FORBIDDEN', `measure application ${input.id} was applied by ${current.agencyCode}; only that agency or one above it in its system lifts it`);
    }
    if (current.liftedAt) throw appError('INVALID_TRANSITION', `measure application ${input.id} was already lifted (${current.liftReason})`);
    const lifted = await this.work.transaction(({ repos }) => repos.measures.lift(id, reason, ctx.now));
    if (!lifted) throw appError('CONFLICT', `measure application ${input.id} was lifted by another decision first`);
    const target = await resolveTarget(this.work.repos.measures, this.work.repos.recordNumbers, this.catalog, legalDate(ctx.now), this.idsOf(current));
    return this.view({ ...current, ...lifted }, target, 'HANDLING_AGENCY');
  }

  /**
   * Applications to one target: for the subject, all of those on its own record or entry
   * (it has the right to know what is applied to it); for an auditor, all; for a department,
   * those it handles (its system applied them or made the target).
   */
  async list(ctx: Caller, args: MeasureApplicationsArgs) {
    const { principal } = ctx;
    if (principal.role === 'SUBJECT' || principal.role === 'AUDITOR') {
      const own = principal.role === 'SUBJECT';
      // A subject gets the same answer for another's target as for one that does not exist.
      const notYours = () => appError('NOT_FOUND', 'no such credit record or list entry of yours');
      const target = await resolveTarget(this.work.repos.measures, this.work.repos.recordNumbers, this.catalog, legalDate(ctx.now), args).catch((err: unknown) => {
        throw own && err instanceof AppError && err.code === 'NOT_FOUND' ? notYours() : err;
      });
      if (own && target.subjectId !== principal.subjectId) throw notYours();
      const rows = await this.work.repos.measures.listFor(target.target);
      return rows.map((r) => this.view(r, target, own ? 'OWN' : 'AUDIT'));
    }
    const agency = this.actingAgency(ctx);
    const target = await resolveTarget(this.work.repos.measures, this.work.repos.recordNumbers, this.catalog, legalDate(ctx.now), args);
    const handlesTarget = this.agencies.get(target.agencyCode)?.system === agency.system;
    const rows = await this.work.repos.measures.listFor(target.target);
    return rows
      .filter((r) => handlesTarget || this.agencies.get(r.agencyCode)?.system === agency.system)
      .map((r) => this.view(r, target, 'HANDLING_AGENCY'));
  }

  private view(r: ApplicationWithMeasure, target: ResolvedTarget, basis: ProcedureBasis) {
    const value: MeasureApplication = {
      id: encodeId('MeasureApplication', r.id),
      measureCode: r.measureCode,
      measureName: r.measureName,
      measureCategory: r.measureCategory,
      listVersion: r.listVersionId,
      mode: r.mode,
      modeNote: modeNote(r.mode as MeasureMode),
      creditRecordId: r.creditRecordId === null ? null : encodeId('CreditRecord', r.creditRecordId),
      listEntryId: r.listEntryId === null ? null : encodeId('SeriousListEntry', r.listEntryId),
      agencyCode: r.agencyCode,
      citedBasis: r.citedBasis,
      appliedAt: r.appliedAt,
      active: r.liftedAt === null && target.live,
      liftedAt: r.liftedAt,
      liftReason: r.liftReason,
    };
    return procedureView(value, 'measure-application', target.subjectId, basis);
  }

  private idsOf(r: ApplicationWithMeasure) {
    return r.creditRecordId !== null
      ? { creditRecordId: encodeId('CreditRecord', r.creditRecordId) }
      : { listEntryId: encodeId('SeriousListEntry', r.listEntryId!) };
  }

  /**
   * 49号 五(九): only agencies of the systems the agencies' powers name for the measure
   * (agency-powers.yaml, read through the catalog in force) implement it (src/policy/powers.ts).
   */
  private assertImplementer(agency: AgencyRow, row: MeasureRow): void {
    const power = mayImplementMeasure(agency, { code: row.code, category: row.category }, this.catalog.implementersOf(row.code));
    if (!power.ok) throw appError(power.code, power.reason);
  }

  private actingAgency(ctx: Caller): AgencyRow {
    const agency = ctx.principal.agencyCode ? this.agencies.get(ctx.principal.agencyCode) : undefined;
    if (ctx.principal.role !== 'DEPARTMENT' || !agency) throw appError('FORBIDDEN', 'punishment measures are applied by departments acting for a known agency');
    return agency;
  }
}

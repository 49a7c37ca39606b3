/** ConsentService: loading the consents a request needs (granting and revoking: lifecycle). */
import type { Caller } from '../caller';
import type { UnitOfWork } from '../unit-of-work';

export class ConsentService {
  constructor(private readonly work: UnitOfWork) {}

  /**
   * Makes sure the request's consent store knows these subjects. Only needed when the
   * purpose's personal-data basis is consent; otherwise no query is made.
   */
  async ensureLoaded(ctx: Caller, subjectIds: readonly number[]): Promise<void> {
    const agency = ctx.principal.agencyCode;
    const purpose = ctx.purpose;
    if (!agency || purpose?.personalDataBasis !== 'CONSENT') return;
    const missing = subjectIds.filter((id) => !ctx.consents.isLoaded(id));
    if (missing.length === 0) return;
    const rows = await this.work.repos.consents.live(missing, agency, purpose.code, ctx.now);
    for (const row of rows) ctx.consents.add(row.subjectId, row.itemCodes);
    ctx.consents.markLoaded(missing);
  }
}

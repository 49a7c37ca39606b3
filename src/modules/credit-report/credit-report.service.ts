/**
 * CreditReportService: assembles a subject's credit report from the existing read path — the
 * subject as SubjectService presents it (registration under the policy) and the records the
 * caller passes in (the request's `recordsBySubject` loader: the policy's SQL filter and
 * per-record decisions) — so
 * the report shows exactly what `subject { profile }` shows, in one statement for the subject
 * and one for all its records, however many there are.
 */
import type { CatalogIndex } from '../../catalog/catalog.index';
import { appError } from '../../errors';
import type { Caller } from '../caller';
import { mayPerform } from '../../policy/actions';
import { countsAbout, disclosureOf, type Disclosed } from '../../policy/decision';
import { validateResidentId, validateUscc } from '../../identifiers';
import type { RecordView } from '../credit-record/credit-record.view';
import type { SubjectService } from '../subject/subject.service';
import type { Subject } from '../subject/subject.type';
import { CreditReport, CreditReportSection, CreditReportSummary } from './credit-report.type';
import { reportEdition } from './report-edition';
import { reportNotes } from './report-notes';
import { newReportNumber } from './report-number';
import { REPORT_SECTIONS, SECTION_RECORD_LIMIT } from './report-sections';

/** Shaped like a resident ID number: 17 digits and a digit or X. */
const ID_NUMBER_SHAPE = /^\d{17}[\dXx]$/;

/** The records of a subject the caller may see, each with its disclosure decisions. */
export type RecordsOf = (subjectId: number) => Promise<Disclosed<RecordView>[]>;

export class CreditReportService {
  constructor(private readonly catalog: CatalogIndex, private readonly subjects: SubjectService) {}

  /** The report about the subject with this code, or null when there is none the viewer may see. */
  async report(ctx: Caller, code: string, recordsOf: RecordsOf): Promise<CreditReport | null> {
    const subject = await this.findSubject(ctx, code);
    const disclosure = subject && disclosureOf(subject);
    // The view always holds the kind (the shield guards what the client reads of it, not this).
    const kind = subject?.subjectKind;
    if (!subject || !disclosure || !kind) return null;
    const records = await recordsOf(disclosure.subjectId);
    const edition = reportEdition(ctx.policy, this.catalog, { id: disclosure.subjectId, kind, regionCode: subject.registeredRegion ?? '' });
    const report = Object.assign(new CreditReport(), {
      reportNumber: newReportNumber(ctx.now),
      generatedAt: ctx.now,
      edition,
      registration: subject,
      summary: countsAbout(Object.assign(new CreditReportSummary(), { total: 0 }), disclosure.subjectId),
      notes: reportNotes(edition),
    });
    for (const spec of REPORT_SECTIONS) {
      const section = countsAbout(sectionOf(spec.title, records.filter((r) => r.recordKind === spec.kind)), disclosure.subjectId);
      report[spec.key] = section;
      report.summary[spec.key] = section.totalCount;
      report.summary.total += section.totalCount;
    }
    return report;
  }

  /**
   * By unified social credit code, or — for natural persons, who have none — by resident ID
   * number, for those the action catalog lets find persons that way (not the public). Either
   * way SubjectService decides whether the viewer may see the subject at all.
   */
  private findSubject(ctx: Caller, code: string): Promise<Subject | null> {
    const uscc = validateUscc(code);
    if (uscc.ok) return this.subjects.lookupByUscc(ctx, uscc.code);
    if (!ID_NUMBER_SHAPE.test(code.trim())) {
      throw appError('INVALID_USCC', `code: ${uscc.message}; a natural person is named by resident ID number instead`, { reason: uscc.reason });
    }
    const person = validateResidentId(code, ctx.now);
    if (person.ok) {
      // Finding a person by ID number is its own action (naturalPerson): the public may not.
      if (!mayPerform(ctx.principal, 'subject.lookupPerson')) {
        throw appError('FORBIDDEN', `role ${ctx.principal.role} may not look a natural person up by resident ID number`, {
          action: 'subject.lookupPerson',
        });
      }
      return this.subjects.lookupByIdNumber(ctx, person.number);
    }
    // Shaped like both: name the problem of the reading that came closer (a real birth date
    // makes it an ID number with a typo), and give the other reading too.
    const asId = person.reason === 'CHECK_CHARACTER';
    throw appError(
      asId ? 'INVALID_ID_NUMBER' : 'INVALID_USCC',
      asId ? `code: ${person.message} (nor is it a unified social credit code: ${uscc.message})`
        : `code: ${uscc.message} (nor is it a resident ID number: ${person.message})`,
      { reason: asId ? person.reason : uscc.reason },
    );
  }
}

function sectionOf(title: string, records: readonly RecordView[]): CreditReportSection {
  return Object.assign(new CreditReportSection(), {
    title,
    totalCount: records.length,
    records: records.slice(0, SECTION_RECORD_LIMIT),
  }) as CreditReportSection;
}

/**
 * The test data builder: the state an integration test needs — subjects, agencies, credit
 * records, consents, listings, measures — made for that test, with identifiers no other call
 * (and no seeded row) uses. Records and procedures go through the real server's operations;
 * subjects and agencies, which no service creates, are written as reference data.
 *
 *   const server = await startTestServer({ seed: false, now: () => clock });
 *   const build = builder(server, { clock });
 *   await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106');
 *   await build.partners('JS_PRTC');
 *   const company = await build.legalPerson({ region: '320100' });
 *   const penalty = await build.penalty(company, { by: 'SAMR_320106', decisionDate: '2026-10-08' });
 */
import { createIdNumberVault } from '../../../src/identifiers';
import { addDays } from '../../../src/time/legal-date';
import { TEST_KEYS, type TestServer } from '../server';
import { governmentAgency, insertAgencies, partnerAgency, insertAgency, insertOrganisation, insertPerson, type AgencySpec, type BuiltSubject, type OrganisationSpec, type PersonSpec } from './parties';
import {
  applyMeasure, decideListing, grantConsent, notifyListing, recordLicence, recordPenalty, revokeRecord,
  type BuiltEntry, type BuiltRecord, type ConsentSpec, type ListingSpec, type RecordSpec,
} from './records';

export type { BuiltEntry, BuiltRecord, BuiltSubject };
export { uniqueResidentId, uniqueUscc } from './identifiers';

/** The test's clock, when the server was started with `now: () => clock`; listing needs it. */
export interface TestClock {
  now(): Date;
  set(at: Date): void;
}

export interface Builder {
  legalPerson(spec?: Omit<OrganisationSpec, 'kind'>): Promise<BuiltSubject>;
  individualBusiness(spec?: Omit<OrganisationSpec, 'kind'>): Promise<BuiltSubject>;
  naturalPerson(spec?: PersonSpec): Promise<BuiltSubject>;
  agency(spec: AgencySpec): Promise<{ code: string }>;
  /**
   * Government agencies by registry code — 'SAMR_320106', 'SPC_320100', 'NDRC' — with the level,
   * kind and system the code implies (governmentAgency); partners go through `agency`.
   */
  agencies(...codes: string[]): Promise<void>;
  /** Partners by registry code: JS_PRTC, NJ_GPC, JL_BANK, SZ_BANK, NJ_HR, JS_CREDIT_SVC. */
  partners(...codes: string[]): Promise<void>;
  penalty(subject: BuiltSubject, spec: RecordSpec): Promise<BuiltRecord>;
  licence(subject: BuiltSubject, spec: RecordSpec): Promise<BuiltRecord>;
  /** Revokes the record as `by`, an agency of its providing system with jurisdiction over it. */
  revoke(record: BuiltRecord, spec: { by: string; reason?: string }): Promise<void>;
  /** `expiresAt` defaults to 30 days after the server's clock. */
  consent(subject: BuiltSubject, spec: Omit<ConsentSpec, 'expiresAt'> & { expiresAt?: string }): Promise<{ id: string }>;
  /** A NOTIFIED entry (告知), on the server's today. */
  notice(subject: BuiltSubject, spec: ListingSpec): Promise<BuiltEntry>;
  /**
   * A LISTED entry: notified on `notifiedOn`, decided the day after its objection window
   * (the clock is moved for the two steps and put back). Needs the test's clock.
   */
  listing(subject: BuiltSubject, spec: ListingSpec & { notifiedOn: string; statutoryBasis?: string }): Promise<BuiltEntry>;
  measure(spec: { by: string; measureCode: string; creditRecordId?: string; listEntryId?: string }): Promise<{ id: string }>;
}

export function builder(server: TestServer, opts: { clock?: TestClock } = {}): Builder {
  const vault = createIdNumberVault({ hmacKey: TEST_KEYS.idHmac, encryptionKey: TEST_KEYS.idEncryption });
  const clock = opts.clock;
  const now = () => clock?.now() ?? new Date();
  return {
    legalPerson: (spec) => insertOrganisation(server, vault, { ...spec, kind: 'LEGAL_PERSON' }),
    individualBusiness: (spec) => insertOrganisation(server, vault, { ...spec, kind: 'INDIVIDUAL_BUSINESS' }),
    naturalPerson: (spec) => insertPerson(server, vault, spec),
    agency: (spec) => insertAgency(server, spec),
    agencies: async (...codes) => { await insertAgencies(server, codes.map(governmentAgency)); },
    partners: async (...codes) => { await insertAgencies(server, codes.map(partnerAgency)); },
    penalty: (subject, spec) => recordPenalty(server, subject, spec),
    licence: (subject, spec) => recordLicence(server, subject, spec),
    revoke: (record, spec) => revokeRecord(server, record, spec),
    consent: (subject, spec) =>
      grantConsent(server, subject, { ...spec, expiresAt: spec.expiresAt ?? new Date(now().getTime() + 30 * 86_400_000).toISOString() }),
    notice: (subject, spec) => notifyListing(server, subject, spec),
    async listing(subject, spec) {
      if (!clock) throw new Error('builder.listing needs the test clock: builder(server, { clock })');
      const saved = clock.now();
      try {
        clock.set(new Date(`${spec.notifiedOn}T10:00:00+08:00`));
        const notice = await notifyListing(server, subject, spec);
        const decidedOn = addDays(notice.objectionDeadline, 1);
        clock.set(new Date(`${decidedOn}T10:00:00+08:00`));
        return await decideListing(server, notice, { by: spec.by, effectiveOn: decidedOn, listType: spec.listType, statutoryBasis: spec.statutoryBasis, listingPeriodMonths: spec.listingPeriodMonths });
      } finally {
        clock.set(saved);
      }
    },
    measure: (spec) => applyMeasure(server, spec),
  };
}

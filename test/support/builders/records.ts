/**
 * Credit records, consents, serious-list listings and measures made the way the application
 * makes them: the operations a department or a subject sends, through the real server, its
 * policy and its services. A refusal fails the test at once, with the server's errors.
 */
import { ok } from '../responses';
import { authHeaders, type TestServer } from '../server';
import type { BuiltSubject } from './parties';

export type Severity = 'MINOR' | 'GENERAL' | 'SERIOUS';

export interface RecordSpec {
  /** The recording agency: a department of the item's providing system. */
  by: string;
  /** Catalog item in force; default per kind (03-02-001 市场监管行政处罚, 03-01-001 行政许可). */
  itemCode?: string;
  decisionDate: string;
  /** Default GENERAL for a penalty, none for a licence. */
  severity?: Severity | null;
  /** The legally effective document; a penalty gets one numbered uniquely by default. */
  document?: Record<string, unknown> | null;
  /** The record kind's own fields, added to (or replacing) the defaults. */
  fields?: Record<string, unknown>;
  sector?: string;
  /** Further RecordCreditInformationInput fields (leniencyGround, leniencyDocument, actDate, statedPublicationEnd…). */
  input?: Record<string, unknown>;
}

export interface BuiltRecord {
  /** Opaque CreditRecord id, as the API issues it. */
  readonly id: string;
  readonly documentNumber: string | null;
}

let docSeq = 0;
const RECORD = 'mutation($input: RecordCreditInformationInput!) { recordCreditInformation(input: $input) { id } }';

async function record(server: TestServer, subject: BuiltSubject, group: 'penalty' | 'licence', spec: RecordSpec, defaults: Record<string, unknown>, severity: Severity | null) {
  const document = spec.document === undefined ? defaultDocument(spec, group) : spec.document;
  const input = {
    ...subject.ref, itemCode: spec.itemCode ?? (group === 'penalty' ? '03-02-001' : '03-01-001'), decisionDate: spec.decisionDate,
    severity: spec.severity === undefined ? severity : spec.severity, document, sector: spec.sector,
    [group]: { ...defaults, ...spec.fields },
    ...spec.input,
  };
  const made = ok(await server.gql(RECORD, { input }, await authHeaders({ role: 'DEPARTMENT', agency: spec.by }, 'CREDIT_SUPERVISION')), 'recordCreditInformation');
  return { id: made.id as string, documentNumber: (document?.number as string | undefined) ?? null };
}

function defaultDocument(spec: RecordSpec, group: 'penalty' | 'licence'): Record<string, unknown> | null {
  if (group === 'licence') return null;
  docSeq += 1;
  // Named as an administrative organ is (…局): the item's basis document must come from one.
  return { kind: 'ADMINISTRATIVE_PENALTY', number: `测罚〔${spec.decisionDate.slice(0, 4)}〕${docSeq}号`, issuer: `${spec.by}行政执法局（测试）`, effectiveOn: spec.decisionDate };
}

/** An administrative penalty (行政处罚), a dishonesty record with a document and a severity. */
export function recordPenalty(server: TestServer, subject: BuiltSubject, spec: RecordSpec): Promise<BuiltRecord> {
  return record(server, subject, 'penalty', spec, { penaltyCategory: '罚款', fineAmount: '1.0000', violationType: '虚假宣传' }, 'GENERAL');
}

/** An administrative licence (行政许可): not a dishonesty record, no severity, no document. */
export function recordLicence(server: TestServer, subject: BuiltSubject, spec: RecordSpec): Promise<BuiltRecord> {
  docSeq += 1;
  return record(server, subject, 'licence', spec, {
    licenceCategory: '普通', documentName: '准予行政许可决定书', documentNumber: `测许〔${spec.decisionDate.slice(0, 4)}〕${docSeq}号`, certificateName: '食品经营许可证',
  }, null);
}

const REVOKE = 'mutation($id: ID!, $reason: String!) { revokeCreditRecord(id: $id, reason: $reason) { id } }';

/** Revokes a record (行政处罚法 第四十八条) as the providing system's agency `by`. */
export async function revokeRecord(server: TestServer, record: BuiltRecord, spec: { by: string; reason?: string }): Promise<void> {
  const headers = await authHeaders({ role: 'DEPARTMENT', agency: spec.by }, 'CREDIT_SUPERVISION');
  ok(await server.gql(REVOKE, { id: record.id, reason: spec.reason ?? '原处罚决定已被依法撤销（测试）。' }, headers), 'revokeCreditRecord');
}

export interface ConsentSpec {
  agencyCode: string;
  purposes: string[];
  itemCodes: string[];
  /** ISO instant; default 30 days after the server's clock (`now`). */
  expiresAt: string;
}

const GRANT = 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id state } }';

/** The subject itself grants a consent (PIPL 第十四条), as it would through the portal. */
export async function grantConsent(server: TestServer, subject: BuiltSubject, spec: ConsentSpec): Promise<{ id: string }> {
  const input = { ...spec, channel: '测试渠道', evidence: '授权书电子签名摘要（测试）' };
  return { id: ok(await server.gql(GRANT, { input }, await authHeaders({ role: 'SUBJECT', subject: subject.id })), 'grantConsent').id };
}

export interface ListingSpec {
  listType: string;
  /** The notifying and deciding agency (its system decides the list, its area holds the subject). */
  by: string;
  reasons?: string;
  /** The listing period the decision states, where the list type leaves it to the decision. */
  listingPeriodMonths?: number;
}

export interface BuiltEntry {
  /** Opaque SeriousListEntry id. */
  readonly id: string;
  readonly objectionDeadline: string;
  /** The listing's credit record and last day, once decided. */
  readonly recordId: string | null;
  readonly listedUntil: string | null;
}

const ENTRY = 'id objectionDeadline decision { creditRecordId listedUntil }';
const NOTIFY = `mutation($input: NotifySeriousListingInput!) { notifySeriousListing(input: $input) { ${ENTRY} } }`;
const DECIDE = `mutation($input: DecideSeriousListingInput!) { decideSeriousListing(input: $input) { ${ENTRY} } }`;
const listDept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'CREDIT_SUPERVISION');
type EntryData = { id: string; objectionDeadline: string; decision: { creditRecordId: string | null; listedUntil: string } | null };
const entryOf = (e: EntryData): BuiltEntry => ({
  id: e.id, objectionDeadline: e.objectionDeadline, recordId: e.decision?.creditRecordId ?? null, listedUntil: e.decision?.listedUntil ?? null,
});

/** 告知: a NOTIFIED entry, its objection window running from the server's today. */
export async function notifyListing(server: TestServer, subject: BuiltSubject, spec: ListingSpec): Promise<BuiltEntry> {
  const input = { listType: spec.listType, reasons: spec.reasons ?? '经核查，当事人存在严重失信行为（测试）。', ...subject.ref };
  return entryOf(ok(await server.gql(NOTIFY, { input }, await listDept(spec.by)), 'notifySeriousListing'));
}

/** 决定: lists a NOTIFIED entry; the server's clock must be past its objection window. */
export async function decideListing(
  server: TestServer, entry: BuiltEntry,
  spec: { by: string; effectiveOn: string; listType?: string; statutoryBasis?: string; listingPeriodMonths?: number },
): Promise<BuiltEntry> {
  docSeq += 1;
  const input = {
    entryId: entry.id, reasons: '经核查，当事人存在严重失信行为，告知期满未提出异议（测试）。', listingPeriodMonths: spec.listingPeriodMonths,
    ...(spec.listType === 'COURT_DEFAULTER' ? courtDecision(spec.effectiveOn) : { document: listingDocument(spec.effectiveOn, spec.statutoryBasis) }),
  };
  return entryOf(ok(await server.gql(DECIDE, { input }, await listDept(spec.by)), 'decideSeriousListing'));
}

function listingDocument(effectiveOn: string, statutoryBasis: string | undefined) {
  // `statutoryBasis` names the instrument (《…》); the decision cites it as a structured reference.
  const statutoryReference = { level: 'DEPARTMENT_RULE', title: statutoryBasis ?? '《市场监督管理严重违法失信名单管理办法》' };
  return { kind: 'OTHER_STATUTORY', number: `测列〔${effectiveOn.slice(0, 4)}〕${docSeq}号`, effectiveOn, title: '列入严重失信主体名单决定书', statutoryReference };
}

/** The court list rests on a court's decision (JUDGMENT) and states the enforcement case. */
function courtDecision(effectiveOn: string) {
  const caseNumber = `（${effectiveOn.slice(0, 4)}）测执${docSeq}号`;
  return {
    document: { kind: 'JUDGMENT', number: caseNumber, effectiveOn, title: '决定书（纳入失信被执行人名单）' },
    courtCase: {
      caseNumber, enforcementBasisNumber: `（${effectiveOn.slice(0, 4)}）测民初${docSeq}号`, enforcementBasisIssuer: '人民法院（测试）',
      obligation: '支付货款人民币50,000元及利息。', performance: '全部未履行', filedOn: effectiveOn,
    },
  };
}

const APPLY = 'mutation($input: ApplyPunishmentMeasureInput!) { applyPunishmentMeasure(input: $input) { id } }';

/** A punishment measure applied by an implementing department to a record or a list entry. */
export async function applyMeasure(server: TestServer, spec: { by: string; measureCode: string; creditRecordId?: string; listEntryId?: string }): Promise<{ id: string }> {
  const { by, ...input } = spec;
  const headers = await authHeaders({ role: 'DEPARTMENT', agency: by }, 'JOINT_PUNISHMENT');
  return { id: ok(await server.gql(APPLY, { input }, headers), 'applyPunishmentMeasure').id };
}

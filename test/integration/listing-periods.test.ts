/**
 * Issue 13 item 5 (and item 6 on listing decisions) through the real server: the listing period
 * stated in the decision, within the list type's bounds (政府采购法 第七十七条: 一至三年), and the
 * list type's minimum before early removal or credit repair (总局令第44号: 列入满一年).
 */
import { sql } from 'drizzle-orm';
import { repairApplications } from '../../src/db/schema';
import { addDays, addMonths } from '../../src/time/legal-date';
import { builder, type Builder } from '../support/builders';
import { codeOf, messageOf, ok, opaque, rowId } from '../support/responses';
import { authHeaders, startTestServer, type TestServer } from '../support/server';

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00+08:00`);
let clock = at('2026-11-02');
let server: TestServer;
let build: Builder;

beforeAll(async () => {
  server = await startTestServer({ seed: false, now: () => clock });
  build = builder(server, { clock: { now: () => clock, set: (d) => (clock = d) } });
  await build.agencies('SAMR', 'SAMR_320000', 'SAMR_320100', 'SAMR_320106', 'MOF', 'MOF_320000', 'MOF_320100', 'SPC', 'SPC_320000', 'SPC_320100', 'SPC_320106');
}, 120_000);
afterAll(() => server.close());

const ENTRY = 'id objectionDeadline decision { listedUntil creditRecordId }';
const DECIDE = `mutation($input: DecideSeriousListingInput!) { decideSeriousListing(input: $input) { ${ENTRY} } }`;
const REMOVE = `mutation($input: RemoveFromSeriousListInput!) { removeFromSeriousList(input: $input) { id state } }`;
const APPLY_REPAIR = 'mutation($input: ApplyForCreditRepairInput!) { applyForCreditRepair(input: $input) { id state } }';
const DECIDE_REPAIR = 'mutation($input: DecideCreditRepairInput!) { decideCreditRepair(input: $input) { id state } }';
const dept = (agency: string) => authHeaders({ role: 'DEPARTMENT', agency }, 'CREDIT_SUPERVISION');

let seq = 0;
function decision(entryId: string, effectiveOn: string, extra: Record<string, unknown> = {}, doc: Record<string, unknown> = {}) {
  seq += 1;
  return {
    entryId, reasons: '提供虚假材料谋取中标（测试）。',
    document: { kind: 'ADMINISTRATIVE_PENALTY', number: `宁财购罚〔2026〕${seq}号`, effectiveOn, title: '行政处罚决定书', ...doc },
    ...extra,
  };
}

describe('case-by-case listing periods (政府采购法 第七十七条)', () => {
  it('lists for the period the decision states within one to three years, and refuses one outside or none', async () => {
    const supplier = await build.legalPerson({ region: '320106' });
    clock = at('2026-11-02');
    const notice = await build.notice(supplier, { listType: 'GOVERNMENT_PROCUREMENT_SERIOUS', by: 'MOF_320100' });
    const decidedOn = addDays(notice.objectionDeadline, 1);
    clock = at(decidedOn);
    const headers = await dept('MOF_320100');
    const none = await server.gql(DECIDE, { input: decision(notice.id, decidedOn) }, headers);
    expect(codeOf(none)).toBe('LISTING_PERIOD_OUT_OF_BOUNDS');
    expect(messageOf(none)).toContain('must state its listing period (listingPeriodMonths), 12 to 36 months');
    const four = await server.gql(DECIDE, { input: decision(notice.id, decidedOn, { listingPeriodMonths: 48 }) }, headers);
    expect(codeOf(four)).toBe('LISTING_PERIOD_OUT_OF_BOUNDS');
    expect(messageOf(four)).toContain('48 months is outside its bounds, 12 to 36 months');
    const listed = ok(await server.gql(DECIDE, { input: decision(notice.id, decidedOn, { listingPeriodMonths: 18 }) }, headers), 'decideSeriousListing');
    expect(listed.decision.listedUntil).toBe(addMonths(decidedOn, 18));
  });

  it('refuses a listing decision whose document is not one the list item rests on (the court list on an administrative penalty)', async () => {
    const debtor = await build.legalPerson({ region: '320106' });
    clock = at('2026-11-02');
    const notice = await build.notice(debtor, { listType: 'COURT_DEFAULTER', by: 'SPC_320106' });
    const decidedOn = addDays(notice.objectionDeadline, 1);
    clock = at(decidedOn);
    const res = await server.gql(DECIDE, { input: decision(notice.id, decidedOn) }, await dept('SPC_320106'));
    expect(codeOf(res)).toBe('DOCUMENT_NOT_ACCEPTED');
    expect(messageOf(res)).toContain('rests on JUDGMENT, not ADMINISTRATIVE_PENALTY');
  });
});

describe('the market-regulation list\'s 列入满一年 before early removal or repair', () => {
  it('refuses repair and early removal 54 days after listing, and allows them after a year', async () => {
    const firm = await build.legalPerson({ region: '320106' });
    const entry = await build.listing(firm, { listType: 'SAMR_SERIOUS_VIOLATION', by: 'SAMR_320106', notifiedOn: '2026-11-02' });
    const listedOn = addDays(entry.objectionDeadline, 1);
    clock = at(addDays(listedOn, 54));
    const subject = await authHeaders({ role: 'SUBJECT', subject: firm.id });
    const apply = { listEntryId: entry.id, commitment: '本企业承诺所提交材料真实有效，如有不实愿承担相应法律责任。', obligationsEvidence: '罚款已缴清，整改报告见附件。' };
    const early = await server.gql(APPLY_REPAIR, { input: apply }, subject);
    expect(codeOf(early)).toBe('EARLY_REMOVAL_TOO_SOON');
    expect(messageOf(early)).toContain(`only from ${addDays(listedOn, 365)}`);
    const removal = await server.gql(REMOVE, { input: { entryId: entry.id, reason: 'CONDITIONS_MET', note: '已改正违法行为' } }, await dept('SAMR_320106'));
    expect(codeOf(removal)).toBe('EARLY_REMOVAL_TOO_SOON');

    // An application already on file (filed before the rule was enforced) cannot be approved early either.
    const [filed] = await server.database.db.insert(repairApplications).values({
      subjectId: firm.id, listEntryId: rowId(entry.id), commitment: apply.commitment, obligationsEvidence: apply.obligationsEvidence,
      filedAt: clock, dueAt: new Date(clock.getTime() + 10 * 86_400_000),
    }).returning({ id: repairApplications.id });
    const approve = { id: opaque('CreditRepairApplication', filed!.id), approve: true, treatment: 'SHIELDED', reason: '已履行义务并完成整改。' };
    const approved = await server.gql(DECIDE_REPAIR, { input: approve }, await dept('SAMR_320106'));
    expect(codeOf(approved)).toBe('EARLY_REMOVAL_TOO_SOON');
    await server.database.db.execute(sql`UPDATE repair_applications SET state = 'REJECTED', decided_at = now(), decided_by = 'SAMR_320106', decision_reason = '测试' WHERE id = ${filed!.id}`);

    // A full year on, the listing may end early (removal needs no working-day count, so no 2027 calendar).
    clock = at(addDays(listedOn, 366));
    const removed = ok(await server.gql(REMOVE, { input: { entryId: entry.id, reason: 'CONDITIONS_MET', note: '列入满一年，已改正违法行为' } }, await dept('SAMR_320106')), 'removeFromSeriousList');
    expect(removed.state).toBe('REMOVED');
  });
});

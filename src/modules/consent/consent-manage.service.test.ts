/**
 * Consent management on in-memory repositories (test/support/memory-work.ts): the rules of
 * granting and revoking — only consent-based purposes, only items the catalog shares with the
 * agency for them, never a lifetime grant, revocation once and only of one's own live consent —
 * against the shipped catalog and the demo agency registry, with no database. Through the API
 * and on the database: test/integration/consent*.test.ts.
 */
import type { KeyType, Seek } from '../../db/keyset';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../errors';
import { memoryWork, type MemoryWork } from '../../../test/support/memory-work';
import { demoAgencyDirectory, shippedCatalogIndex } from '../../../test/support/unit-fixtures';
import type { Caller } from '../caller';
import type { RepoOf } from '../unit-of-work';
import type { GrantConsentInput } from './consent.input';
import { ConsentManagementService, consentState } from './consent-manage.service';
import type { ConsentRepo, ConsentRow, NewConsent } from './consent.repo';

const EXPIRES = new Date('2026-12-31T16:00:00Z');
const DAY_MS = 86_400_000;

describe('consentState', () => {
  it('is ACTIVE until the instant of expiry, and EXPIRED from it', () => {
    expect(consentState({ expiresAt: EXPIRES, revokedAt: null }, new Date(EXPIRES.getTime() - 1))).toBe('ACTIVE');
    expect(consentState({ expiresAt: EXPIRES, revokedAt: null }, EXPIRES)).toBe('EXPIRED');
  });

  it('is REVOKED from the instant of revocation, not before', () => {
    const revokedAt = new Date('2026-06-01T02:00:00Z');
    expect(consentState({ expiresAt: EXPIRES, revokedAt }, new Date(revokedAt.getTime() - 1))).toBe('ACTIVE');
    expect(consentState({ expiresAt: EXPIRES, revokedAt }, revokedAt)).toBe('REVOKED');
  });

  it('says REVOKED rather than EXPIRED for a consent withdrawn before it ran out', () => {
    expect(consentState({ expiresAt: EXPIRES, revokedAt: new Date('2026-06-01T02:00:00Z') }, new Date('2027-06-01T00:00:00Z'))).toBe('REVOKED');
  });
});

/** The consents table in memory, with the repository's conditions (ConsentRepo). */
class MemoryConsents implements RepoOf<ConsentRepo> {
  readonly rows: ConsentRow[] = [];

  async live(subjectIds: readonly number[], agencyCode: string, purpose: string, at: Date) {
    return this.rows.filter((r) => subjectIds.includes(r.subjectId) && r.granteeAgencyCode === agencyCode && r.purposes.includes(purpose)
      && r.grantedAt <= at && r.expiresAt > at && (r.revokedAt === null || r.revokedAt > at));
  }

  async insert(consent: NewConsent): Promise<ConsentRow> {
    const row = { id: this.rows.length + 1, revokedAt: null, ...consent } as ConsentRow;
    this.rows.push(row);
    return row;
  }

  async findById(id: number) {
    return this.rows.find((r) => r.id === id);
  }

  async revoke(id: number, subjectId: number, at: Date) {
    const row = this.rows.find((r) => r.id === id && r.subjectId === subjectId && r.revokedAt === null && r.expiresAt > at && r.grantedAt <= at);
    if (row) row.revokedAt = at;
    return row;
  }

  keyset() {
    return { types: ['timestamp', 'int'] as KeyType[], keyOf: (r: ConsentRow) => [r.grantedAt, r.id] };
  }

  /** Newest grant first, ties by id; the cursor's key ends with the row id (consent.repo CONSENT_ORDER). */
  async pageForSubject(subjectId: number, seek: Seek) {
    const mine = this.rows.filter((r) => r.subjectId === subjectId)
      .sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime() || b.id - a.id);
    const afterId = seek.after ? Number(seek.after[seek.after.length - 1]) : undefined;
    const start = afterId === undefined ? 0 : mine.findIndex((r) => r.id === afterId) + 1;
    return { rows: mine.slice(start, start + seek.limit), total: mine.length, through: start };
  }
}

const catalog = shippedCatalogIndex();
const sharedWithBanks = (purpose: string) => catalog.itemsInForce().filter(({ share }) =>
  share.scope !== 'NONE' && (share.agencies.includes('*') || share.agencies.includes('BANK')) && share.purposes.includes(purpose));
const BANK_ITEM = sharedWithBanks('FINANCIAL_SERVICE')[0]!.code;
const NOT_FOR_BANKS = catalog.itemsInForce().find((i) => !sharedWithBanks('FINANCIAL_SERVICE').includes(i))!.code;

const NOW = new Date('2026-03-02T01:00:00Z');
const subject = (subjectId: number, now = NOW) =>
  ({ principal: { role: 'SUBJECT', id: `subject-${subjectId}`, subjectId } satisfies Principal, now }) as unknown as Caller;

function grantInput(over: Partial<GrantConsentInput> = {}): GrantConsentInput {
  return {
    agencyCode: 'JL_BANK', purposes: ['FINANCIAL_SERVICE'], itemCodes: [BANK_ITEM],
    expiresAt: new Date(NOW.getTime() + 90 * DAY_MS), channel: ' 手机银行 ', evidence: 'form 2026-0001', ...over,
  };
}

async function errorOf(p: Promise<unknown>) {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('ConsentManagementService on in-memory repositories', () => {
  let consents: MemoryConsents;
  let work: MemoryWork;
  let service: ConsentManagementService;

  beforeEach(async () => {
    consents = new MemoryConsents();
    work = memoryWork({ consents });
    service = new ConsentManagementService(work, catalog, await demoAgencyDirectory(), 365);
  });

  it('grants in one statement, no transaction: the subject\'s own consent, texts trimmed, duplicates merged', async () => {
    const granted = await service.grant(subject(7), grantInput({ purposes: ['FINANCIAL_SERVICE', ' FINANCIAL_SERVICE'], itemCodes: [BANK_ITEM, BANK_ITEM] }));
    expect(granted).toMatchObject({ agencyCode: 'JL_BANK', agencyName: '江苏金陵商业银行股份有限公司', purposes: ['FINANCIAL_SERVICE'], itemCodes: [BANK_ITEM], state: 'ACTIVE', channel: '手机银行' });
    expect(consents.rows).toEqual([expect.objectContaining({ subjectId: 7, granteeAgencyCode: 'JL_BANK', grantedAt: NOW })]);
    expect(work.transactions).toBe(0);
  });

  it('refuses a purpose agencies read for on their legal duty: a consent there would change nothing', async () => {
    const err = await errorOf(service.grant(subject(7), grantInput({ purposes: ['JOINT_PUNISHMENT'] })));
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('does not rest on consent (STATUTORY_DUTY)');
    expect(err.message).toContain('Consent can be given for: ');
    expect(consents.rows).toEqual([]);
  });

  it('refuses an item the catalog does not share with the agency for the purpose: a consent cannot widen the catalog', async () => {
    const err = await errorOf(service.grant(subject(7), grantInput({ itemCodes: [BANK_ITEM, NOT_FOR_BANKS] })));
    expect(err).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining(`item ${NOT_FOR_BANKS} `) });
    expect(err.message).toContain('is not shared with JL_BANK for FINANCIAL_SERVICE');
    expect(consents.rows).toEqual([]);
  });

  it('refuses a lifetime grant and one beyond the maximum, and accepts one of exactly the maximum', async () => {
    expect(await errorOf(service.grant(subject(7), grantInput({ expiresAt: null })))).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('lifetime grant') });
    const latest = new Date(NOW.getTime() + 365 * DAY_MS);
    expect((await errorOf(service.grant(subject(7), grantInput({ expiresAt: new Date(latest.getTime() + 1) })))).message).toContain('at most 365 days ahead');
    expect((await errorOf(service.grant(subject(7), grantInput({ expiresAt: NOW })))).message).toContain('is not in the future');
    await expect(service.grant(subject(7), grantInput({ expiresAt: latest }))).resolves.toMatchObject({ expiresAt: latest });
    expect(consents.rows).toHaveLength(1);
  });

  it('refuses an unknown agency, and anyone who is not a subject', async () => {
    expect(await errorOf(service.grant(subject(7), grantInput({ agencyCode: 'NO_SUCH' })))).toEqual({ code: 'NOT_FOUND', message: 'agencyCode: no agency NO_SUCH' });
    const department = { principal: { role: 'DEPARTMENT', id: 'd', agencyCode: 'SAMR_320100' }, now: NOW } as unknown as Caller;
    expect((await errorOf(service.grant(department, grantInput()))).code).toBe('FORBIDDEN');
  });

  it('revokes once, from the request\'s instant; again is INVALID_TRANSITION, another subject\'s is NOT_FOUND', async () => {
    const { id } = await service.grant(subject(7), grantInput());
    const later = new Date(NOW.getTime() + DAY_MS);
    expect(await service.revoke(subject(8, later), id).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.revoke(subject(7, later), id)).resolves.toMatchObject({ state: 'REVOKED', revokedAt: later });
    expect(await consents.live([7], 'JL_BANK', 'FINANCIAL_SERVICE', later)).toEqual([]);
    expect(await consents.live([7], 'JL_BANK', 'FINANCIAL_SERVICE', NOW)).toHaveLength(1);
    const again = await errorOf(service.revoke(subject(7, new Date(later.getTime() + 1)), id));
    expect(again).toEqual({ code: 'INVALID_TRANSITION', message: `consent ${id} was already revoked at ${later.toISOString()}` });
    expect(work.transactions).toBe(0);
  });

  it('will not revoke an expired consent: there is nothing left to revoke', async () => {
    const { id, expiresAt } = await service.grant(subject(7), grantInput({ expiresAt: new Date(NOW.getTime() + DAY_MS) }));
    const err = await errorOf(service.revoke(subject(7, new Date(NOW.getTime() + 2 * DAY_MS)), id));
    expect(err).toEqual({ code: 'INVALID_TRANSITION', message: `consent ${id} expired at ${expiresAt.toISOString()}; there is nothing left to revoke` });
    expect(consents.rows[0]!.revokedAt).toBeNull();
  });

  it('lists only the subject\'s own consents, newest first, each in its state at the request\'s time', async () => {
    await service.grant(subject(7), grantInput({ expiresAt: new Date(NOW.getTime() + DAY_MS) }));
    await service.grant(subject(8), grantInput());
    await service.grant(subject(7, new Date(NOW.getTime() + 1000)), grantInput());
    const page = await service.list(subject(7, new Date(NOW.getTime() + 2 * DAY_MS)), { first: 10 });
    expect(page.edges.map((e) => e.node.state)).toEqual(['ACTIVE', 'EXPIRED']);
    expect(page.totalCount).toBe(2);
  });
});

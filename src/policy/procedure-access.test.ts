/**
 * Procedure access as pure decisions (src/policy/procedure-access.ts): jurisdiction of the
 * procedural powers over the demo hierarchy, the listing rules of 49号 四(八), and who reads
 * which procedures. Authorities are built the way the request context builds them.
 */
import type { Principal } from '../auth/principal';
import { NO_AUTHORITY, resolveAuthority, type CallerAuthority } from './authority';
import { isWithin, parentOf, type AgencyFacts, type Level } from './jurisdiction';
import {
  actingAgency, actingSubject, levelProblem, mayActOn, mayDecideList, mayNotifySubject, mayReadListType, procedureBasis, procedureScope,
  scopeBasis, superiorsOf, type ProcedureAction, type ProcedureThing,
} from './procedure-access';

const agency = (code: string, system: string, level: Level, regionCode: string): AgencyFacts => ({ code, system, level, kind: 'DEPARTMENT', regionCode });

const SAMR = agency('SAMR', 'SAMR', 'NATIONAL', '100000');
const SAMR_JIANGSU = agency('SAMR_320000', 'SAMR', 'PROVINCE', '320000');
const SAMR_NANJING = agency('SAMR_320100', 'SAMR', 'PREFECTURE', '320100');
const SAMR_GULOU = agency('SAMR_320106', 'SAMR', 'COUNTY', '320106');
const SAMR_XUANWU = agency('SAMR_320102', 'SAMR', 'COUNTY', '320102');
const SAMR_GUANGDONG = agency('SAMR_440000', 'SAMR', 'PROVINCE', '440000');
const SAMR_GUANGZHOU = agency('SAMR_440100', 'SAMR', 'PREFECTURE', '440100');
const SAMR_TIANJIN = agency('SAMR_120000', 'SAMR', 'PROVINCE', '120000');
const SAMR_HEPING = agency('SAMR_120101', 'SAMR', 'COUNTY', '120101');
const STA_NANJING = agency('STA_320100', 'STA', 'PREFECTURE', '320100');
const SAMR_TOWNSHIP = agency('SAMR_320106_NHL', 'SAMR', 'TOWNSHIP', '320106');
const REGISTRY = [SAMR, SAMR_JIANGSU, SAMR_NANJING, SAMR_GULOU, SAMR_XUANWU, SAMR_GUANGDONG, SAMR_GUANGZHOU, SAMR_TIANJIN, SAMR_HEPING, STA_NANJING, SAMR_TOWNSHIP];
const byCode = new Map(REGISTRY.map((a) => [a.code, a]));
const parent = (code: string) => parentOf(byCode.get(code)!, REGISTRY);

/** The authority the request context resolves for a department of `a` (src/modules/agency/agency.directory.ts). */
const authorityOf = (a: AgencyFacts): CallerAuthority =>
  resolveAuthority({ agency: a, agreements: [], jurisdiction: REGISTRY.filter((o) => isWithin(a, o)).map((o) => o.code), today: '2026-12-01' });
const dept = (a: AgencyFacts): Principal => ({ role: 'DEPARTMENT', id: `t-${a.code}`, agencyCode: a.code });

const record = (by: AgencyFacts, system = by.system): ProcedureThing => ({
  kind: 'RECORD', id: `R-${by.code}`, recordedBy: by.code, above: superiorsOf(by.code, parent), system,
});
const entry = (by: AgencyFacts): ProcedureThing => ({ ...record(by), kind: 'ENTRY', id: `E-${by.code}` });

const ACTIONS: readonly ProcedureAction[] = ['record.revoke', 'objection.decide', 'repair.decide', 'list.decide', 'list.remove', 'list.drop'];

describe('mayActOn: jurisdiction of the procedural powers', () => {
  // actor × target recorded by: self / a subordinate / a peer of another city / a superior / another county of its city
  const cases: Array<[string, AgencyFacts, AgencyFacts, boolean]> = [
    ['the recorder itself', SAMR_GULOU, SAMR_GULOU, true],
    ['its city bureau, for a county bureau\'s record', SAMR_NANJING, SAMR_GULOU, true],
    ['its province bureau', SAMR_JIANGSU, SAMR_GULOU, true],
    ['the national bureau, for anyone of its system', SAMR, SAMR_GUANGZHOU, true],
    ['a county bureau, for a Guangzhou record', SAMR_GULOU, SAMR_GUANGZHOU, false],
    ['a county bureau, for a Tianjin record', SAMR_GULOU, SAMR_HEPING, false],
    ['a county bureau, for its superior\'s record', SAMR_GULOU, SAMR_NANJING, false],
    ['a county bureau, for another county of its city', SAMR_GULOU, SAMR_XUANWU, false],
    ['a province bureau, for another province\'s city', SAMR_JIANGSU, SAMR_GUANGZHOU, false],
  ];
  for (const action of ACTIONS) {
    it.each(cases)(`${action}: %s → %s`, (_, actor, recorder, allowed) => {
      const thing = action.startsWith('list.') ? entry(recorder) : record(recorder);
      const d = mayActOn(authorityOf(actor), dept(actor), action, thing);
      expect(d.ok).toBe(allowed);
      if (!d.ok) {
        expect(d.code).toBe('FORBIDDEN');
        expect(d.message).toContain(`by ${recorder.code}; only it`);
        expect(d.message).toContain(`your agency ${actor.code} is not`);
      } else {
        expect(d).toMatchObject({ agency: actor, basis: 'HANDLING_AGENCY' });
      }
    });
  }

  it('names the recorder, the agencies above it and the caller, as the issue asks', () => {
    const d = mayActOn(authorityOf(SAMR_GULOU), dept(SAMR_GULOU), 'objection.decide', record(SAMR_GUANGZHOU));
    expect(d).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: `record R-SAMR_440100 was made by SAMR_440100; only it or an agency above it (SAMR_440000, SAMR) decides objections about it; your agency SAMR_320106 is not (管辖: an agency acts on what it or the agencies under it recorded)`,
    });
  });

  it('checks the handling system before jurisdiction, naming it', () => {
    const d = mayActOn(authorityOf(STA_NANJING), dept(STA_NANJING), 'objection.decide', record(SAMR_NANJING));
    expect(d).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/catalog item is provided by SAMR; .*STA_320100 belongs to STA/) });
    const e = mayActOn(authorityOf(STA_NANJING), dept(STA_NANJING), 'list.drop', entry(SAMR_NANJING));
    expect(e).toMatchObject({ ok: false, message: expect.stringMatching(/the entry was notified by SAMR/) });
  });

  it('refuses any caller that is not a department acting for a known agency', () => {
    const thing = record(SAMR_GULOU);
    expect(mayActOn(NO_AUTHORITY, dept(SAMR_GULOU), 'record.revoke', thing)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(mayActOn(authorityOf(SAMR_GULOU), { role: 'AUDITOR', id: 'a', agencyCode: 'SAMR_320106' }, 'record.revoke', thing)).toMatchObject({ ok: false });
    expect(actingAgency(authorityOf(SAMR_GULOU), dept(SAMR_GULOU), 'list.notify')).toEqual({ ok: true, agency: SAMR_GULOU });
  });
});

describe('listing rules (49号 四(八))', () => {
  const type = { code: 'SAMR_SERIOUS_VIOLATION', decidingSystem: 'SAMR', minDecidingLevel: 'COUNTY' as Level };

  it('keeps the deciding system and minimum level', () => {
    expect(mayDecideList(SAMR_GULOU, type)).toEqual({ ok: true });
    expect(mayDecideList(STA_NANJING, type)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('decided by SAMR agencies; STA_320100 belongs to STA') });
    expect(mayDecideList(SAMR_TOWNSHIP, type)).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE', message: expect.stringContaining('TOWNSHIP level') });
    expect(levelProblem({ code: 'X', minDecidingLevel: 'PREFECTURE' }, SAMR_GULOU)).toMatch(/COUNTY level; X listings are decided at PREFECTURE level or above/);
    expect(levelProblem({ code: 'X', minDecidingLevel: 'PREFECTURE' }, SAMR_NANJING)).toBeUndefined();
  });

  it.each([
    ['SAMR_320106', SAMR_GULOU, '320106', true],
    ['SAMR_320106', SAMR_GULOU, '440305', false], // a Nanjing county office and a Shenzhen company
    ['SAMR_320106', SAMR_GULOU, '320102', false],
    ['SAMR_320100', SAMR_NANJING, '320102', true],
    ['SAMR_320100', SAMR_NANJING, '440305', false],
    ['SAMR_320000', SAMR_JIANGSU, '320106', true],
    ['SAMR', SAMR, '440305', true],
  ])('%s notifies a subject of region %s → %s', (_code, actor, region, allowed) => {
    const d = mayNotifySubject(actor, { label: '91440300MA5XXXXXXX', regionCode: region });
    expect(d.ok).toBe(allowed);
    if (!d.ok) expect(d.message).toContain(`registered in region ${region}, outside the area of ${actor.code}`);
  });

  it('names the areas whose agencies may notify instead', () => {
    const d = mayNotifySubject(SAMR_GULOU, { label: 'S', regionCode: '440305' });
    expect(d).toMatchObject({ ok: false, message: expect.stringContaining('(440305, 440300, 440000, national)') });
  });

  it('lets a department read only its own system\'s lists', () => {
    expect(mayReadListType(SAMR_GULOU, type)).toEqual({ ok: true });
    expect(mayReadListType(STA_NANJING, type)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('reading procedures', () => {
  it('scopes a department to its jurisdiction, a subject to itself, an auditor to all', () => {
    const county = procedureScope(authorityOf(SAMR_GULOU), dept(SAMR_GULOU), 'no');
    expect(county).toEqual({ ok: true, scope: { kind: 'HANDLER', agency: SAMR_GULOU, agencies: ['SAMR_320106', 'SAMR_320106_NHL'] } });
    const city = procedureScope(authorityOf(SAMR_NANJING), dept(SAMR_NANJING), 'no');
    expect(city.ok && city.scope.kind === 'HANDLER' && [...city.scope.agencies].sort()).toEqual(['SAMR_320100', 'SAMR_320102', 'SAMR_320106', 'SAMR_320106_NHL']);
    expect(procedureScope(NO_AUTHORITY, { role: 'SUBJECT', id: 's', subjectId: 7 }, 'no')).toEqual({ ok: true, scope: { kind: 'SUBJECT', subjectId: 7 } });
    expect(procedureScope(NO_AUTHORITY, { role: 'AUDITOR', id: 'a' }, 'no')).toEqual({ ok: true, scope: { kind: 'ALL' } });
    expect(procedureScope(NO_AUTHORITY, { role: 'DEPARTMENT', id: 'd', agencyCode: 'NOWHERE' }, 'read by them')).toEqual({ ok: false, code: 'FORBIDDEN', message: 'read by them' });
    expect(procedureScope(NO_AUTHORITY, { role: 'PARTNER', id: 'p', agencyCode: 'JL_BANK' }, 'no')).toMatchObject({ ok: false });
    expect(scopeBasis({ kind: 'ALL' })).toBe('AUDIT');
    expect(scopeBasis({ kind: 'SUBJECT', subjectId: 1 })).toBe('OWN');
  });

  it('shows one procedure object only to its subject, its jurisdiction and auditors', () => {
    const about = { subjectId: 7, recordedBy: 'SAMR_320106' };
    expect(procedureBasis(authorityOf(SAMR_GULOU), dept(SAMR_GULOU), about)).toBe('HANDLING_AGENCY');
    expect(procedureBasis(authorityOf(SAMR_NANJING), dept(SAMR_NANJING), about)).toBe('HANDLING_AGENCY');
    expect(procedureBasis(authorityOf(SAMR_XUANWU), dept(SAMR_XUANWU), about)).toBeUndefined();
    expect(procedureBasis(authorityOf(SAMR_GUANGZHOU), dept(SAMR_GUANGZHOU), about)).toBeUndefined();
    expect(procedureBasis(NO_AUTHORITY, { role: 'SUBJECT', id: 's', subjectId: 7 }, about)).toBe('OWN');
    expect(procedureBasis(NO_AUTHORITY, { role: 'SUBJECT', id: 's', subjectId: 8 }, about)).toBeUndefined();
    expect(procedureBasis(NO_AUTHORITY, { role: 'AUDITOR', id: 'a' }, about)).toBe('AUDIT');
  });

  it('binds subject acts to the token\'s subject', () => {
    expect(actingSubject({ role: 'SUBJECT', id: 's', subjectId: 3 }, 'm')).toEqual({ ok: true, subjectId: 3 });
    expect(actingSubject(dept(SAMR_GULOU), 'only subjects')).toEqual({ ok: false, code: 'FORBIDDEN', message: 'only subjects' });
  });
});

describe('superiorsOf', () => {
  it('walks the registry\'s parents, nearest first', () => {
    expect(superiorsOf('SAMR_320106', parent)).toEqual(['SAMR_320100', 'SAMR_320000', 'SAMR']);
    expect(superiorsOf('SAMR_120101', parent)).toEqual(['SAMR_120000', 'SAMR']);
    expect(superiorsOf('SAMR', parent)).toEqual([]);
  });
});
